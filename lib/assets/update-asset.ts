import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { applyMajorChanges } from "@/lib/reviews/major-change";
import { assetChanges } from "@/lib/reviews/rules";
import { refreshApprovalStaleness } from "@/lib/approvals/staleness-hook";
import { assertCan } from "@/lib/authz/policy";
import { ConflictError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { diffFields } from "@/lib/systems/rules";
import { isUniqueViolation, parseOrThrow } from "@/lib/validation";
import { assertNoDuplicateAsset, assetData, duplicateAssetError, loadEditableAsset, staleAssetError } from "./access";
import { getAsset, type AssetDetail, type AssetRow } from "./queries";
import { preview } from "./rules/text";
import { enumText, KIND_SPECIFIC_FIELDS, ZUpdateAssetInput } from "./schema";

/**
 * Saves the asset form. Fields left out of the input keep their current value (so the API
 * can send only what changed); `expectedVersion` is the version the user started from: if
 * someone saved in between, nothing is written and a ConflictError carries the current asset.
 */
export async function updateAsset(ctx: ServiceContext, assetId: string, rawInput: unknown): Promise<AssetDetail> {
  const { actor, db, meta } = ctx;
  assertCan(actor, "asset:write");
  const before = await loadEditableAsset(db, actor, assetId);
  const input = parseOrThrow(ZUpdateAssetInput, withCurrentValues(before, rawInput));
  await assertNoDuplicateAsset(db, before.systemId, input, assetId);

  const data = assetData(input);
  const changes = diffFields(before, { ...data, otherDigests: input.otherDigests });
  if (changes.notes) changes.notes = { from: preview(before.notes), to: preview(data.notes) };

  try {
    await withTransaction({ actor, db, meta }, async ({ db: tx }) => {
      const { count } = await tx.asset.updateMany({
        where: { id: assetId, rowVersion: input.expectedVersion },
        data: { ...data, rowVersion: { increment: 1 } },
      });
      if (count === 0) throw new ConflictError();
      if (changes.otherDigests) {
        await tx.assetDigest.deleteMany({ where: { assetId } });
        await tx.assetDigest.createMany({ data: input.otherDigests.map((d) => ({ assetId, ...d })) });
      }
      // A changed digest makes pinned approvals stale (before the audit append: lock order).
      await refreshApprovalStaleness(tx, actor, before.systemId, { change: "asset.updated", id: assetId }, { meta });
      await appendAudit(
        tx,
        actor,
        {
          action: "asset.updated",
          entityType: "Asset",
          entityId: assetId,
          summary: { systemId: before.systemId, kind: data.kind, name: data.name, changes },
        },
        meta,
      );
      await applyMajorChanges(tx, actor, before.systemId, assetChanges(before, { kind: data.kind, name: data.name, sha256: data.sha256 ?? null, capabilities: data.capabilities ?? [] }), meta);
    });
  } catch (error) {
    if (error instanceof ConflictError) throw await staleAssetError(ctx, assetId, "saved");
    if (isUniqueViolation(error)) throw duplicateAssetError();
    throw error;
  }
  return getAsset(ctx, assetId);
}

/**
 * Merges a partial input over the stored asset. When the kind changes, kind-specific fields
 * the input does not mention are cleared rather than carried into a kind that cannot have them.
 */
function withCurrentValues(before: AssetRow, rawInput: unknown): unknown {
  if (typeof rawInput !== "object" || rawInput === null || Array.isArray(rawInput)) return rawInput;
  const patch = rawInput as Record<string, unknown>;
  const current: Record<string, unknown> = { ...assetData(before), otherDigests: before.otherDigests };
  if (typeof patch.kind === "string" && enumText(patch.kind) !== before.kind) {
    for (const field of KIND_SPECIFIC_FIELDS) current[field] = null;
  }
  return { ...current, ...patch };
}
