import "server-only";
import { notify } from "@/lib/notifications/notify";
import type { Tx } from "@/lib/service-context";
import type { GateCheckRow } from "./batch";
import { denialSummary } from "./denial-summary";

/**
 * Raises `gate.denied` for the denied checks of a batch that targeted a production environment
 * (DeploymentEnvironment.production), called by the fold (./fold.ts) inside its transaction,
 * before it takes the audit chain lock. Runs off the gate's hot path: a gate call still costs
 * one insert, and its denial is announced within about a second (the fold's delay).
 *
 * Flood control: checks are grouped by system, environment, set of reason codes and clock hour
 * (UTC) of the check; each group raises one event whose de-duplication key is exactly that, so
 * a pipeline retrying a denied production deployment notifies each person (and each webhook)
 * at most once per hour per distinct reason set, across batches and instances. Checks the
 * caller could not see (`systemId` null: unknown systems) notify nobody.
 *
 * @returns the number of events raised (groups), whether or not anyone new was notified.
 */
export async function notifyProductionDenials(tx: Tx, rows: readonly GateCheckRow[]): Promise<number> {
  const denied = rows.filter((r) => !r.allow && r.systemId);
  if (denied.length === 0) return 0;
  const environments = [...new Set(denied.map((r) => r.environment))];
  const production = new Set(
    (await tx.deploymentEnvironment.findMany({ where: { key: { in: environments }, production: true }, select: { key: true } })).map((e) => e.key),
  );
  const groups = new Map<string, { row: GateCheckRow; codes: string[] }>();
  for (const row of denied) {
    if (!production.has(row.environment)) continue;
    const codes = [...new Set(row.reasons)];
    const key = [row.systemId, row.environment, codes.join("+"), row.checkedAt.toISOString().slice(0, 13)].join("|");
    if (!groups.has(key)) groups.set(key, { row, codes });
  }
  for (const { row, codes } of groups.values()) {
    await notify(tx, {
      kind: "gate.denied",
      actorId: row.actorId,
      systemId: row.systemId!,
      environment: row.environment,
      reasonCodes: codes.slice(0, 20),
      reason: denialSummary(codes).slice(0, 300),
      checkedAt: row.checkedAt.toISOString(),
      href: `/systems/${row.systemId}/approvals`,
    });
  }
  return groups.size;
}
