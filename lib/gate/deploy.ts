import "server-only";
import type { Actor, RequestMeta } from "@/lib/authz/actor";
import { lockRows } from "@/lib/db/locks";
import type { Db } from "@/lib/db/create-client";
import { withTransaction } from "@/lib/service-context";
import { transitionLifecycle } from "@/lib/systems/lifecycle";

/**
 * The deployment gate's first allow for a production environment deploys the system: APPROVED → DEPLOYED
 * (DESIGN.md "Lifecycles and rules"; lib/systems/lifecycle-rules.ts), through
 * `transitionLifecycle`, which writes the `system.lifecycle_changed` audit event with cause
 * `{ kind: "gate", id: approvalId }`. INTERNAL: `checkGate` calls it after it has answered
 * allow and recorded the answer; the caller's `gate:read` is the permission.
 *
 * Runs in its own transaction and moves only a system that is still APPROVED under the row
 * lock: of two allows at the same moment, the second sees DEPLOYED and writes nothing; a
 * system paused or retired in between is left alone (PAUSED → DEPLOYED would be allowed by
 * the table, so the plain transition would be wrong here).
 * @returns whether this call moved the system.
 */
export async function deployOnFirstAllow(db: Db, actor: Actor, systemId: string, opts: { approvalId: string; environment: string; meta?: RequestMeta }): Promise<boolean> {
  return withTransaction({ actor, db, meta: opts.meta }, async ({ db: tx }) => {
    await lockRows(tx, "AiSystem", [systemId]);
    const system = await tx.aiSystem.findUnique({ where: { id: systemId }, select: { lifecycle: true } });
    if (system?.lifecycle !== "APPROVED") return false;
    await transitionLifecycle(tx, actor, systemId, "DEPLOYED", {
      reason: `First deployment to ${opts.environment} allowed by the deployment gate.`,
      cause: { kind: "gate", id: opts.approvalId },
      meta: opts.meta,
    });
    return true;
  });
}
