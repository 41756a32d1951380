import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ConflictError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { assertMayRequest, conflictState, loadRequestFacts, lockRequest } from "./access";
import { ZWithdrawInput } from "./schema";
import { canApprovalTransition } from "./states";

/**
 * Withdraws a request that is not decided yet (DRAFT, SUBMITTED, CHANGES_REQUESTED): the
 * requester, the system's owner, a contributor or an admin.
 * @throws ConflictError (already decided, stale version), ForbiddenError, NotFoundError.
 */
export async function withdrawApprovalRequest(ctx: ServiceContext, requestId: string, rawInput: unknown, now: Date = new Date()) {
  assertCan(ctx.actor, "approval:request");
  const input = parseOrThrow(ZWithdrawInput, rawInput);
  await withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const { systemId, facts } = await loadRequestFacts(tx, actor, requestId);
    assertMayRequest(actor, facts);
    const request = await lockRequest(tx, systemId, requestId);
    if (!canApprovalTransition(request.state, "WITHDRAWN")) conflictState(request.state, "withdrawn");
    if (request.rowVersion !== input.expectedVersion) throw new ConflictError("Someone changed this request after you opened it; reload it first.");
    await tx.approvalRequest.update({
      where: { id: requestId },
      data: { state: "WITHDRAWN", closedAt: now, stateReason: "Withdrawn by the requester side.", rowVersion: { increment: 1 } },
    });
    await appendAudit(
      tx,
      actor,
      { action: "approval.withdrawn", entityType: "ApprovalRequest", entityId: requestId, summary: { systemId, environment: request.environment, from: request.state } },
      meta,
    );
  });
}
