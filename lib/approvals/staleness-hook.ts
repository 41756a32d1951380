import "server-only";
import type { AuditActor } from "@/lib/audit/append";
import { appendAudit } from "@/lib/audit/append";
import type { RequestMeta } from "@/lib/authz/actor";
import { lockRows } from "@/lib/db/locks";
import { notify } from "@/lib/notifications/notify";
import type { Tx } from "@/lib/service-context";
import { lockSystemApprovals } from "./access";
import { settleSystemAfterApprovalEnded } from "./lifecycle-sync";
import { buildSnapshot, type ApprovalSnapshot } from "./snapshot";
import { stalenessReasons } from "./staleness";
import { PINNED_LIVE_STATES } from "./states";

/**
 * For services that append audit events BEFORE they call `refreshApprovalStaleness` (bulk
 * changes): takes the locks the check may need (the system's approval lock and its AiSystem
 * row, which a lifecycle move takes) up front, so they are never taken after the audit chain
 * lock. Call it after the service's own row locks and before its first audit append.
 */
export async function prepareApprovalStaleness(tx: Tx, systemId: string): Promise<void> {
  await lockSystemApprovals(tx, systemId);
  await lockRows(tx, "AiSystem", [systemId]);
}

export type StalenessCause = {
  /** What changed, e.g. "asset.updated", "checklist.item_updated", "threat_model.reviewed". */
  change: string;
  /** The changed record's id. */
  id?: string;
};

/**
 * Call INSIDE the transaction of any change that can invalidate a pinned snapshot (assets,
 * checklist items, evidence links, threat model versions), AFTER the change is written and
 * BEFORE the transaction's first audit append (lock order, see `lockSystemApprovals`).
 *
 * Compares every SUBMITTED and APPROVED request of the system with the system as the
 * transaction now sees it (./staleness.ts `stalenessReasons`): a request whose pinned digests
 * changed, whose asset set changed, whose gated checklist item or threat model regressed turns
 * STALE with the reasons, in this same transaction (so the change and the staleness commit or
 * roll back together). An APPROVED system with no approval left goes back to IN_REVIEW. The
 * requester, the owner and contributors are notified (`approval.stale`) in the same transaction.
 *
 * @returns the ids of the requests that turned stale.
 */
export async function refreshApprovalStaleness(
  tx: Tx,
  actor: AuditActor,
  systemId: string,
  cause: StalenessCause,
  opts: { meta?: RequestMeta; now?: Date } = {},
): Promise<string[]> {
  await lockSystemApprovals(tx, systemId);
  const live = await tx.approvalRequest.findMany({
    where: { systemId, state: { in: [...PINNED_LIVE_STATES] } },
    select: { id: true, state: true, environment: true, releaseLabel: true, snapshot: true, requesterId: true },
    orderBy: { id: "asc" },
  });
  if (live.length === 0) return [];
  const now = opts.now ?? new Date();
  const current = await buildSnapshot(tx, systemId, now);
  const stale = live.flatMap((r) => {
    const reasons = r.snapshot ? stalenessReasons(r.snapshot as unknown as ApprovalSnapshot, current, now) : [];
    return reasons.length ? [{ ...r, reasons }] : [];
  });
  if (stale.length === 0) return [];

  await lockRows(tx, "ApprovalRequest", stale.map((r) => r.id));
  for (const r of stale) {
    await tx.approvalRequest.update({
      where: { id: r.id },
      data: { state: "STALE", closedAt: now, stateReason: r.reasons.join(" "), rowVersion: { increment: 1 } },
    });
  }
  const endedApproval = stale.find((r) => r.state === "APPROVED");
  if (endedApproval) {
    await settleSystemAfterApprovalEnded(tx, actor, systemId, {
      requestId: endedApproval.id,
      reason: `Approval for ${endedApproval.environment} turned stale: ${endedApproval.reasons[0]}`,
      meta: opts.meta,
    });
  }
  for (const r of stale) {
    await appendAudit(
      tx,
      actor,
      {
        action: "approval.stale",
        entityType: "ApprovalRequest",
        entityId: r.id,
        summary: { systemId, environment: r.environment, releaseLabel: r.releaseLabel, from: r.state, reasons: r.reasons, cause },
      },
      opts.meta,
    );
  }
  // The requester and the system's team hear of it in the same transaction.
  const actorId = actor && (!("kind" in actor) || actor.kind !== "system") ? actor.id : null;
  for (const r of stale) {
    await notify(tx, {
      kind: "approval.stale",
      actorId,
      systemId,
      approvalId: r.id,
      href: `/approvals/${r.id}`,
      environment: r.environment,
      reason: r.reasons.join(" ").slice(0, 300),
      requestedById: r.requesterId,
    });
  }
  return stale.map((r) => r.id);
}
