import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { assertCan, canEditSystem } from "@/lib/authz/policy";
import { hasPermission } from "@/lib/authz/permissions";
import { NotFoundError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { parseOrThrow } from "@/lib/validation";
import { ZListAssetsQuery } from "./schema";

export const ASSET_SELECT = {
  id: true,
  systemId: true,
  kind: true,
  name: true,
  version: true,
  supplier: true,
  licence: true,
  sha256: true,
  otherDigests: { select: { algorithm: true, value: true }, orderBy: { algorithm: "asc" } },
  signatureRef: true,
  sensitivity: true,
  permissions: true,
  dueDiligence: true,
  capabilities: true,
  credentialType: true,
  humanApprovalRequired: true,
  secretLocation: true,
  rotationDays: true,
  notes: true,
  rowVersion: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.AssetSelect;

export type AssetRow = Prisma.AssetGetPayload<{ select: typeof ASSET_SELECT }>;

/** What pages and the API get: plain JSON, dates as ISO strings. */
export type AssetDto = Omit<AssetRow, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string };

export function toAssetDto(row: AssetRow): AssetDto {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** A system's bill of materials, grouped by kind then name (optionally one kind only). */
export async function listAssets({ actor, db }: ServiceContext, systemId: string, rawQuery: unknown = {}): Promise<AssetDto[]> {
  assertCan(actor, "system:read");
  await loadSystemFacts(db, actor, systemId);
  const query = parseOrThrow(ZListAssetsQuery, rawQuery);
  const rows = await db.asset.findMany({
    where: { systemId, ...(query.kind ? { kind: query.kind } : {}) },
    orderBy: [{ kind: "asc" }, { name: "asc" }, { version: "asc" }, { id: "asc" }],
    select: ASSET_SELECT,
  });
  return rows.map(toAssetDto);
}

export type AssetDetail = AssetDto & {
  system: { id: string; slug: string; name: string; archived: boolean };
  can: { edit: boolean };
};

/** One asset with its system and whether the actor may change it. Invisible assets are "not found". */
export async function getAsset({ actor, db }: ServiceContext, assetId: string): Promise<AssetDetail> {
  assertCan(actor, "system:read");
  const row = await db.asset.findUnique({
    where: { id: assetId },
    select: { ...ASSET_SELECT, system: { select: { id: true, slug: true, name: true, archivedAt: true } } },
  });
  if (!row) throw new NotFoundError("Asset not found.");
  const facts = await loadSystemFacts(db, actor, row.systemId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("Asset not found.") : error;
  });
  const { system, ...asset } = row;
  const archived = system.archivedAt !== null;
  return {
    ...toAssetDto(asset),
    system: { id: system.id, slug: system.slug, name: system.name, archived },
    can: { edit: !archived && canEditSystem(actor, facts) && hasPermission(actor.role, "asset:write") },
  };
}
