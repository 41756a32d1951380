import { ValidationError, type FieldErrors } from "@/lib/errors";

/** One problem in an import file: `row` is the CSV row (header = 1) or the BOM path ("components[3]"). */
export type ImportRowError = { row: number | string; field: string; message: string };

/** At most this many problems are listed; a file with thousands of bad rows needs fixing at the source. */
export const MAX_REPORTED_ROW_ERRORS = 500;

/**
 * An import was refused as a whole: nothing was written. `rows` says where each problem is;
 * `fieldErrors` carries the same problems keyed "row 3: sha256" for generic error displays.
 */
export class ImportRejectedError extends ValidationError {
  readonly rows: ImportRowError[];
  readonly omitted: number;

  constructor(message: string, rows: readonly ImportRowError[]) {
    const listed = rows.slice(0, MAX_REPORTED_ROW_ERRORS);
    super(message, toFieldErrors(listed));
    this.rows = listed;
    this.omitted = rows.length - listed.length;
  }

  /** JSON body for API responses. */
  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        fieldErrors: this.fieldErrors,
        rows: this.rows,
        omitted: this.omitted,
      },
    };
  }
}

function toFieldErrors(rows: readonly ImportRowError[]): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const { row, field, message } of rows) {
    const key = typeof row === "number" ? `row ${row}: ${field}` : `${row}: ${field}`;
    (fieldErrors[key] ??= []).push(message);
  }
  return fieldErrors;
}

/** "3 rows have problems; nothing was imported." */
export function rejectionMessage(errors: readonly ImportRowError[], unit: "row" | "component"): string {
  const count = new Set(errors.map((e) => String(e.row))).size;
  const noun = count === 1 ? unit : `${unit}s`;
  return `${count} ${noun} ${count === 1 ? "has" : "have"} problems; nothing was imported.`;
}
