import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { conflictState, loadRequestFacts, lockRequest } from "./access";
import { settleSystemAfterApprovalEnded } from "./lifecycle-sync";
import { ZRevokeInput } from "./schema";

/**
 * A reviewer (or admin) revokes an APPROVED request with a reason: the gate stops allowing
 * its digests at once. An APPROVED system with no other approval goes back to IN_REVIEW.
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
  });
}
