/** CSV files of assets: cells safe against formula injection, the shared column list, header rules (pure). */

const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r"]);

/**
 * Spreadsheets run cells that start with = + - @ (or a tab/CR before them) as formulas.
 * A leading single quote makes them plain text (OWASP "CSV injection").
 */
export function escapeCsvCell(value: string): string {
  return value.length > 0 && FORMULA_START.has(value[0]!) ? `'${value}` : value;
}

/** Reverses `escapeCsvCell`, so an exported file imports back unchanged. */
export function unescapeCsvCell(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.has(value[1]!) ? value.slice(1) : value;
}

export type CsvValue = string | number | boolean | null | undefined;

/** One RFC 4180 line (CRLF-terminated), formula-escaped and quoted where needed. */
export function toCsvRow(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = escapeCsvCell(String(value));
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The byte-order mark that starts every exported CSV. Excel on Windows reads a CSV without it
 * in the machine's legacy code page (accents garbled) and saves it back in that code page.
 */
export const UTF8_BOM = "\uFEFF";

/** CSV column -> asset field, in file order (import and export share them). */
export const ASSET_CSV_COLUMNS = {
  kind: "kind",
  name: "name",
  version: "version",
  supplier: "supplier",
  licence: "licence",
  sha256: "sha256",
  other_digests: "otherDigests",
  signature_ref: "signatureRef",
  sensitivity: "sensitivity",
  permissions: "permissions",
  due_diligence: "dueDiligence",
  capabilities: "capabilities",
  credential_type: "credentialType",
  human_approval_required: "humanApprovalRequired",
  secret_location: "secretLocation",
  rotation_days: "rotationDays",
  notes: "notes",
} as const;

export type AssetCsvColumn = keyof typeof ASSET_CSV_COLUMNS;
export type AssetCsvField = (typeof ASSET_CSV_COLUMNS)[AssetCsvColumn];

/** System columns that lead each exported row; the importer ignores them. */
export const SYSTEM_CSV_COLUMNS = ["system_slug", "system_name", "system_risk_tier", "system_lifecycle", "system_owner_email"] as const;

/** Field name -> the CSV column people see in error reports. */
export function csvColumnOf(field: string): string {
  const entry = Object.entries(ASSET_CSV_COLUMNS).find(([, f]) => f === field);
  return entry ? entry[0] : field;
}

/** Header cells are matched loosely: " Signature Ref " and "signature-ref" mean signature_ref. */
export function normaliseCsvHeader(cell: string): string {
  return cell.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/** Delimiters a `sep=` line may name. */
const SEP_DELIMITERS = new Set([",", ";", "\t", "|"]);

/**
 * Excel's delimiter hint: a first line `sep=,` (or `;`, tab, `|`) that Excel reads and hides.
 * Returns the delimiter and the text after that line, or null when the first line is not one.
 */
export function readSepHint(text: string): { delimiter: string; rest: string } | null {
  const match = /^sep=(.)[ \t]*(?:\r\n|\n|\r|$)/i.exec(text);
  if (!match || !SEP_DELIMITERS.has(match[1]!)) return null;
  return { delimiter: match[1]!, rest: text.slice(match[0].length) };
}

/**
 * Which header positions to ignore: columns with no name whose cells are all empty (Excel
 * writes such trailing columns, e.g. "kind,name,,,"). An unnamed column with a value in some
 * row is returned in `unnamedWithData` with the first such row (header = row 1).
 */
export function unnamedColumns(
  header: readonly string[],
  records: readonly (readonly string[])[],
): { ignored: Set<number>; unnamedWithData: { column: number; row: number }[] } {
  const ignored = new Set<number>();
  const unnamedWithData: { column: number; row: number }[] = [];
  header.forEach((cell, column) => {
    if (cell.trim() !== "") return;
    const rowIndex = records.findIndex((cells) => (cells[column] ?? "").trim() !== "");
    if (rowIndex === -1) ignored.add(column);
    else unnamedWithData.push({ column, row: rowIndex + 2 });
  });
  return { ignored, unnamedWithData };
}

/** "A", …, "Z", "AA": the spreadsheet letter of a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
