import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadEditableModel } from "./access";
import { ZDismissInput, ZRestoreInput } from "./schema";
import { threatLibraryVersion } from "./store";

/**
 * Dismisses a suggested library threat for this draft with a reason; later drafts copy it, so
 * it is not offered again unless restored.
 * @throws ValidationError (no reason, unknown or already added threat), ForbiddenError, NotFoundError.
 */
export async function dismissSuggestion(ctx: ServiceContext, modelId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "threat:edit");
  const input = parseOrThrow(ZDismissInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    const { model } = await loadEditableModel(tx, actor, modelId);
    const library = await threatLibraryVersion(tx, model.libraryVersion);
    if (!library.threats.some((t) => t.id === input.threatId)) throw new ValidationError(`${input.threatId} is not in threat library ${library.version}.`, { threatId: ["Unknown threat."] });
    if (await tx.threat.findFirst({ where: { threatModelId: modelId, libraryRef: input.threatId }, select: { id: true } })) {
      throw new ValidationError(`${input.threatId} is already in the threat model: remove it instead.`, { threatId: ["Already in the model."] });
    }
    await tx.threatSuggestionDismissal.upsert({
      where: { threatModelId_libraryRef: { threatModelId: modelId, libraryRef: input.threatId } },
      create: { threatModelId: modelId, libraryRef: input.threatId, reason: input.reason, dismissedById: actor.id },
      update: { reason: input.reason, dismissedById: actor.id, dismissedAt: new Date() },
    });
    await appendAudit(
      tx,
      actor,
      { action: "threat_model.suggestion_dismissed", entityType: "ThreatModel", entityId: modelId, summary: { systemId: model.systemId, version: model.version, libraryRef: input.threatId, reason: input.reason } },
      meta,
    );
  });
}

/** Offers a dismissed suggestion again. @throws NotFoundError (not dismissed), ForbiddenError, ValidationError. */
export async function restoreSuggestion(ctx: ServiceContext, modelId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "threat:edit");
  const input = parseOrThrow(ZRestoreInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    const { model } = await loadEditableModel(tx, actor, modelId);
    const { count } = await tx.threatSuggestionDismissal.deleteMany({ where: { threatModelId: modelId, libraryRef: input.threatId } });
    if (count === 0) throw new NotFoundError(`${input.threatId} was not dismissed.`);
    await appendAudit(
      tx,
      actor,
      { action: "threat_model.suggestion_restored", entityType: "ThreatModel", entityId: modelId, summary: { systemId: model.systemId, version: model.version, libraryRef: input.threatId } },
      meta,
    );
  });
}
