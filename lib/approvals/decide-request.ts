import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { notify } from "@/lib/notifications/notify";
import { parseOrThrow } from "@/lib/validation";
import { assertSystemTakesApprovals, conflictState, loadRequestFacts, lockRequest, refuseDeciderFor } from "./access";
import { moveSystemToApproved } from "./lifecycle-sync";
import { approvalExpiry, stateAfterDecision } from "./policy-rules";
import { ZDecideInput } from "./schema";

/** How a final decision reads in the requester's notification ("Approval approved: …"). */
const DECISION_WORDS = { APPROVED: "approved", REJECTED: "rejected", CHANGES_REQUESTED: "sent back for changes" } as const;

/**
 * A reviewer decides a SUBMITTED request: APPROVE, REJECT or REQUEST_CHANGES, with a comment.
 * Separation of duties (./policy-rules.ts `refuseDecider`): never the requester, the system's
 * owner or a contributor (now or when the snapshot was pinned); one decision per reviewer and
 * round. The request is APPROVED once the policy's number of distinct reviewers approved
 * (pinned at submission: HIGH and CRITICAL need two by default); a request that failed the
 * gate needs a recorded exception first. On approval the system's lifecycle moves to APPROVED
 * (via transitionLifecycle) and the approval's expiry is set (tier validity, capped by the
 * exception's expiry). When the request leaves SUBMITTED (approved, rejected, sent back), the
 * requester and the system's owner are notified (`approval.decided`) in the same transaction; a
 * first approval of two notifies nobody yet.
 *
 * Concurrency: the system's approval lock and the request's row lock are taken before the
 * state is read, so two reviewers deciding at once are serialised: each decision is counted
 * once, and the second sees the first's outcome (a ConflictError when the request is no
 * longer awaiting review).
 *
 * @returns `{ state, approvals, approvalsRequired, expiresAt }` after the decision.
 * @throws ForbiddenError (role, separation of duties), ValidationError (input, missing
 *   exception, approving for a system being retired or retired), ConflictError (no longer awaiting review), NotFoundError.
 */
export async function decideApprovalRequest(ctx: ServiceContext, requestId: string, rawInput: unknown, now: Date = new Date()) {
  assertCan(ctx.actor, "approval:decide");
  const input = parseOrThrow(ZDecideInput, rawInput);
  return withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const { systemId, facts } = await loadRequestFacts(tx, actor, requestId);
    const request = await lockRequest(tx, systemId, requestId);
    if (request.state !== "SUBMITTED") conflictState(request.state, "decided");
    const decisions = await tx.approvalDecision.findMany({ where: { requestId, round: request.round }, select: { reviewerId: true, outcome: true } });
    const refusal = refuseDeciderFor(actor, request, facts, decisions.map((d) => d.reviewerId));
    if (refusal) throw new ForbiddenError(refusal);
    if (input.outcome === "APPROVE") await assertSystemTakesApprovals(tx, systemId, "approve a release");

    let exceptionExpiresOn: string | null = null;
    if (input.outcome === "APPROVE" && request.needsException) {
      const exception = await tx.approvalException.findUnique({ where: { requestId }, select: { round: true, expiresOn: true } });
      if (!exception || exception.round !== request.round) {
        throw new ValidationError("This request failed the gate: record an exception (rationale and expiry) before approving it.", {
          outcome: ["Record an exception first."],
        });
      }
      exceptionExpiresOn = exception.expiresOn.toISOString().slice(0, 10);
    }

    const approvalsRequired = request.approvalsRequired ?? 1;
    const approvals = decisions.filter((d) => d.outcome === "APPROVE").length + (input.outcome === "APPROVE" ? 1 : 0);
    const next = stateAfterDecision({ outcome: input.outcome, approvalsSoFar: approvals, approvalsRequired });
    const expiresAt = next === "APPROVED" ? approvalExpiry(now, request.validityDays ?? 1, exceptionExpiresOn) : null;

    await tx.approvalDecision.create({
      data: { requestId, round: request.round, reviewerId: actor.id, outcome: input.outcome, comment: input.comment, decidedAt: now },
    });
    if (next === "APPROVED") {
      // Takes the system row lock and writes its own audit event: before this request's events.
      await moveSystemToApproved(tx, actor, systemId, { requestId, environment: request.environment, meta });
    }
    await tx.approvalRequest.update({
      where: { id: requestId },
      data: {
        state: next,
        rowVersion: { increment: 1 },
        ...(next === "APPROVED" ? { approvedAt: now, expiresAt } : {}),
        ...(next === "REJECTED" ? { closedAt: now, stateReason: input.comment } : {}),
        ...(next === "CHANGES_REQUESTED" ? { stateReason: input.comment } : {}),
      },
    });
    await appendAudit(
      tx,
      actor,
      {
        action: "approval.decided",
        entityType: "ApprovalRequest",
        entityId: requestId,
        summary: { systemId, environment: request.environment, round: request.round, outcome: input.outcome, comment: input.comment, approvals, approvalsRequired, state: next },
      },
      meta,
    );
    if (next === "APPROVED") {
      await appendAudit(
        tx,
        actor,
        {
          action: "approval.approved",
          entityType: "ApprovalRequest",
          entityId: requestId,
          summary: {
            systemId,
            environment: request.environment,
            releaseLabel: request.releaseLabel,
            snapshotSha256: request.snapshotSha256,
            expiresAt: expiresAt!.toISOString(),
            withException: request.needsException,
          },
        },
        meta,
      );
    }
    if (next !== "SUBMITTED") {
      await notify(tx, {
        kind: "approval.decided",
        actorId: actor.id,
        systemId,
        approvalId: requestId,
        href: `/approvals/${requestId}`,
        decision: DECISION_WORDS[next],
        round: request.round,
        requestedById: request.requesterId,
        comment: input.comment.slice(0, 300),
      });
    }
    return { state: next, approvals, approvalsRequired, expiresAt };
  });
}
