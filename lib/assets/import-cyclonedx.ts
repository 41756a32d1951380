import "server-only";
import { assertCan } from "@/lib/authz/policy";
import type { ServiceContext } from "@/lib/service-context";
import { loadEditableSystem } from "./access";
import {
  assertImportRowCount,
  decodeImportFile,
  findExistingDuplicates,
  insertImportedAssets,
  sortRowErrors,
  validateCandidates,
  type ImportFile,
  type ImportResult,
} from "./import-common";
import { ImportRejectedError, rejectionMessage } from "./import-errors";
import { cycloneDxField, readCycloneDx } from "./read-cyclonedx";
import { mergeDuplicateEntries } from "./rules/cyclonedx";
import { findAssetsMissingDigest } from "./rules/digests";

/**
 * Imports the components and services of a CycloneDX 1.6 JSON BOM into one system, all or
 * nothing. The document must be valid against the official 1.6 schema. Components listed
 * twice (same kind, name, version and agreeing digests) are merged and reported; component
 * types without an asset kind are skipped and reported; every other problem refuses the file
 * and is reported per component with its path in the document (e.g. "components[3]").
 * @throws ForbiddenError / NotFoundError first; PayloadTooLargeError; ValidationError;
 *   ImportRejectedError with per-component problems
 */
export async function importAssetsCycloneDx(ctx: ServiceContext, systemId: string, upload: ImportFile): Promise<ImportResult> {
  const { actor, db } = ctx;
  assertCan(actor, "inventory:import");
  await loadEditableSystem(db, actor, systemId);
  const { text, file } = decodeImportFile(upload, "cyclonedx");

  const { candidates, skipped, bom } = readCycloneDx(text);
  assertImportRowCount(candidates.length + skipped.length, "components");
  const validated = validateCandidates(candidates, cycloneDxField);
  const { assets, merged, conflicts } = mergeDuplicateEntries(validated.assets.map((a) => ({ row: String(a.row), asset: a.asset })));
  const errors = [...validated.errors, ...conflicts, ...(await findExistingDuplicates(db, systemId, assets, cycloneDxField))];
  if (errors.length) throw new ImportRejectedError(rejectionMessage(errors, "component"), sortRowErrors(errors));

  const notices = findAssetsMissingDigest(assets.map((a) => ({ ...a.asset, row: a.row }))).map(
    ({ asset, reason }) => `${asset.row} (${asset.name}): ${reason}.`,
  );
  return insertImportedAssets(ctx, {
    systemId,
    assets,
    source: "cyclonedx",
    file,
    bom,
    mergedEntries: merged,
    skippedEntries: skipped,
    notices,
    fieldLabel: cycloneDxField,
  });
}
