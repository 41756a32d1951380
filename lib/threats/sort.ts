/** Orders of the threat list. Pure. */
import type { ThreatAssessment } from "./rules";

export const THREAT_SORTS = ["residual", "inherent", "id", "added"] as const;
export type ThreatSort = (typeof THREAT_SORTS)[number];

type Sortable = { assessment: Pick<ThreatAssessment, "effective" | "inherent">; libraryRef: string | null; title: string; position: number };

/**
 * Sorts threat rows: `residual` = highest effective score (residual, or inherent where no
 * residual is set) first, ties by inherent; `inherent` = highest inherent first; `id` = by
 * library ID, custom threats last by title; `added` = the order they were added.
 */
export function sortThreatRows<T extends Sortable>(rows: readonly T[], sort: ThreatSort): T[] {
  const copy = [...rows];
  const byPosition = (a: T, b: T) => a.position - b.position;
  if (sort === "residual") copy.sort((a, b) => b.assessment.effective - a.assessment.effective || b.assessment.inherent - a.assessment.inherent || byPosition(a, b));
  else if (sort === "inherent") copy.sort((a, b) => b.assessment.inherent - a.assessment.inherent || b.assessment.effective - a.assessment.effective || byPosition(a, b));
  else if (sort === "id") copy.sort((a, b) => compareText(idKey(a), idKey(b)) || byPosition(a, b));
  else copy.sort(byPosition);
  return copy;
}

/** Library threats first by ID, then custom ones by title (plain code-point order, locale-independent). */
function idKey(row: Sortable): string {
  return row.libraryRef ? `0${row.libraryRef}` : `1${row.title.toLowerCase()}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
