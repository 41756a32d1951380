import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { assertSystemAssets, loadEditableModel } from "./access";
import type { TThreatEntry } from "./library-schema";
import { loadThreatProfile } from "./profile";
import { ZAddLibraryThreatsInput, ZCustomThreatInput } from "./schema";
import { threatLibraryVersion } from "./store";
import { suggestThreat } from "./suggestions";

/** Most threats one version holds. */
export const MAX_THREATS = 200;

/**
 * Adds library threats to a draft, one by one or all suggestions at once. Each starts from its
 * suggestion for this system (reasons, affected assets, starting score) or, when the rules do
 * not select the system, from the library's typical score and the assets of the affected
 * kinds. The entry's suggested controls that the system's checklist holds and that apply are
 * linked as mitigations. Threats already in the model are skipped.
 * @returns the IDs added and skipped. @throws ValidationError (unknown IDs), ForbiddenError, NotFoundError.
 */
export async function addLibraryThreats(ctx: ServiceContext, modelId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "threat:edit");
  const input = parseOrThrow(ZAddLibraryThreatsInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
      const { model } = await loadEditableModel(tx, actor, modelId);
      const library = await threatLibraryVersion(tx, model.libraryVersion);
      const entries = input.threatIds.map((id) => library.threats.find((t) => t.id === id));
      const unknown = input.threatIds.filter((_, i) => !entries[i]);
      if (unknown.length) throw new ValidationError(`Not in threat library ${library.version}: ${unknown.join(", ")}.`, { threatIds: [`Unknown threat ${unknown[0]}.`] });
      const present = new Set(
        (await tx.threat.findMany({ where: { threatModelId: modelId, libraryRef: { not: null } }, select: { libraryRef: true } })).map((t) => t.libraryRef!),
      );
      const toAdd = (entries as TThreatEntry[]).filter((e) => !present.has(e.id));
      let position = await tx.threat.count({ where: { threatModelId: modelId } });
      if (position + toAdd.length > MAX_THREATS) throw new ValidationError(`A threat model holds at most ${MAX_THREATS} threats.`);
      const profile = await loadThreatProfile(tx, model.systemId);
      const applicableControls = await checklistControlCodes(tx, model.systemId, true);
      const added: string[] = [];
      for (const entry of toAdd) {
        const suggestion = suggestThreat(entry, profile);
        const assetIds = suggestion?.assetIds ?? profile.assets.filter((a) => entry.assetKinds.includes(a.kind)).map((a) => a.id);
        const controls = entry.controls.filter((code) => applicableControls.has(code));
        const threat = await tx.threat.create({
          data: {
            threatModelId: modelId,
            libraryRef: entry.id,
            title: entry.title,
            description: entry.description,
            stride: entry.stride,
            atlas: entry.atlas,
            owaspLlm: entry.owaspLlm,
            owaspAgentic: entry.owaspAgentic,
            assetIds,
            likelihood: suggestion?.likelihood ?? entry.likelihood,
            impact: suggestion?.impact ?? entry.impact,
            position: position++,
            mitigations: controls.length ? { createMany: { data: controls.map((controlCode) => ({ controlCode, linkedById: actor.id })) } } : undefined,
          },
        });
        added.push(entry.id);
        await appendAudit(
          tx,
          actor,
          {
            action: "threat.added",
            entityType: "Threat",
            entityId: threat.id,
            summary: {
              systemId: model.systemId,
              threatModelId: modelId,
              version: model.version,
              libraryRef: entry.id,
              reason: suggestion?.reason ?? "Added from the threat library.",
              likelihood: threat.likelihood,
              impact: threat.impact,
              controls,
            },
          },
          meta,
        );
      }
      return { added, skipped: input.threatIds.filter((id) => present.has(id)) };
    },
    { timeoutMs: 60_000 },
  );
}

/**
 * Adds a threat written by the reviewer (not from the library).
 * @throws ValidationError, ForbiddenError, NotFoundError.
 */
export async function addCustomThreat(ctx: ServiceContext, modelId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "threat:edit");
  const input = parseOrThrow(ZCustomThreatInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    const { model } = await loadEditableModel(tx, actor, modelId);
    await assertSystemAssets(tx, model.systemId, input.assetIds);
    const position = await tx.threat.count({ where: { threatModelId: modelId } });
    if (position >= MAX_THREATS) throw new ValidationError(`A threat model holds at most ${MAX_THREATS} threats.`);
    const threat = await tx.threat.create({ data: { ...input, threatModelId: modelId, position, atlas: [], owaspLlm: [], owaspAgentic: [] } });
    await appendAudit(
      tx,
      actor,
      { action: "threat.added", entityType: "Threat", entityId: threat.id, summary: { systemId: model.systemId, threatModelId: modelId, version: model.version, custom: true, title: input.title } },
      meta,
    );
    return { id: threat.id };
  });
}

/** Control codes of the system's checklist items (only applicable ones when asked). */
export async function checklistControlCodes(tx: Prisma.TransactionClient, systemId: string, applicableOnly: boolean): Promise<Set<string>> {
  const items = await tx.checklistItem.findMany({
    where: { checklist: { systemId }, ...(applicableOnly ? { applicable: true } : {}) },
    select: { control: { select: { code: true } } },
  });
  return new Set(items.map((i) => i.control.code));
}
