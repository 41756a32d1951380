import { evidenceHolds, todayUtc } from "./rules";
import type { DbOrTx } from "@/lib/service-context";

/** For each item, how many of its linked evidence items currently hold (see `evidenceHolds`); one query. */
export async function countValidEvidenceByItem(db: DbOrTx, itemIds: readonly string[], today = todayUtc()) {
  const links = await db.checklistItemEvidence.findMany({
    where: { itemId: { in: [...itemIds] } },
    select: { itemId: true, evidence: { select: { deletedAt: true, effectiveDate: true, expiresAt: true, revisedBy: { select: { id: true } } } } },
  });
  const counts = new Map<string, number>(itemIds.map((id) => [id, 0]));
  for (const { itemId, evidence: e } of links) {
    if (evidenceHolds({ deletedAt: e.deletedAt, superseded: Boolean(e.revisedBy), effectiveDate: e.effectiveDate, expiresAt: e.expiresAt }, today)) {
      counts.set(itemId, (counts.get(itemId) ?? 0) + 1);
    }
  }
  return counts;
}

/** How many of one item's linked evidence items currently hold. */
export async function countValidEvidence(db: DbOrTx, itemId: string, today = todayUtc()) {
  return (await countValidEvidenceByItem(db, [itemId], today)).get(itemId) ?? 0;
}
