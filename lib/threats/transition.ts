import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { prepareApprovalStaleness, refreshApprovalStaleness } from "@/lib/approvals/staleness-hook";
import { assertCan } from "@/lib/authz/policy";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadVisibleSystem, lockThreatModel } from "./access";
import { assessThreat, decideTransition, isoDay, type ThreatModelEvent } from "./rules";
import { ZDeleteInput, ZTransitionInput } from "./schema";
import { getResidualThreshold } from "./settings";

type PersonEvent = Exclude<ThreatModelEvent, "supersede">;

const AUDIT_ACTION = {
  submit: "threat_model.submitted",
  return: "threat_model.returned",
  approve: "threat_model.reviewed",
} as const satisfies Record<PersonEvent, string>;

/**
 * Moves a threat-model version through its lifecycle (see THREAT_MODEL_TRANSITIONS):
 * `submit` (DRAFT → IN_REVIEW), `return` (IN_REVIEW → DRAFT), `approve` (IN_REVIEW →
 * REVIEWED, by a reviewer who neither authored nor submitted it, with no untreated threat above
 * the residual threshold). Approving supersedes the previous REVIEWED version in the same
 * transaction.
 * @param rawInput `ZTransitionInput`: expectedVersion (the model's row version), optional comment.
 * @throws ValidationError (refused transition, with the reason), ConflictError, ForbiddenError, NotFoundError.
 */
export async function transitionThreatModel(ctx: ServiceContext, modelId: string, event: PersonEvent, rawInput: unknown, today: string = isoDay()) {
  const { actor, meta } = ctx;
  assertCan(actor, event === "approve" ? "threat:review" : "threat:edit");
  const input = parseOrThrow(ZTransitionInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    await lockThreatModel(tx, modelId);
    const model = await tx.threatModel.findUnique({ where: { id: modelId }, include: { threats: { include: { acceptance: { select: { expiresOn: true } } } } } });
    if (!model) throw new NotFoundError("Threat model not found.");
    const system = await loadVisibleSystem(tx, actor, model.systemId).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError("Threat model not found.") : error;
    });
    if (system.archivedAt) throw new ValidationError("This system is archived: its threat model is read-only.");
    if (model.rowVersion !== input.expectedVersion) {
      throw new ConflictError(`Version ${model.version} changed after you opened it (it is now ${model.status.toLowerCase().replace("_", " ")}). Reload and try again.`);
    }
    const threshold = await getResidualThreshold(tx);
    const untreated = model.threats.filter(
      (t) => assessThreat({ ...t, acceptance: t.acceptance ? { expiresOn: isoDay(t.acceptance.expiresOn) } : null }, threshold, today).untreated,
    ).length;
    const decision = decideTransition({
      status: model.status,
      event,
      actor,
      authorId: model.authorId,
      submittedById: model.submittedById,
      threatCount: model.threats.length,
      untreatedCount: untreated,
    });
    if (!decision.ok) throw new ValidationError(decision.reason);

    const now = new Date();
    // A new reviewed version can regress what approvals pinned: take the approval lock before
    // any audit append (lock order); the check runs once the versions have moved.
    if (event === "approve") await prepareApprovalStaleness(tx, model.systemId);
    if (event === "approve") {
      const previous = await tx.threatModel.findFirst({ where: { systemId: model.systemId, status: "REVIEWED" }, select: { id: true, version: true } });
      if (previous) {
        await tx.threatModel.update({ where: { id: previous.id }, data: { status: "SUPERSEDED", supersededAt: now, rowVersion: { increment: 1 } } });
        await appendAudit(
          tx,
          actor,
          { action: "threat_model.superseded", entityType: "ThreatModel", entityId: previous.id, summary: { systemId: model.systemId, version: previous.version, supersededBy: model.version } },
          meta,
        );
      }
    }
    await tx.threatModel.update({
      where: { id: modelId },
      data: {
        status: decision.to,
        rowVersion: { increment: 1 },
        ...(event === "submit" ? { submittedById: actor.id, submittedAt: now } : {}),
        ...(event === "return" ? { submittedById: null, submittedAt: null } : {}),
        ...(event === "approve" ? { reviewedById: actor.id, reviewedAt: now, reviewComment: input.comment ?? null } : {}),
      },
    });
    await appendAudit(
      tx,
      actor,
      {
        action: AUDIT_ACTION[event],
        entityType: "ThreatModel",
        entityId: modelId,
        summary: { systemId: model.systemId, version: model.version, from: model.status, to: decision.to, threats: model.threats.length, threshold, comment: input.comment ?? null },
      },
      meta,
    );
    if (event === "approve") await refreshApprovalStaleness(tx, actor, model.systemId, { change: "threat_model.reviewed", id: modelId }, { meta });
    return { status: decision.to };
  });
}

/**
 * Discards a DRAFT version (never a version in review or reviewed).
 * @throws ValidationError (not a draft), ConflictError, ForbiddenError, NotFoundError.
 */
export async function discardDraft(ctx: ServiceContext, modelId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "threat:edit");
  const input = parseOrThrow(ZDeleteInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    await lockThreatModel(tx, modelId);
    const model = await tx.threatModel.findUnique({ where: { id: modelId }, include: { _count: { select: { threats: true } } } });
    if (!model) throw new NotFoundError("Threat model not found.");
    await loadVisibleSystem(tx, actor, model.systemId).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError("Threat model not found.") : error;
    });
    if (model.status !== "DRAFT") throw new ValidationError(`Only a draft can be discarded; version ${model.version} is ${model.status.toLowerCase().replace("_", " ")}.`);
    if (model.rowVersion !== input.expectedVersion) throw new ConflictError("The draft changed after you opened it. Reload before discarding it.");
    await tx.threatModel.delete({ where: { id: modelId } });
    await appendAudit(
      tx,
      actor,
      { action: "threat_model.discarded", entityType: "ThreatModel", entityId: modelId, summary: { systemId: model.systemId, version: model.version, threats: model._count.threats } },
      meta,
    );
  });
}
