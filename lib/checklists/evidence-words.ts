/** The states a piece of evidence linked to an item can be in (lib/evidence/rules.ts `evidenceState`). */
export type EvidenceStateName = "VALID" | "EXPIRED" | "SUPERSEDED" | "DELETED" | "NOT_YET_EFFECTIVE";

const WHY: Record<Exclude<EvidenceStateName, "VALID">, string> = {
  EXPIRED: "expired",
  SUPERSEDED: "replaced by a newer revision",
  DELETED: "deleted",
  NOT_YET_EFFECTIVE: "not valid yet",
};
const ORDER = ["EXPIRED", "NOT_YET_EFFECTIVE", "SUPERSEDED", "DELETED"] as const;

/**
 * An item's evidence count in words, with why the invalid ones do not count, e.g.
 * "No evidence", "1 piece of evidence, valid", "3 pieces of evidence, all valid",
 * "1 of 2 pieces of evidence valid — 1 expired",
 * "0 of 3 pieces of evidence valid — 2 expired, 1 deleted".
 * Reasons follow the order expired, not valid yet, replaced, deleted; only states present are named.
 *
 * @param states the state of each piece of evidence linked to the item (any order).
 */
export function evidenceWords(states: readonly EvidenceStateName[]): string {
  const total = states.length;
  if (total === 0) return "No evidence";
  const valid = states.filter((s) => s === "VALID").length;
  if (valid === total) return total === 1 ? "1 piece of evidence, valid" : `${total} pieces of evidence, all valid`;
  const reasons = ORDER.map((state) => [states.filter((s) => s === state).length, WHY[state]] as const)
    .filter(([n]) => n > 0)
    .map(([n, why]) => `${n} ${why}`);
  return `${valid} of ${total} ${total === 1 ? "piece" : "pieces"} of evidence valid — ${reasons.join(", ")}`;
}
