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

/** The UTC calendar day ("2026-11-30") of a moment or of a day already written that way. */
function utcDay(value: Date | string): string {
  return typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/**
 * Whole UTC calendar days from `from` to `to` (`to` − `from`; negative when `to` is earlier).
 * Moments count by their UTC day, not by elapsed hours: a request submitted yesterday at 23:59
 * is 1 day old at 00:01 today. The one day count behind every "N days ago", "waiting N days",
 * "due in N days" (`relativeDay`, the approvals queue's age), so two of them never disagree
 * about the same date.
 */
export function calendarDaysBetween(from: Date | string, to: Date | string): number {
  return Math.round((Date.parse(`${utcDay(to)}T00:00:00Z`) - Date.parse(`${utcDay(from)}T00:00:00Z`)) / 86_400_000);
}

/** "1 day", "3 days". */
export function dayCount(days: number): string {
  return `${days} day${days === 1 ? "" : "s"}`;
}

/**
 * A day made human relative to today, by calendar days (`calendarDaysBetween`): "today",
 * "2 days ago" (kinds "waiting since", "submitted", "since", "changed"), "expired 3 days ago" /
 * "expires today" ("expired", "expires"), "4 days overdue" / "due today" / "<kind> in 12 days"
 * (any other kind, e.g. "due").
 *
 * @param date the day (YYYY-MM-DD, or an ISO moment: its UTC day counts).
 * @param today today's UTC day (YYYY-MM-DD).
 */
export function relativeDay(date: string, today: string, kind: string): string {
  const d = calendarDaysBetween(today, date);
  if (kind === "waiting since" || kind === "submitted" || kind === "since" || kind === "changed") {
    return d === 0 ? "today" : `${dayCount(-d)} ago`;
  }
  if (kind === "expired") return d === 0 ? "expires today" : `expired ${dayCount(-d)} ago`;
  if (d < 0) return kind === "expires" ? `expired ${dayCount(-d)} ago` : `${dayCount(-d)} overdue`;
  if (d === 0) return kind === "expires" ? "expires today" : "due today";
  return `${kind} in ${dayCount(d)}`;
}
