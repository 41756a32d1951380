import "server-only";
import { prepareApprovalStaleness, refreshApprovalStaleness } from "@/lib/approvals/staleness-hook";
import { lockRows } from "@/lib/db/locks";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { assertBulkReviewer, loadChecklistSystem } from "./access";
import { assertBulkVersions, writeBulkItemChange } from "./bulk-item-change";
import { countValidEvidenceByItem } from "./evidence-count";
import { refuseStatusChange } from "./rules";
import { ZBulkStatusInput } from "./schema";

/**
 * Reviewers change many items at once. Inside one transaction the selected items are locked,
 * re-read and every one is checked against the status rules; if any is refused, nothing
 * changes and every refusal is reported (by control code). One audit event per changed item.
 *
 * @param rawInput `ZBulkStatusInput`: `itemIds` (1-500), `status`, optional `justification`,
 *   optional `versions` (each item's row version as the page saw it; a stale one → ConflictError).
 * @returns `{ updated }`, the number of items whose status was set.
 * @throws ForbiddenError (not a reviewer), NotFoundError (an item is not on this checklist),
 *   ValidationError (bad input, or the refusals by control code).
 */
export async function bulkSetStatus(ctx: ServiceContext, systemId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertBulkReviewer(actor);
  const input = parseOrThrow(ZBulkStatusInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    await loadChecklistSystem(tx, actor, systemId);
    await lockRows(tx, "ChecklistItem", input.itemIds);
    // Approval locks after the item locks and before any audit append (lock order); the
    // check itself runs once every item is written.
    await prepareApprovalStaleness(tx, systemId);
    const items = await tx.checklistItem.findMany({
      where: { id: { in: input.itemIds }, checklist: { systemId } },
      include: { control: true },
    });
    if (items.length !== new Set(input.itemIds).size) throw new NotFoundError("Some selected items are not on this system's checklist.");
    await assertBulkVersions(tx, items, input.itemIds, input.versions);

    const validEvidence = await countValidEvidenceByItem(tx, items.map((i) => i.id));
    const refusals: Record<string, string[]> = {};
    for (const item of items) {
      const refusal = refuseStatusChange({
        to: input.status,
        control: { code: item.control.code, evidenceRequired: item.control.evidenceRequired, reviewerOnly: item.control.reviewerOnly },
        validEvidenceCount: validEvidence.get(item.id) ?? 0,
        justification: input.justification,
        canReview: true,
        applicable: item.applicable,
      });
      if (refusal) (refusals[item.control.code] ??= []).push(refusal.message);
    }
    if (Object.keys(refusals).length) {
      throw new ValidationError(`${Object.keys(refusals).length} of ${items.length} items cannot take this status; nothing was changed.`, refusals);
    }

    const changing = items.filter((item) => !(item.status === input.status && input.status !== "NOT_APPLICABLE"));
    for (const item of changing) {
      await writeBulkItemChange(
        tx,
        actor,
        { id: item.id, systemId, controlCode: item.control.code },
        { status: input.status, justification: input.status === "NOT_APPLICABLE" ? input.justification : item.justification },
        { status: { from: item.status, to: input.status } },
        meta,
        changing.length,
      );
    }
    await refreshApprovalStaleness(tx, actor, systemId, { change: "checklist.item_updated" }, { meta });
    return { updated: items.length };
  });
}
