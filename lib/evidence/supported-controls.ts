import "server-only";
import type { DbOrTx } from "@/lib/service-context";

/** A checklist control an evidence item supports, with the address of its checklist item. */
export type SupportedControl = { itemId: string; code: string; title: string; href: string };

/** The checklist item's address (opens and scrolls to the item), as the library's usage links use it. */
export function checklistItemHref(systemId: string, itemId: string): string {
  return `/systems/${systemId}/checklist?item=${itemId}#item-${itemId}`;
}

/** Orders controls by code as people read them: DES-1.2 before DES-1.10. */
export function byControlCode(a: { code: string }, b: { code: string }): number {
  return a.code.localeCompare(b.code, "en", { numeric: true });
}

/**
 * Which checklist controls each evidence item supports (the items it is attached to), in one
 * query. Evidence is only ever attached to items of its own system's checklist
 * (lib/checklists/evidence-links.ts), so the caller's access check on the system covers them.
 *
 * @param evidenceIds evidence of systems the caller has already been allowed to read.
 * @returns a map from evidence id to its controls, ordered by code; ids without any are absent.
 */
export async function supportedControls(db: DbOrTx, evidenceIds: readonly string[]): Promise<Map<string, SupportedControl[]>> {
  const out = new Map<string, SupportedControl[]>();
  if (evidenceIds.length === 0) return out;
  const links = await db.checklistItemEvidence.findMany({
    where: { evidenceId: { in: [...evidenceIds] } },
    select: {
      evidenceId: true,
      item: { select: { id: true, checklist: { select: { systemId: true } }, control: { select: { code: true, title: true } } } },
    },
  });
  for (const link of links) {
    const list = out.get(link.evidenceId) ?? [];
    list.push({ itemId: link.item.id, code: link.item.control.code, title: link.item.control.title, href: checklistItemHref(link.item.checklist.systemId, link.item.id) });
    out.set(link.evidenceId, list);
  }
  for (const list of out.values()) list.sort(byControlCode);
  return out;
}
