/** Pure wording and hints for the checklist's bulk bar (no React, no database). */
import { calendarDaysBetween, isIsoDay } from "@/lib/dates";
import { JUSTIFICATION_MIN, justificationTooShort } from "./rules";

/**
 * The "select every item" button's label: "Select all 80 items" when the list is the whole
 * checklist, "Select all 12 in this filter" when a (valid) filter narrows it.
 */
export function selectAllLabel(count: number, filtered: boolean): string {
  return filtered ? `Select all ${count} in this filter` : `Select all ${count} ${count === 1 ? "item" : "items"}`;
}

/**
 * The one message at the bulk "Not applicable" justification field, or null when the text is
 * long enough. The rule is the service's own (`justificationTooShort`, `JUSTIFICATION_MIN` in
 * rules.ts), checked before the confirmation opens.
 */
export function bulkJustificationProblem(text: string): string | null {
  return justificationTooShort(text) ? `Explain in at least ${JUSTIFICATION_MIN} characters why these items do not apply; the same text is saved on every item.` : null;
}

/**
 * A non-blocking hint for a bulk due date before today (UTC calendar days, as overdue is
 * computed), or null. `day` is the field's YYYY-MM-DD value (empty or invalid: null);
 * `today` is today's UTC day.
 */
export function pastDueDateHint(day: string, today: string): string | null {
  if (!isIsoDay(day)) return null;
  return calendarDaysBetween(today, day) < 0 ? "That date is in the past: the items will be overdue at once." : null;
}
