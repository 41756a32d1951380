import "server-only";
import type { DbOrTx } from "@/lib/service-context";
import { gateBatchDigest, type GateCheckRow } from "./batch";

export type GateBatchProblem = { eventId: string; reason: "DIGEST_MISMATCH" | "COUNT_MISMATCH"; expected: string; found: string };

/**
 * Checks every sealed batch of gate checks against its `gate.checks_recorded` audit event: the
 * rows carrying the event's id, in id order, must give the digest and count the event holds (the
 * event itself is protected by the audit hash chain, lib/audit/verify.ts). Changing, removing or
 * adding a sealed row is reported.
 * @returns the problems found (empty when every batch matches) and how many rows were checked.
 */
export async function verifyGateBatches(db: DbOrTx): Promise<{ batches: number; rows: number; problems: GateBatchProblem[] }> {
  const events = await db.auditEvent.findMany({ where: { action: "gate.checks_recorded" }, select: { id: true, summary: true }, orderBy: { id: "asc" } });
  const problems: GateBatchProblem[] = [];
  let rows = 0;
  for (const event of events) {
    const summary = event.summary as { count: number; digest: string };
    const batch = await db.$queryRaw<GateCheckRow[]>`
      SELECT "id", "checkedAt", "actorId", "tokenId", "systemSlug", "systemId", "environment", "digests", "allow", "reasons", "approvalId", "ip", "requestId"
      FROM "GateCheck" WHERE "batchId" = ${event.id} ORDER BY "id"`;
    rows += batch.length;
    if (batch.length !== summary.count) problems.push({ eventId: event.id.toString(), reason: "COUNT_MISMATCH", expected: String(summary.count), found: String(batch.length) });
    const digest = gateBatchDigest(batch);
    if (digest !== summary.digest) problems.push({ eventId: event.id.toString(), reason: "DIGEST_MISMATCH", expected: summary.digest, found: digest });
  }
  return { batches: events.length, rows, problems };
}
