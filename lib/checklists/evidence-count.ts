import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/create-client";
import { evidenceHolds, todayUtc } from "./rules";

/** How many of an item's linked evidence items currently hold (see `evidenceHolds`). */
export async function countValidEvidence(db: Db | Prisma.TransactionClient, itemId: string, today = todayUtc()) {
  const links = await db.checklistItemEvidence.findMany({
    where: { itemId },
    select: { evidence: { select: { deletedAt: true, effectiveDate: true, expiresAt: true, revisedBy: { select: { id: true } } } } },
  });
  return links.filter(({ evidence: e }) =>
    evidenceHolds({ deletedAt: e.deletedAt, superseded: Boolean(e.revisedBy), effectiveDate: e.effectiveDate, expiresAt: e.expiresAt }, today),
  ).length;
}
