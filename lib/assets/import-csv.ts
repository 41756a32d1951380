import "server-only";
import Papa from "papaparse";
import { assertCan } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";
import { loadEditableSystem } from "./access";
import {
  assertImportRowCount,
  assertImportSize,
  findExistingDuplicates,
  insertImportedAssets,
  sortRowErrors,
  validateCandidates,
  type ImportCandidate,
} from "./import-common";
import { ImportRejectedError, rejectionMessage, type ImportRowError } from "./import-errors";
import {
  ASSET_CSV_COLUMNS,
  csvColumnOf,
  normaliseCsvHeader,
  splitList,
  SYSTEM_CSV_COLUMNS,
  unescapeCsvCell,
  type AssetCsvColumn,
} from "./rules";

const KNOWN_COLUMNS = Object.keys(ASSET_CSV_COLUMNS) as AssetCsvColumn[];
const LIST_COLUMNS = new Set<AssetCsvColumn>(["permissions", "capabilities"]);

/**
 * Imports a CSV file of assets into one system, all or nothing: if any row is invalid (or
 * duplicates another row or an existing asset) nothing is written and every problem is
 * reported with its row number (the header is row 1).
 */
export async function importAssetsCsv(ctx: ServiceContext, systemId: string, csvText: string): Promise<{ imported: number }> {
  const { actor, db } = ctx;
  assertCan(actor, "inventory:import");
  await loadEditableSystem(db, actor, systemId);
  assertImportSize(csvText);

  const { candidates, errors: fileErrors } = parseAssetsCsv(csvText);
  const { assets, errors } = validateCandidates(candidates, csvColumnOf);
  errors.push(...fileErrors, ...(await findExistingDuplicates(db, systemId, assets, csvColumnOf)));
  if (errors.length) throw new ImportRejectedError(rejectionMessage(errors, "row"), sortRowErrors(errors));

  return insertImportedAssets(ctx, systemId, assets, "csv");
}

/**
 * Reads the header and rows (no validation of values yet). Rows whose asset columns are all
 * empty are skipped, so an inventory export (which lists systems without assets) imports back.
 */
export function parseAssetsCsv(csvText: string): { candidates: ImportCandidate[]; errors: ImportRowError[] } {
  const text = csvText.replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, { delimiter: ",", skipEmptyLines: false });
  const [header, ...records] = parsed.data;
  if (!header || header.every((cell) => cell.trim() === "")) {
    throw new ValidationError("The file is empty: expected a header row such as kind,name,version,…", { file: ["The file is empty."] });
  }
  const columns = readHeader(header);
  assertImportRowCount(records.filter((r) => !isBlank(r)).length, "rows");

  const errors: ImportRowError[] = parsed.errors
    .filter((e) => e.row !== undefined)
    .map((e) => ({ row: (e.row ?? 0) + 1, field: "_row", message: `The CSV is malformed here: ${e.message}.` }));
  const candidates: ImportCandidate[] = [];
  records.forEach((cells, index) => {
    const row = index + 2;
    if (isBlank(cells)) return;
    if (cells.length > header.length) {
      errors.push({ row, field: "_row", message: `This row has ${cells.length} cells but the header has ${header.length} columns.` });
      return;
    }
    const input: Record<string, unknown> = {};
    let hasAssetData = false;
    columns.forEach((column, i) => {
      if (!column) return;
      const cell = unescapeCsvCell(cells[i] ?? "");
      if (cell.trim() !== "") hasAssetData = true;
      input[ASSET_CSV_COLUMNS[column]] = LIST_COLUMNS.has(column) ? splitList(cell) : cell;
    });
    if (hasAssetData) candidates.push({ row, input });
  });
  return { candidates, errors };
}

/** Maps header cells to known columns (null = a system column, ignored). Unknown columns are refused. */
function readHeader(header: readonly string[]): (AssetCsvColumn | null)[] {
  const names = header.map(normaliseCsvHeader);
  const problems: string[] = [];
  const unknown = names.filter((n) => !(KNOWN_COLUMNS as string[]).includes(n) && !(SYSTEM_CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length === 1 && names.length === 1 && header[0]!.includes(";")) {
    problems.push("Columns must be separated by commas, not semicolons (semicolons separate list entries inside a cell).");
  } else if (unknown.length) {
    problems.push(`Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}. Known columns: ${KNOWN_COLUMNS.join(", ")}.`);
  }
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length) problems.push(`Column ${[...new Set(repeated)].map((r) => `"${r}"`).join(", ")} appears more than once.`);
  for (const required of ["kind", "name"] as const) {
    if (!names.includes(required)) problems.push(`The header has no "${required}" column.`);
  }
  if (problems.length) {
    throw new ImportRejectedError(
      "The header row is not usable; nothing was imported.",
      problems.map((message) => ({ row: 1, field: "_header", message })),
    );
  }
  return names.map((n) => ((KNOWN_COLUMNS as string[]).includes(n) ? (n as AssetCsvColumn) : null));
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === "");
}
