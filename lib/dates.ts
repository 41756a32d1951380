/**
 * The one date format of the app: ISO 8601 calendar dates ("2026-11-30") and, for moments,
 * "2026-11-30 14:05 UTC". Shown everywhere (tables, sentences, exports) and typed the same way
 * in date fields (components/ui/date-input.tsx), so nobody has to guess whether 03/04 is
 * March or April. Times are UTC because the audit trail and the server are.
 */

type DateLike = Date | string | number | null | undefined;

function toDate(value: DateLike): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026-11-30" (UTC calendar day), or `empty` ("—") for no or an invalid value. */
export function formatDate(value: DateLike, empty = "—"): string {
  const d = toDate(value);
  return d ? d.toISOString().slice(0, 10) : empty;
}

/** "2026-11-30 14:05 UTC", or `empty` ("—") for no or an invalid value. */
export function formatDateTime(value: DateLike, empty = "—"): string {
  const d = toDate(value);
  return d ? `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC` : empty;
}

/** "2026-11-30 14:05:09 UTC" (to the second, for audit events), or `empty`. */
export function formatTimestamp(value: DateLike, empty = "—"): string {
  const d = toDate(value);
  return d ? `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC` : empty;
}

/** Whether `text` is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
