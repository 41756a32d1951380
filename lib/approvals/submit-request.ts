import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ConflictError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { notify } from "@/lib/notifications/notify";
import { parseOrThrow } from "@/lib/validation";
import { assertMayRequest, assertSystemTakesApprovals, conflictState, loadRequestFacts, lockRequest } from "./access";
import { evaluateGate, failingRuleIds, type GateResult } from "./gate-rules";
import { moveSystemToReview } from "./lifecycle-sync";
import { getTierPolicy } from "./settings";
import { buildSnapshot, pinnedDigests, snapshotSha256, type ApprovalSnapshot } from "./snapshot";
import { ZSubmitInput } from "./schema";
import { canApprovalTransition } from "./states";

/**
 * The gate result for a system as it stands now (what submitting would pin), for the request
 * page of a DRAFT or CHANGES_REQUESTED request.
 */
export async function previewGate(ctx: ServiceContext, requestId: string, now: Date = new Date()): Promise<{ snapshot: ApprovalSnapshot; gate: GateResult }> {
  assertCan(ctx.actor, "approval:read");
  const { systemId } = await loadRequestFacts(ctx.db, ctx.actor, requestId);
  const snapshot = await buildSnapshot(ctx.db, systemId, now);
  return { snapshot, gate: evaluateGate(snapshot, now) };
}

/**
 * Submits a DRAFT (or CHANGES_REQUESTED) request: pins the snapshot of the system as it is now
 * (assets with digests, checklist statuses and evidence, reviewed threat model, profile), its
 * digest rows for the gate, the gate result, and the tier's policy. A failing gate is accepted
 * only with `asException: true` ("needs exception": a reviewer must record an exception before
 * approving). A DRAFT system moves to IN_REVIEW. Security reviewers who may decide it are
 * notified (`approval.requested`) in the same transaction.
 *
 * @param rawInput `{ expectedVersion, asException? }`
 * @returns `{ gate, needsException }`
 * @throws ValidationError (gate fails without asException; wrong state; system retiring or
 *   retired), ConflictError (stale version), ForbiddenError, NotFoundError.
 */
export async function submitApprovalRequest(ctx: ServiceContext, requestId: string, rawInput: unknown, now: Date = new Date()) {
  assertCan(ctx.actor, "approval:request");
  const input = parseOrThrow(ZSubmitInput, rawInput);
  return withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const { systemId, facts } = await loadRequestFacts(tx, actor, requestId);
    assertMayRequest(actor, facts);
    if (facts.archivedAt) throw new ValidationError("Restore this archived system before submitting its approval.");
    const request = await lockRequest(tx, systemId, requestId);
    await assertSystemTakesApprovals(tx, systemId, "submit an approval request");
    if (!canApprovalTransition(request.state, "SUBMITTED")) conflictState(request.state, "submitted");
    if (request.rowVersion !== input.expectedVersion) throw new ConflictError("Someone changed this request after you opened it; reload it and submit again.");

    const snapshot = await buildSnapshot(tx, systemId, now);
    const gate = evaluateGate(snapshot, now);
    const failing = failingRuleIds(gate);
    if (!gate.passed && !input.asException) {
      throw new ValidationError(
        `${failing.length} gate rule${failing.length === 1 ? "" : "s"} fail${failing.length === 1 ? "s" : ""}. Fix ${failing.length === 1 ? "it" : "them"} and submit, or submit as "needs exception" so a reviewer can record an explicit exception.`,
        { asException: ["The gate fails: fix the rules below or submit as needs exception."] },
      );
    }
    const policy = await getTierPolicy(tx, snapshot.system.riskTier);
    const previous = await tx.approvalRequest.findFirst({
      where: { systemId, environment: request.environment, approvedAt: { not: null }, id: { not: requestId } },
      orderBy: { approvedAt: "desc" },
      select: { id: true },
    });
    // Lock-taking steps before the first audit append (see lockSystemApprovals).
    await moveSystemToReview(tx, actor, systemId, { requestId, environment: request.environment, meta });

    const round = request.round + 1;
    const sha = snapshotSha256(snapshot);
    await tx.approvalDigest.deleteMany({ where: { requestId } });
    await tx.approvalDigest.createMany({ data: pinnedDigests(snapshot).map((d) => ({ requestId, ...d })) });
    await tx.approvalException.deleteMany({ where: { requestId } });
    await tx.approvalRequest.update({
      where: { id: requestId },
      data: {
        state: "SUBMITTED",
        round,
        snapshot: snapshot as unknown as Prisma.InputJsonValue,
        snapshotSha256: sha,
        gateResult: gate as unknown as Prisma.InputJsonValue,
        gatePassed: gate.passed,
        needsException: !gate.passed,
        riskTier: snapshot.system.riskTier,
        approvalsRequired: policy.approvalsRequired,
        validityDays: policy.validityDays,
        submittedAt: now,
        stateReason: null,
        previousApprovedId: previous?.id ?? null,
        rowVersion: { increment: 1 },
      },
    });
    await appendAudit(
      tx,
      actor,
      {
        action: "approval.submitted",
        entityType: "ApprovalRequest",
        entityId: requestId,
        summary: {
          systemId,
          environment: request.environment,
          releaseLabel: request.releaseLabel,
          round,
          gatePassed: gate.passed,
          failingRules: failing,
          needsException: !gate.passed,
          snapshotSha256: sha,
          approvalsRequired: policy.approvalsRequired,
        },
      },
      meta,
    );
    // Reviewers hear of it in the same transaction (again on each round after changes were requested).
    await notify(tx, {
      kind: "approval.requested",
      actorId: actor.kind === "system" ? null : actor.id,
      systemId,
      approvalId: requestId,
      href: `/approvals/${requestId}`,
      summary: `${request.releaseLabel} to ${request.environment}${gate.passed ? "" : ", needs an exception (the gate fails)"}${round > 1 ? `, round ${round}` : ""}`.slice(0, 300),
      round,
    });
    return { gate, needsException: !gate.passed };
  });
}
