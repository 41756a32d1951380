import "server-only";
import type { AssetKind } from "@/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append";
import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db/create-client";
import { ValidationError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";
import { isUniqueViolation } from "@/lib/validation";
import { assetData } from "./access";
import type { ImportRowError } from "./import-errors";
import { assetKey } from "./rules";
import { DUPLICATE_ASSET_MESSAGE, ZAssetInput, type TAsset } from "./schema";

/** At most this many assets per import. */
export const MAX_IMPORT_ROWS = 5_000;

/** One row or component before validation; `row` is where the user finds it in their file. */
export type ImportCandidate = { row: number | string; input: Record<string, unknown> };
export type ValidatedAsset = { row: number | string; asset: TAsset };

/** Refuses texts above MAX_IMPORT_BYTES before any parsing is attempted. */
export function assertImportSize(text: string, maxBytes = getConfig().MAX_IMPORT_BYTES) {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > maxBytes) {
    const message = `The file is ${formatBytes(bytes)}; the import limit is ${formatBytes(maxBytes)}. Split it into smaller files.`;
    throw new ValidationError(message, { file: [message] });
  }
}

export function assertImportRowCount(count: number, unit: "rows" | "components") {
  if (count > MAX_IMPORT_ROWS) {
    const message = `The file has ${count.toLocaleString("en")} ${unit}; at most ${MAX_IMPORT_ROWS.toLocaleString("en")} can be imported at once. Split it into smaller files.`;
    throw new ValidationError(message, { file: [message] });
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Validates every candidate with the asset form's schema and finds duplicates inside the
 * file. `fieldLabel` turns a schema field into the name the file uses (a CSV column).
 */
export function validateCandidates(
  candidates: readonly ImportCandidate[],
  fieldLabel: (field: string) => string = (f) => f,
): { assets: ValidatedAsset[]; errors: ImportRowError[] } {
  const assets: ValidatedAsset[] = [];
  const errors: ImportRowError[] = [];
  const firstSeen = new Map<string, number | string>();
  for (const { row, input } of candidates) {
    const result = ZAssetInput.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path.length ? fieldLabel(String(issue.path[0])) : "_row";
        errors.push({ row, field, message: issue.message });
      }
      continue;
    }
    const key = assetKey(result.data);
    const first = firstSeen.get(key);
    if (first !== undefined) {
      errors.push({ row, field: fieldLabel("name"), message: `Same kind, name and version as ${describeRow(first)}.` });
      continue;
    }
    firstSeen.set(key, row);
    assets.push({ row, asset: result.data });
  }
  return { assets, errors };
}

function describeRow(row: number | string): string {
  return typeof row === "number" ? `row ${row}` : row;
}

/** Adds an error for every asset that already exists in the system. */
export async function findExistingDuplicates(
  db: Db,
  systemId: string,
  assets: readonly ValidatedAsset[],
  fieldLabel: (field: string) => string = (f) => f,
): Promise<ImportRowError[]> {
  if (!assets.length) return [];
  const existing = await db.asset.findMany({
    where: { systemId, name: { in: [...new Set(assets.map((a) => a.asset.name))] } },
    select: { kind: true, name: true, version: true },
  });
  const keys = new Set(existing.map(assetKey));
  return assets
    .filter((a) => keys.has(assetKey(a.asset)))
    .map((a) => ({ row: a.row, field: fieldLabel("name"), message: `${DUPLICATE_ASSET_MESSAGE} in this system.` }));
}

/** Orders errors by where they are in the file (numbers first, then paths). */
export function sortRowErrors(errors: ImportRowError[]): ImportRowError[] {
  return [...errors].sort((a, b) => {
    if (typeof a.row === "number" && typeof b.row === "number") return a.row - b.row;
    return String(a.row).localeCompare(String(b.row), "en", { numeric: true });
  });
}

/** Writes all assets and ONE `asset.imported` audit event in a single transaction. */
export async function insertImportedAssets(
  { actor, db, meta }: ServiceContext,
  systemId: string,
  assets: readonly ValidatedAsset[],
  source: "csv" | "cyclonedx",
): Promise<{ imported: number }> {
  const kinds: Partial<Record<AssetKind, number>> = {};
  for (const { asset } of assets) kinds[asset.kind] = (kinds[asset.kind] ?? 0) + 1;
  try {
    await db.$transaction(
      async (tx) => {
        await tx.asset.createMany({ data: assets.map(({ asset }) => ({ systemId, ...assetData(asset) })) });
        await appendAudit(
          tx,
          actor,
          { action: "asset.imported", entityType: "AiSystem", entityId: systemId, summary: { count: assets.length, source, kinds } },
          meta,
        );
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ValidationError("Someone added some of these assets while the file was being imported; nothing was imported. Try again.");
    }
    throw error;
  }
  return { imported: assets.length };
}
