import "server-only";
import { appendAudit, type AuditActor } from "@/lib/audit/append";
import type { RequestMeta } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/policy";
import { notify } from "@/lib/notifications/notify";
import { withTransaction, type ServiceContext, type Tx } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { conflictState, loadRequestFacts, lockRequest, lockSystemApprovals } from "./access";
import { settleSystemAfterApprovalEnded } from "./lifecycle-sync";
import { ZRevokeInput } from "./schema";

/**
 * A reviewer (or admin) revokes an APPROVED request with a reason: the gate stops allowing
 * its digests at once. An APPROVED system with no other approval goes back to IN_REVIEW. The
 * requester and the system's owner are notified (`approval.decided`, "revoked").
 * @throws ForbiddenError, ValidationError, ConflictError (not approved), NotFoundError.
 */
export async function revokeApproval(ctx: ServiceContext, requestId: string, rawInput: unknown, now: Date = new Date()) {
  assertCan(ctx.actor, "approval:decide");
  const input = parseOrThrow(ZRevokeInput, rawInput);
  await withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const { systemId } = await loadRequestFacts(tx, actor, requestId);
    const request = await lockRequest(tx, systemId, requestId);
    if (request.state !== "APPROVED") conflictState(request.state, "revoked");
    await settleSystemAfterApprovalEnded(tx, actor, systemId, { requestId, reason: `Approval for ${request.environment} revoked.`, meta });
    await tx.approvalRequest.update({
      where: { id: requestId },
      data: { state: "REVOKED", closedAt: now, stateReason: input.reason, rowVersion: { increment: 1 } },
    });
    await appendAudit(
      tx,
      actor,
      { action: "approval.revoked", entityType: "ApprovalRequest", entityId: requestId, summary: { systemId, environment: request.environment, reason: input.reason } },
      meta,
    );
    await notifyRevoked(tx, actor, systemId, { id: requestId, round: request.round, requesterId: request.requesterId }, input.reason);
  });
}

/** The `stateReason` of approvals ended because their system started retiring. */
export const RETIREMENT_REVOKE_REASON = "system retiring";

/**
 * Ends every live (APPROVED) approval of a system whose retirement has started: each turns
 * REVOKED with the reason "system retiring" and its own `approval.revoked` audit event, so the
 * gate and the attestation endpoint stop honouring them. INTERNAL, inside the caller's
 * transaction (lib/incidents/retire.ts `startRetirement`, which checked `checklist:review`); the
 * caller takes `lockSystemApprovals` before its first audit append. The lifecycle is the
 * caller's (RETIRING), so nothing is settled here. The requester and the owner of each are
 * notified (`approval.decided`, "revoked"), like a reviewer's revocation.
 * @returns the ids of the revoked approvals.
 */
export async function revokeApprovalsOnRetirement(tx: Tx, actor: AuditActor, systemId: string, opts: { meta?: RequestMeta; now?: Date } = {}): Promise<string[]> {
  await lockSystemApprovals(tx, systemId);
  const live = await tx.approvalRequest.findMany({
    where: { systemId, state: "APPROVED" },
    select: { id: true, environment: true, round: true, requesterId: true },
    orderBy: { id: "asc" },
  });
  const now = opts.now ?? new Date();
  for (const request of live) {
    await tx.approvalRequest.update({
      where: { id: request.id },
      data: { state: "REVOKED", closedAt: now, stateReason: RETIREMENT_REVOKE_REASON, rowVersion: { increment: 1 } },
    });
    await appendAudit(
      tx,
      actor,
      { action: "approval.revoked", entityType: "ApprovalRequest", entityId: request.id, summary: { systemId, environment: request.environment, reason: RETIREMENT_REVOKE_REASON } },
      opts.meta,
    );
    await notifyRevoked(tx, actor, systemId, request, RETIREMENT_REVOKE_REASON);
  }
  return live.map((r) => r.id);
}

/** `approval.decided` ("revoked") to the requester and the owner, in the revoking transaction. */
async function notifyRevoked(tx: Tx, actor: AuditActor, systemId: string, request: { id: string; round: number; requesterId: string }, reason: string) {
  await notify(tx, {
    kind: "approval.decided",
    actorId: !actor || ("kind" in actor && actor.kind === "system") ? null : actor.id,
    systemId,
    approvalId: request.id,
    href: `/approvals/${request.id}`,
    decision: "revoked",
    round: request.round,
    requestedById: request.requesterId,
    comment: reason.slice(0, 300),
  });
}
