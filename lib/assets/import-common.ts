import "server-only";
import { createHash } from "node:crypto";
import type { AssetKind } from "@/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append";
import { getConfig } from "@/lib/config";
import { PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { formatBytes } from "@/lib/format-bytes";
import { withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { decodeText, type TextEncodingName } from "@/lib/text-decoding";
import { isUniqueViolation } from "@/lib/validation";
import { assetData } from "./access";
import { ImportRejectedError, type ImportRowError } from "./import-errors";
import { assetKey } from "./rules/kinds";
import { displayText } from "./rules/text";
import { DUPLICATE_ASSET_MESSAGE, ZAssetInput, type TAsset } from "./schema";

/** At most this many assets per import. */
export const MAX_IMPORT_ROWS = 5_000;

/** An uploaded file: its bytes as received and, when known, its name. A string is taken as UTF-8 text. */
export type ImportFile = { bytes: Uint8Array; name?: string | null } | string;

/** One row or component before validation; `row` is where the user finds it in their file. */
export type ImportCandidate = {
  row: number | string;
  input: Record<string, unknown>;
  /** Problems found while reading the file, reported with the schema's. */
  problems?: { field: string; message: string }[];
};
export type ValidatedAsset = { row: number | string; asset: TAsset };

/** Something in the file that was deliberately not imported, and why. */
export type ImportSkip = { row: number | string; name: string; type: string | null; reason: string };
/** An entry merged into an earlier one with the same coordinates. */
export type ImportMerge = { row: string; into: string; message: string };

/** The file as the import saw it: recorded in the audit event and returned to the caller. */
export type ImportedFile = { name: string | null; sha256: string; bytes: number; encoding: TextEncodingName };

/** What an import answers (HTTP 201): counts, what was created, and every skip, merge and notice. */
export type ImportResult = {
  imported: number;
  merged: number;
  skipped: number;
  /** "Imported 3 assets; merged 1 duplicate entry; skipped 2 components." */
  message: string;
  assets: { id: string; kind: AssetKind; name: string; version: string | null }[];
  mergedEntries: ImportMerge[];
  skippedEntries: ImportSkip[];
  /** Things the user should check (e.g. the file was read as Windows-1252). */
  notices: string[];
  file: ImportedFile;
  bom: { serialNumber: string | null; version: number | null } | null;
};

/**
 * Decodes an uploaded file after checking its size. CSV may fall back to Windows-1252 (Excel
 * "ANSI" exports); JSON must be UTF-8 or UTF-16 (RFC 8259 allows nothing else). See
 * lib/text-decoding.ts for the policy.
 * @throws PayloadTooLargeError above MAX_IMPORT_BYTES; ValidationError when it cannot be decoded
 */
export function decodeImportFile(
  file: ImportFile,
  format: "csv" | "cyclonedx",
  maxBytes = getConfig().MAX_IMPORT_BYTES,
): { text: string; file: ImportedFile } {
  const bytes = typeof file === "string" ? new TextEncoder().encode(file) : file.bytes;
  const name = typeof file === "string" || !file.name ? null : displayText(file.name, 255);
  if (bytes.byteLength > maxBytes) {
    throw new PayloadTooLargeError(
      `The file is ${formatBytes(bytes.byteLength)}; the import limit is ${formatBytes(maxBytes)}. Split it into smaller files.`,
      maxBytes,
    );
  }
  const decoded = decodeText(bytes, { windows1252Fallback: format === "csv" });
  if (!decoded.ok) {
    const advice = format === "csv" ? ' Save it from your spreadsheet as "CSV UTF-8".' : " Save the BOM as UTF-8 JSON.";
    throw new ValidationError(`${decoded.message}${advice} Nothing was imported.`, { file: [decoded.message] });
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { text: decoded.text, file: { name, sha256, bytes: bytes.byteLength, encoding: decoded.encoding } };
}

export function assertImportRowCount(count: number, unit: "rows" | "components") {
  if (count > MAX_IMPORT_ROWS) {
    const message = `The file has ${count.toLocaleString("en")} ${unit}; at most ${MAX_IMPORT_ROWS.toLocaleString("en")} can be imported at once. Split it into smaller files.`;
    throw new ValidationError(message, { file: [message] });
  }
}

/**
 * Validates every candidate with the asset form's schema. `fieldLabel` turns a schema field
 * into the name the file uses (a CSV column, a CycloneDX property).
 */
export function validateCandidates(
  candidates: readonly ImportCandidate[],
  fieldLabel: (field: string) => string = (f) => f,
): { assets: ValidatedAsset[]; errors: ImportRowError[] } {
  const assets: ValidatedAsset[] = [];
  const errors: ImportRowError[] = [];
  for (const { row, input, problems } of candidates) {
    const result = ZAssetInput.safeParse(input);
    for (const problem of problems ?? []) errors.push({ row, field: problem.field, message: problem.message });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path.length ? fieldLabel(String(issue.path[0])) : "_row";
        errors.push({ row, field, message: issue.message });
      }
      continue;
    }
    if (!problems?.length) assets.push({ row, asset: result.data });
  }
  return { assets, errors };
}

/** Refuses rows that repeat the kind, name and version of an earlier row, naming that row. */
export function refuseRepeatedRows(assets: readonly ValidatedAsset[], fieldLabel: (field: string) => string): ImportRowError[] {
  const firstSeen = new Map<string, number | string>();
  const errors: ImportRowError[] = [];
  for (const { row, asset } of assets) {
    const key = assetKey(asset);
    const first = firstSeen.get(key);
    if (first === undefined) firstSeen.set(key, row);
    else errors.push({ row, field: fieldLabel("name"), message: `Same kind, name and version as ${describeRow(first)}.` });
  }
  return errors;
}

export function describeRow(row: number | string): string {
  return typeof row === "number" ? `row ${row}` : row;
}

/** Adds an error for every asset that already exists in the system. */
export async function findExistingDuplicates(
  db: DbOrTx,
  systemId: string,
  assets: readonly ValidatedAsset[],
  fieldLabel: (field: string) => string = (f) => f,
  message = `${DUPLICATE_ASSET_MESSAGE} in this system.`,
): Promise<ImportRowError[]> {
  if (!assets.length) return [];
  const existing = await db.asset.findMany({
    where: { systemId, name: { in: [...new Set(assets.map((a) => a.asset.name))] } },
    select: { kind: true, name: true, version: true },
  });
  const keys = new Set(existing.map(assetKey));
  return assets.filter((a) => keys.has(assetKey(a.asset))).map((a) => ({ row: a.row, field: fieldLabel("name"), message }));
}

/** Orders errors by where they are in the file (numbers first, then paths). */
export function sortRowErrors(errors: ImportRowError[]): ImportRowError[] {
  return [...errors].sort((a, b) => {
    if (typeof a.row === "number" && typeof b.row === "number") return a.row - b.row;
    return String(a.row).localeCompare(String(b.row), "en", { numeric: true });
  });
}

/** "Imported 3 assets; merged 1 duplicate entry; skipped 2 components." */
export function importMessage(counts: { imported: number; merged: number; skipped: number }, unit: "row" | "component"): string {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const parts = [`Imported ${plural(counts.imported, "asset")}`];
  if (counts.merged) parts.push(`merged ${plural(counts.merged, "duplicate entry", "duplicate entries")}`);
  if (counts.skipped) parts.push(`skipped ${plural(counts.skipped, unit)}`);
  return `${parts.join("; ")}.`;
}

export type ImportWrite = {
  systemId: string;
  assets: readonly ValidatedAsset[];
  source: "csv" | "cyclonedx";
  file: ImportedFile;
  bom?: ImportResult["bom"];
  mergedEntries?: ImportMerge[];
  skippedEntries?: ImportSkip[];
  notices?: string[];
  fieldLabel?: (field: string) => string;
};

/**
 * Writes all assets, their other digests and ONE `asset.imported` audit event in a single
 * transaction. The event names what was imported: every asset (id, kind, name, version), the
 * file's SHA-256, size, encoding and name, the BOM's serial number and version, and what was
 * merged or skipped. A file without any asset to write is refused (422), nothing is audited.
 * @throws ImportRejectedError when a concurrent import or edit created one of these assets
 *   first (the unique index decides; the rows are named)
 */
export async function insertImportedAssets({ actor, db, meta }: ServiceContext, write: ImportWrite): Promise<ImportResult> {
  const { systemId, assets, source, file } = write;
  const unit = source === "csv" ? "row" : "component";
  const mergedEntries = write.mergedEntries ?? [];
  const skippedEntries = write.skippedEntries ?? [];
  if (!assets.length) {
    if (skippedEntries.length) {
      throw new ImportRejectedError(
        `None of the ${skippedEntries.length} ${unit}s in the file can be imported; nothing was imported.`,
        skippedEntries.map((s) => ({ row: s.row, field: source === "csv" ? "_row" : "type", message: s.reason })),
      );
    }
    const message = source === "csv" ? "The file has a header row but no rows to import." : "The BOM lists no components or services to import.";
    throw new ValidationError(`${message} Nothing was imported.`, { file: [message] });
  }

  const kinds: Partial<Record<AssetKind, number>> = {};
  for (const { asset } of assets) kinds[asset.kind] = (kinds[asset.kind] ?? 0) + 1;
  let created: ImportResult["assets"];
  try {
    created = await withTransaction(
      { actor, db, meta },
      async ({ db: tx }) => {
        const rows = await tx.asset.createManyAndReturn({
          data: assets.map(({ asset }) => ({ systemId, ...assetData(asset) })),
          select: { id: true, kind: true, name: true, version: true },
        });
        const idOf = new Map(rows.map((r) => [assetKey(r), r.id]));
        const digests = assets.flatMap(({ asset }) => asset.otherDigests.map((d) => ({ assetId: idOf.get(assetKey(asset))!, ...d })));
        if (digests.length) await tx.assetDigest.createMany({ data: digests });
        const byId = new Map(rows.map((r) => [r.id, r]));
        const ordered = assets.map(({ asset }) => byId.get(idOf.get(assetKey(asset))!)!);
        await appendAudit(
          tx,
          actor,
          {
            action: "asset.imported",
            entityType: "AiSystem",
            entityId: systemId,
            summary: {
              systemId,
              source,
              count: assets.length,
              kinds,
              file,
              bom: write.bom ?? null,
              assets: ordered,
              merged: mergedEntries.length,
              skipped: skippedEntries.map(({ row, name, type }) => ({ row, name, type })),
            },
          },
          meta,
        );
        return ordered;
      },
      { timeoutMs: 60_000 },
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another import or edit committed some of these assets after our check: name them.
    const rows = await findExistingDuplicates(db, systemId, assets, write.fieldLabel, `${DUPLICATE_ASSET_MESSAGE} in this system: it was added while this file was being imported.`);
    throw new ImportRejectedError(
      "Someone added some of these assets while the file was being imported; nothing was imported.",
      rows.length ? rows : [{ row: "file", field: "_file", message: "An asset in this file was added meanwhile. Try again." }],
    );
  }

  const counts = { imported: created.length, merged: mergedEntries.length, skipped: skippedEntries.length };
  return {
    ...counts,
    message: importMessage(counts, unit),
    assets: created,
    mergedEntries,
    skippedEntries,
    notices: write.notices ?? [],
    file,
    bom: write.bom ?? null,
  };
}
