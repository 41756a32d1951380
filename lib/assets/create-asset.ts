import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { applyMajorChanges } from "@/lib/reviews/major-change";
import { assetChanges } from "@/lib/reviews/rules";
import { refreshApprovalStaleness } from "@/lib/approvals/staleness-hook";
import { assertCan } from "@/lib/authz/policy";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { isUniqueViolation, parseOrThrow } from "@/lib/validation";
import { assertNoDuplicateAsset, assetData, duplicateAssetError, loadEditableSystem } from "./access";
import { ASSET_SELECT, toAssetDto, type AssetDto } from "./queries";
import { ZAssetInput } from "./schema";

/**
 * Adds an asset to a system's bill of materials.
 * @throws ValidationError (422) naming `name` when the system already has an asset of this
 *   kind, name and version, also when a concurrent create won the race (unique index)
 */
export async function createAsset({ actor, db, meta }: ServiceContext, systemId: string, rawInput: unknown): Promise<AssetDto> {
  assertCan(actor, "asset:write");
  await loadEditableSystem(db, actor, systemId);
  const input = parseOrThrow(ZAssetInput, rawInput);
  await assertNoDuplicateAsset(db, systemId, input);

  try {
    return await withTransaction({ actor, db, meta }, async ({ db: tx }) => {
      const asset = await tx.asset.create({
        data: { systemId, ...assetData(input), otherDigests: { create: input.otherDigests } },
        select: ASSET_SELECT,
      });
      // An added asset makes pinned approvals stale (before the audit append: lock order).
      await refreshApprovalStaleness(tx, actor, systemId, { change: "asset.created", id: asset.id }, { meta });
      await appendAudit(
        tx,
        actor,
        {
          action: "asset.created",
          entityType: "Asset",
          entityId: asset.id,
          summary: {
            systemId,
            kind: asset.kind,
            name: asset.name,
            version: asset.version,
            sha256: asset.sha256,
            otherDigests: asset.otherDigests,
            capabilities: asset.capabilities,
          },
        },
        meta,
      );
      await applyMajorChanges(tx, actor, systemId, assetChanges(null, asset), meta);
      return toAssetDto(asset);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateAssetError();
    throw error;
  }
}
