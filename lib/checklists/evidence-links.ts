import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { refreshApprovalStaleness } from "@/lib/approvals/staleness-hook";
import { assertCan } from "@/lib/authz/policy";
import { lockRows } from "@/lib/db/locks";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadEditableItem } from "./access";
import { countValidEvidence } from "./evidence-count";
import { ZLinkEvidenceInput } from "./schema";

/** Attaches one of the system's evidence items to a checklist item (evidence is re-usable). */
export async function linkEvidence(ctx: ServiceContext, itemId: string, rawInput: unknown) {
  const { actor, db, meta } = ctx;
  const item = await loadEditableItem(db, actor, itemId);
  const { evidenceId } = parseOrThrow(ZLinkEvidenceInput, rawInput);
  const evidence = await db.evidence.findUnique({ where: { id: evidenceId }, select: { id: true, systemId: true, title: true, deletedAt: true } });
  if (!evidence || evidence.systemId !== item.checklist.systemId) throw new NotFoundError("Evidence not found on this system.");
  if (evidence.deletedAt) throw new ValidationError("Deleted evidence cannot be attached.");
  await withTransaction({ actor, db, meta }, async ({ db: tx }) => {
    const existing = await tx.checklistItemEvidence.findUnique({ where: { itemId_evidenceId: { itemId, evidenceId } } });
    if (existing) return;
    await tx.checklistItemEvidence.create({ data: { itemId, evidenceId, linkedById: actor.id } });
    await appendAudit(
      tx,
      actor,
      { action: "checklist.evidence_linked", entityType: "ChecklistItem", entityId: itemId, summary: { systemId: item.checklist.systemId, control: item.control.code, evidenceId, title: evidence.title } },
      meta,
    );
  });
}

/**
 * Detaches evidence; refused when it is the last valid support of a MET item. The item row is
 * locked first, so a concurrent "mark as met" waits and then counts without this evidence.
 * @throws NotFoundError (not attached), ValidationError (last support of a MET item).
 */
export async function unlinkEvidence(ctx: ServiceContext, itemId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "checklist:edit");
  const { evidenceId } = parseOrThrow(ZLinkEvidenceInput, rawInput);
  await withTransaction(ctx, async ({ db: tx }) => {
    await lockRows(tx, "ChecklistItem", [itemId]);
    const item = await loadEditableItem(tx, actor, itemId);
    const link = await tx.checklistItemEvidence.findUnique({ where: { itemId_evidenceId: { itemId, evidenceId } } });
    if (!link) throw new NotFoundError("That evidence is not attached to this item.");
    await tx.checklistItemEvidence.delete({ where: { itemId_evidenceId: { itemId, evidenceId } } });
    if (item.status === "MET" && item.control.evidenceRequired && (await countValidEvidence(tx, itemId)) === 0) {
      throw new ValidationError(`This is the last valid evidence for ${item.control.code}, which is marked met. Change its status first.`);
    }
    await refreshApprovalStaleness(tx, actor, item.checklist.systemId, { change: "checklist.evidence_unlinked", id: itemId }, { meta });
    await appendAudit(
      tx,
      actor,
      { action: "checklist.evidence_unlinked", entityType: "ChecklistItem", entityId: itemId, summary: { systemId: item.checklist.systemId, control: item.control.code, evidenceId } },
      meta,
    );
  });
}
