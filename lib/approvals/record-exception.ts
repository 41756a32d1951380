import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { isoDay } from "@/lib/threats/rules";
import { parseOrThrow } from "@/lib/validation";
import { conflictState, loadRequestFacts, lockRequest, refuseDeciderFor } from "./access";
import type { GateResult } from "./gate-rules";
import { EXCEPTION_MAX_DAYS, ZExceptionInput } from "./schema";

/**
 * A reviewer records an explicit exception on a SUBMITTED request whose gate failed ("needs
 * exception"): the rationale and the last day it holds (today to today + 90 days). It covers
 * the rules that failed at submission, lets reviewers approve, caps the approval's expiry, and
 * is shown in red wherever the request appears. Same separation of duties as deciding; one
 * exception per submission round.
 *
 * @throws ForbiddenError, ValidationError (input, gate passed, expiry out of range, already
 *   recorded), ConflictError (not awaiting review), NotFoundError.
 */
export async function recordApprovalException(ctx: ServiceContext, requestId: string, rawInput: unknown, now: Date = new Date()) {
  assertCan(ctx.actor, "approval:decide");
  const input = parseOrThrow(ZExceptionInput, rawInput);
  const today = isoDay(now);
  const latest = isoDay(new Date(now.getTime() + EXCEPTION_MAX_DAYS * 86_400_000));
  if (input.expiresOn < today || input.expiresOn > latest) {
    throw new ValidationError(`An exception holds from today up to ${EXCEPTION_MAX_DAYS} days.`, { expiresOn: [`Choose a day from ${today} to ${latest}.`] });
  }
  return withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const { systemId, facts } = await loadRequestFacts(tx, actor, requestId);
    const request = await lockRequest(tx, systemId, requestId);
    if (request.state !== "SUBMITTED") conflictState(request.state, "given an exception");
    const refusal = refuseDeciderFor(actor, request, facts, []);
    if (refusal) throw new ForbiddenError(refusal.replace("decide it", "grant its exception").replace("decide its approval", "grant its exception"));
    if (!request.needsException) throw new ValidationError("This request passed the gate: it needs no exception.");
    const existing = await tx.approvalException.findUnique({ where: { requestId }, select: { round: true } });
    if (existing && existing.round === request.round) throw new ValidationError("An exception is already recorded for this submission.");
    const failingRules = ((request.gateResult as unknown as GateResult | null)?.rules ?? []).filter((r) => !r.passed).map((r) => r.id);
    await tx.approvalException.upsert({
      where: { requestId },
      create: { requestId, round: request.round, reviewerId: actor.id, rationale: input.rationale, expiresOn: new Date(`${input.expiresOn}T00:00:00.000Z`), failingRules, grantedAt: now },
      update: { round: request.round, reviewerId: actor.id, rationale: input.rationale, expiresOn: new Date(`${input.expiresOn}T00:00:00.000Z`), failingRules, grantedAt: now },
    });
    await tx.approvalRequest.update({ where: { id: requestId }, data: { rowVersion: { increment: 1 } } });
    await appendAudit(
      tx,
      actor,
      {
        action: "approval.exception_granted",
        entityType: "ApprovalRequest",
        entityId: requestId,
        summary: { systemId, environment: request.environment, round: request.round, rationale: input.rationale, expiresOn: input.expiresOn, failingRules },
      },
      meta,
    );
    return { expiresOn: input.expiresOn, failingRules };
  });
}
