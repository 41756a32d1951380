import "server-only";
import type { Actor } from "@/lib/authz/actor";
import { canEditSystem } from "@/lib/authz/policy";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { ServiceContext, DbOrTx } from "@/lib/service-context";
import { assertAllowed, loadSystemFacts, type LoadedSystemFacts } from "@/lib/systems/access";
import { ASSET_SELECT, getAsset, type AssetRow } from "./queries";
import { DUPLICATE_ASSET_MESSAGE, type TAssetFields } from "./schema";

/** The system whose assets the actor wants to change: visible, editable by them, not archived. */
export async function loadEditableSystem(db: DbOrTx, actor: Actor, systemId: string): Promise<LoadedSystemFacts> {
  const facts = await loadSystemFacts(db, actor, systemId);
  assertAllowed(canEditSystem(actor, facts), "Only the system's owner, contributors or an admin may change its assets.");
  if (facts.archivedAt) throw new ValidationError("This system is archived: restore it before changing its assets.");
  return facts;
}

/** An asset the actor may change. Assets of systems they cannot see are reported as not found. */
export async function loadEditableAsset(db: DbOrTx, actor: Actor, assetId: string): Promise<AssetRow> {
  const asset = await db.asset.findUnique({ where: { id: assetId }, select: ASSET_SELECT });
  if (!asset) throw new NotFoundError("Asset not found.");
  await loadEditableSystem(db, actor, asset.systemId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("Asset not found.") : error;
  });
  return asset;
}

export function duplicateAssetError() {
  return new ValidationError(`${DUPLICATE_ASSET_MESSAGE}.`, { name: [`${DUPLICATE_ASSET_MESSAGE}.`] });
}

/**
 * Refuses an asset whose kind, name and version (no version counts as one value) another
 * asset of the system already has. This gives the friendly field error; the unique index
 * (NULLS NOT DISTINCT) is what stops two concurrent inserts, see `duplicateAssetError`.
 */
export async function assertNoDuplicateAsset(
  db: DbOrTx,
  systemId: string,
  asset: Pick<TAssetFields, "kind" | "name" | "version">,
  exceptId?: string,
) {
  const clash = await db.asset.findFirst({
    where: {
      systemId,
      kind: asset.kind,
      name: asset.name,
      version: asset.version,
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (clash) throw duplicateAssetError();
}

/** Validated fields -> Prisma column values of the Asset row (digests of other algorithms are rows of their own). */
export function assetData(input: Omit<TAssetFields, "otherDigests">) {
  return {
    kind: input.kind,
    name: input.name,
    version: input.version,
    supplier: input.supplier,
    licence: input.licence,
    sha256: input.sha256,
    signatureRef: input.signatureRef,
    sensitivity: input.sensitivity,
    permissions: input.permissions,
    dueDiligence: input.dueDiligence,
    capabilities: input.capabilities,
    credentialType: input.credentialType,
    humanApprovalRequired: input.humanApprovalRequired,
    secretLocation: input.secretLocation,
    rotationDays: input.rotationDays,
    notes: input.notes,
  };
}

/** A conflict that shows the current asset, or "not found" if it was deleted meanwhile. */
export async function staleAssetError(ctx: ServiceContext, assetId: string, verb: "saved" | "deleted") {
  const current = await getAsset(ctx, assetId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!current) return new NotFoundError("This asset was deleted by someone else.");
  return new ConflictError(
    verb === "saved"
      ? "Someone else saved this asset after you opened it. Your changes were not saved: review the current values below, then apply your edits again."
      : "Someone else changed this asset after you opened it, so it was not deleted. Review the current values and try again.",
    current,
  );
}
