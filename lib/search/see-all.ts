/**
 * The text of a search group's "see all" link. The inventory filters systems by the same rule as
 * the search (name or short ID contains the text), so its link may name the count; the control
 * library matches words in a control's whole text (guidance, mappings …), a different rule, so
 * its link names the query and no number that the library would not show (QA finding 3).
 *
 * @param kind the group ("systems", "controls"; others have no link).
 * @param total the group's count of hits.
 * @param q the query as searched.
 */
export function seeAllText(kind: "systems" | "controls", total: number, q: string): string {
  return kind === "systems" ? `See all ${total} in the inventory` : `Search the library for “${q}”`;
}
