import "server-only";
import Papa from "papaparse";
import { assertCan } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";
import { loadEditableSystem } from "./access";
import {
  assertImportRowCount,
  decodeImportFile,
  findExistingDuplicates,
  insertImportedAssets,
  refuseRepeatedRows,
  sortRowErrors,
  validateCandidates,
  type ImportCandidate,
  type ImportFile,
  type ImportResult,
  type ImportSkip,
} from "./import-common";
import { ImportRejectedError, rejectionMessage, type ImportRowError } from "./import-errors";
import {
  ASSET_CSV_COLUMNS,
  columnLetter,
  csvColumnOf,
  normaliseCsvHeader,
  readSepHint,
  SYSTEM_CSV_COLUMNS,
  unescapeCsvCell,
  unnamedColumns,
  type AssetCsvColumn,
} from "./rules/csv";
import { splitList } from "./rules/text";

const KNOWN_COLUMNS = Object.keys(ASSET_CSV_COLUMNS) as AssetCsvColumn[];
const LIST_COLUMNS = new Set<AssetCsvColumn>(["permissions", "capabilities"]);

/**
 * Imports a CSV file of assets into one system, all or nothing: if any row is invalid (or
 * duplicates another row or an existing asset) nothing is written and every problem is
 * reported with its row number (the header is row 1) and column. The file may be UTF-8 (with
 * or without a byte-order mark), UTF-16 with a byte-order mark, or Windows-1252 (then the
 * result's notices say so and name the rows with letters outside ASCII).
 * @throws ForbiddenError / NotFoundError first; PayloadTooLargeError; ValidationError (no
 *   rows, undecodable); ImportRejectedError with per-row problems
 */
export async function importAssetsCsv(ctx: ServiceContext, systemId: string, upload: ImportFile): Promise<ImportResult> {
  const { actor, db } = ctx;
  assertCan(actor, "inventory:import");
  await loadEditableSystem(db, actor, systemId);
  const { text, file } = decodeImportFile(upload, "csv");

  const { candidates, skipped, errors: fileErrors } = parseAssetsCsv(text);
  const { assets, errors } = validateCandidates(candidates, csvColumnOf);
  errors.push(...fileErrors, ...refuseRepeatedRows(assets, csvColumnOf));
  errors.push(...(await findExistingDuplicates(db, systemId, assets, csvColumnOf)));
  if (errors.length) throw new ImportRejectedError(rejectionMessage(errors, "row"), sortRowErrors(errors));

  const notices: string[] = [];
  if (file.encoding === "Windows-1252") {
    const rows = candidates.filter((c) => Object.values(c.input).some((v) => /[^\x00-\x7F]/.test(String(v)))).map((c) => c.row);
    const check = rows.length ? ` Check the accented letters in row${rows.length === 1 ? "" : "s"} ${listRows(rows)}.` : "";
    notices.push(`The file is not UTF-8, so it was read as Windows-1252 (what Excel on Windows saves as "CSV").${check}`);
  }
  return insertImportedAssets(ctx, { systemId, assets, source: "csv", file, skippedEntries: skipped, notices, fieldLabel: csvColumnOf });
}

function listRows(rows: readonly (number | string)[]): string {
  return rows.length > 20 ? `${rows.slice(0, 20).join(", ")} and ${rows.length - 20} more` : rows.join(", ");
}

/**
 * Reads the header and rows (no validation of values yet). Blank lines are ignored; rows whose
 * asset columns are all empty (an inventory export lists systems without assets) are skipped
 * and reported. What spreadsheets add is ignored: a byte-order mark, Excel's `sep=` first
 * line (it also sets the delimiter; Excel hides that line, so the header stays row 1), and
 * unnamed columns that are empty in every row.
 */
export function parseAssetsCsv(csvText: string): { candidates: ImportCandidate[]; skipped: ImportSkip[]; errors: ImportRowError[] } {
  const withoutBom = csvText.replace(/^\uFEFF/, "");
  const hint = readSepHint(withoutBom);
  const parsed = Papa.parse<string[]>(hint?.rest ?? withoutBom, { delimiter: hint?.delimiter ?? ",", skipEmptyLines: false });
  const [header, ...records] = parsed.data;
  if (!header || header.every((cell) => cell.trim() === "")) {
    throw new ValidationError("The file is empty: expected a header row such as kind,name,version,…", { file: ["The file is empty."] });
  }
  const { ignored, unnamedWithData } = unnamedColumns(header, records);
  const columns = readHeader(header, ignored, unnamedWithData);
  assertImportRowCount(records.filter((r) => !isBlank(r)).length, "rows");

  const errors: ImportRowError[] = parsed.errors
    .filter((e) => e.row !== undefined)
    .map((e) => ({ row: (e.row ?? 0) + 1, field: "_row", message: `The CSV is malformed here: ${e.message}.` }));
  const candidates: ImportCandidate[] = [];
  const skipped: ImportSkip[] = [];
  records.forEach((cells, index) => {
    const row = index + 2;
    if (isBlank(cells)) return;
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== "")) {
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
    else skipped.push({ row, name: "", type: null, reason: "No asset data in this row (only system columns are filled in)." });
  });
  return { candidates, skipped, errors };
}

/**
 * Maps header cells to known columns: null = a system column (ignored), undefined = an
 * ignored unnamed column. Unknown, repeated or missing columns refuse the file.
 */
function readHeader(
  header: readonly string[],
  ignored: ReadonlySet<number>,
  unnamedWithData: readonly { column: number; row: number }[],
): (AssetCsvColumn | null | undefined)[] {
  const names = header.map((cell, i) => (ignored.has(i) ? undefined : normaliseCsvHeader(cell)));
  const named = names.filter((n): n is string => n !== undefined && n !== "");
  const problems: string[] = [];
  const unknown = named.filter((n) => !(KNOWN_COLUMNS as string[]).includes(n) && !(SYSTEM_CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length === 1 && named.length === 1 && header[0]!.includes(";")) {
    problems.push('Columns must be separated by commas, not semicolons (semicolons separate list entries inside a cell), or start the file with the line "sep=;".');
  } else if (unknown.length) {
    problems.push(`Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}. Known columns: ${KNOWN_COLUMNS.join(", ")}.`);
  }
  for (const { column, row } of unnamedWithData) {
    problems.push(`Column ${columnLetter(column)} has no name in the header, but row ${row} has a value in it. Name the column or delete it.`);
  }
  const repeated = named.filter((n, i) => named.indexOf(n) !== i);
  if (repeated.length) problems.push(`Column ${[...new Set(repeated)].map((r) => `"${r}"`).join(", ")} appears more than once.`);
  for (const required of ["kind", "name"] as const) {
    if (!named.includes(required)) problems.push(`The header has no "${required}" column.`);
  }
  if (problems.length) {
    throw new ImportRejectedError(
      "The header row is not usable; nothing was imported.",
      problems.map((message) => ({ row: 1, field: "_header", message })),
    );
  }
  return names.map((n) => (n === undefined ? undefined : (KNOWN_COLUMNS as string[]).includes(n) ? (n as AssetCsvColumn) : null));
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === "");
}
