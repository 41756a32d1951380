import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { refreshApprovalStaleness } from "@/lib/approvals/staleness-hook";
import { assertCan } from "@/lib/authz/policy";
import { ConflictError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadEditableAsset, staleAssetError } from "./access";
import { ZDeleteAssetInput } from "./schema";

/** Removes an asset, provided nobody changed it since the actor loaded version `expectedVersion`. */
export async function deleteAsset(ctx: ServiceContext, assetId: string, rawInput: unknown): Promise<{ id: string; deleted: true }> {
  const { actor, db, meta } = ctx;
  assertCan(actor, "asset:write");
  const asset = await loadEditableAsset(db, actor, assetId);
  const input = parseOrThrow(ZDeleteAssetInput, rawInput);

  try {
    await withTransaction({ actor, db, meta }, async ({ db: tx }) => {
      const { count } = await tx.asset.deleteMany({ where: { id: assetId, rowVersion: input.expectedVersion } });
      if (count === 0) throw new ConflictError();
      await refreshApprovalStaleness(tx, actor, asset.systemId, { change: "asset.deleted", id: assetId }, { meta });
      await appendAudit(
        tx,
        actor,
        {
          action: "asset.deleted",
          entityType: "Asset",
          entityId: assetId,
          summary: { systemId: asset.systemId, kind: asset.kind, name: asset.name, version: asset.version, sha256: asset.sha256 },
        },
        meta,
      );
    });
  } catch (error) {
    if (error instanceof ConflictError) throw await staleAssetError(ctx, assetId, "deleted");
    throw error;
  }
  return { id: assetId, deleted: true };
}
