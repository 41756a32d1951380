import "server-only";
import { systemActor } from "@/lib/authz/actor";
import { appendAudit } from "@/lib/audit/append";
import type { Db } from "@/lib/db/create-client";
import { lockForTransaction } from "@/lib/db/locks";
import { gateBatchDigest, type GateCheckRow } from "./batch";
import { notifyProductionDenials } from "./denial-notices";

/** Most rows sealed by one audit event. */
export const FOLD_BATCH_MAX = 5000;
/** How long after a gate call its row is sealed at the latest while the process runs, in ms. */
export const FOLD_DELAY_MS = 1000;

/** The fold's job name (its system actor is `job:gate-fold`); the cron backstop is ./jobs.ts. */
export const GATE_FOLD_JOB = "gate-fold";

/**
 * Seals up to `max` unsealed gate checks into the audit chain: one `gate.checks_recorded` event
 * (by the system actor `job:gate-fold`) whose summary holds the count, allows, denies, first and
 * last id and the batch digest (./batch.ts), and each row's batchId set to that event's id, in
 * one transaction. Folds are serialised by an advisory lock; a row whose insert commits late
 * (ids are not committed in order) is simply sealed by a later fold, since the selection is
 * "batchId IS NULL", not "id > last". Denied checks against a production environment raise
 * `gate.denied` notifications in the same transaction (./denial-notices.ts), so they are sent
 * exactly when the checks are sealed, once per hour and reason set.
 *
 * @returns the event id and row count, or null when nothing was waiting.
 */
export async function foldGateChecks(db: Db, max = FOLD_BATCH_MAX): Promise<{ eventId: bigint; count: number } | null> {
  return db.$transaction(
    async (tx) => {
      await lockForTransaction(tx, "gateFold");
      const rows = await tx.$queryRaw<GateCheckRow[]>`
        SELECT "id", "checkedAt", "actorId", "tokenId", "systemSlug", "systemId", "environment", "digests", "allow", "reasons", "approvalId", "ip", "requestId"
        FROM "GateCheck" WHERE "batchId" IS NULL ORDER BY "id" LIMIT ${max}`;
      if (rows.length === 0) return null;
      // Denials in production environments notify the system's team (de-duplicated per hour),
      // in this transaction and before the audit chain lock is taken.
      await notifyProductionDenials(tx, rows);
      const allows = rows.filter((r) => r.allow).length;
      const first = rows[0]!.id;
      const last = rows[rows.length - 1]!.id;
      const event = await appendAudit(tx, systemActor(GATE_FOLD_JOB), {
        action: "gate.checks_recorded",
        entityType: "GateCheck",
        entityId: `${first}-${last}`,
        summary: { count: rows.length, allows, denies: rows.length - allows, firstId: first.toString(), lastId: last.toString(), digest: gateBatchDigest(rows) },
      });
      await tx.$executeRaw`UPDATE "GateCheck" SET "batchId" = ${event.id} WHERE "id" = ANY(${rows.map((r) => r.id.toString())}::bigint[])`;
      return { eventId: event.id, count: rows.length };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** Folds until nothing is waiting. @returns the number of rows sealed. */
export async function foldAllGateChecks(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = await foldGateChecks(db);
    if (!batch) return total;
    total += batch.count;
    if (batch.count < FOLD_BATCH_MAX) return total;
  }
}

let timer: NodeJS.Timeout | null = null;
let folding = false;
let again = false;

/**
 * Asks for a fold within FOLD_DELAY_MS (one timer per process, however many calls): the gate's
 * hot path only inserts its row; sealing into the chain happens here, off the request. A call
 * that arrives while a fold runs gets another fold after it. The `gate-fold` cron job (./jobs.ts,
 * every minute) also folds whatever a stopped instance left behind.
 */
export function scheduleGateFold(db: Db): void {
  if (folding) {
    again = true;
    return;
  }
  if (timer) return;
  timer = setTimeout(() => {
    folding = true;
    again = false;
    foldAllGateChecks(db)
      .catch((error: unknown) => console.error("gate fold failed; the rows stay unsealed and the next fold retries", error))
      .finally(() => {
        folding = false;
        timer = null;
        if (again) scheduleGateFold(db);
      });
  }, FOLD_DELAY_MS);
  timer.unref();
}

/** Drops a pending fold timer (tests, shutdown); a running fold finishes. */
export function cancelScheduledGateFold(): void {
  if (timer && !folding) clearTimeout(timer);
  if (!folding) timer = null;
  again = false;
}
