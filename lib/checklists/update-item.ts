import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { refreshApprovalStaleness } from "@/lib/approvals/staleness-hook";
import { assertCan } from "@/lib/authz/policy";
import { lockRows } from "@/lib/db/locks";
import { notify } from "@/lib/notifications/notify";
import { ConflictError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { canReview, loadEditableItem } from "./access";
import { countValidEvidence } from "./evidence-count";
import type { FieldChange } from "./bulk-item-change";
import { assertMayOwnItem } from "./item-owners";
import { refuseStatusChange } from "./rules";
import { ZUpdateItemInput } from "./schema";

/**
 * Changes one checklist item. Status rules (evidence for MET, justification for
 * NOT_APPLICABLE, reviewer-only controls) are checked here, whoever calls, on the item as it is
 * inside the transaction: the item row is locked first, so an evidence unlink or another save
 * cannot slip between the check and the write.
 *
 * A save that changes no field writes nothing (no row version, no audit event) and answers
 * `changed: false`.
 *
 * @param rawInput `ZUpdateItemInput`: `expectedVersion` plus the fields to change.
 * @returns `{ id, status, changed }`.
 * @throws ValidationError (bad input, refused status), ConflictError (stale `expectedVersion`),
 *   NotFoundError, ForbiddenError.
 */
export async function updateChecklistItem(ctx: ServiceContext, itemId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "checklist:edit");
  const input = parseOrThrow(ZUpdateItemInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    await lockRows(tx, "ChecklistItem", [itemId]);
    const item = await loadEditableItem(tx, actor, itemId);
    if (item.rowVersion !== input.expectedVersion) {
      throw new ConflictError("Someone else changed this item after you opened it. Nothing was saved: review its current state and apply your change again.");
    }
    const status = input.status ?? item.status;
    const justification = input.justification !== undefined ? input.justification : item.justification;

    if (status !== item.status || (status === "NOT_APPLICABLE" && input.justification !== undefined)) {
      const refusal = refuseStatusChange({
        to: status,
        control: { code: item.control.code, evidenceRequired: item.control.evidenceRequired, reviewerOnly: item.control.reviewerOnly },
        validEvidenceCount: await countValidEvidence(tx, item.id),
        justification,
        canReview: canReview(actor),
        applicable: item.applicable,
      });
      if (refusal) throw new ValidationError(refusal.message, { [refusal.field]: [refusal.message] });
    }
    // Keeping the current owner is always allowed (they may have left the system since).
    const newOwner = input.ownerId ? await assertMayOwnItem(tx, item.systemFacts, input.ownerId, [item.ownerId]) : null;

    const data = {
      status,
      ownerId: input.ownerId !== undefined ? input.ownerId : item.ownerId,
      dueDate: input.dueDate !== undefined ? (input.dueDate ? new Date(input.dueDate) : null) : item.dueDate,
      notes: input.notes !== undefined ? input.notes : item.notes,
      justification: status === "NOT_APPLICABLE" ? justification : input.justification !== undefined ? input.justification : item.justification,
    };
    const changes: Record<string, FieldChange> = {};
    const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
    if (data.status !== item.status) changes.status = { from: item.status, to: data.status };
    if (data.ownerId !== item.ownerId) {
      // Names as they are now, so the audit sentence says "from … to …" without reading mutable names later
      // (the new owner's was read by the owner check above).
      const previous = item.ownerId ? await tx.user.findUnique({ where: { id: item.ownerId }, select: { name: true } }) : null;
      changes.ownerId = { from: item.ownerId, to: data.ownerId, fromName: previous?.name ?? null, toName: newOwner?.name ?? null };
    }
    if (day(data.dueDate) !== day(item.dueDate)) changes.dueDate = { from: day(item.dueDate), to: day(data.dueDate) };
    if (data.notes !== item.notes) changes.notes = { from: item.notes ? "(previous note)" : null, to: data.notes ? data.notes.slice(0, 200) : null };
    if (data.justification !== item.justification) changes.justification = { from: item.justification ? "(previous)" : null, to: data.justification?.slice(0, 200) ?? null };

    // Saving the item as it is changes nothing: no new row version, no audit event, no notice.
    if (Object.keys(changes).length === 0) return { id: itemId, status, changed: false };

    // A reviewer's status change answers a pending "submit for review" (lib/checklists/review-requests.ts).
    const answersReview = changes.status !== undefined && canReview(actor) ? { reviewRequestedAt: null, reviewRequestedById: null } : {};
    await tx.checklistItem.update({ where: { id: itemId }, data: { ...data, ...answersReview, rowVersion: { increment: 1 } } });
    const actorId = actor.kind === "system" ? null : actor.id;
    const control = `${item.control.code} ${item.control.title}`;
    if (data.ownerId && data.ownerId !== item.ownerId) {
      await notify(tx, { kind: "item.assigned", actorId, systemId: item.checklist.systemId, itemId, assigneeId: data.ownerId, control });
    }
    if (data.status === "IN_PROGRESS" && item.status !== "IN_PROGRESS" && item.control.reviewerOnly && item.applicable) {
      await notify(tx, { kind: "item.review_requested", actorId, systemId: item.checklist.systemId, itemId, control });
    }
    if (data.status !== item.status || data.justification !== item.justification) {
      await refreshApprovalStaleness(tx, actor, item.checklist.systemId, { change: "checklist.item_updated", id: itemId }, { meta });
    }
    await appendAudit(
      tx,
      actor,
      { action: "checklist.item_updated", entityType: "ChecklistItem", entityId: itemId, summary: { systemId: item.checklist.systemId, control: item.control.code, changes } },
      meta,
    );
    return { id: itemId, status, changed: true };
  });
}
