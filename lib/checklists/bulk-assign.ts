import "server-only";
import { assertCan } from "@/lib/authz/policy";
import { lockRows } from "@/lib/db/locks";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { withTransaction, type ServiceContext, type Tx } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { canReview, loadChecklistSystem } from "./access";
import { writeBulkItemChange } from "./bulk-item-change";
import { ZBulkDueDateInput, ZBulkOwnerInput } from "./schema";

type Field = "ownerId" | "dueDate";

const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

/**
 * The shared body of the bulk owner and due date changes, inside one transaction: checks the
 * system, locks the selected item rows (so a concurrent save or bulk change waits, then its
 * row-version check sees this change), re-reads them, and writes the field on every item whose
 * value differs, with one `checklist.item_updated` audit event per changed item (`bulk: true`,
 * `changes.<field>`). Items that already have the value are left alone and not counted.
 */
async function bulkSetField(
  ctx: ServiceContext,
  systemId: string,
  itemIds: string[],
  field: Field,
  value: string | null,
  afterWrite?: (tx: Tx, item: { id: string; code: string; title: string }) => Promise<void>,
) {
  const { actor, meta } = ctx;
  return withTransaction(ctx, async ({ db: tx }) => {
    await loadChecklistSystem(tx, actor, systemId);
    const ids = [...new Set(itemIds)];
    await lockRows(tx, "ChecklistItem", ids);
    const items = await tx.checklistItem.findMany({
      where: { id: { in: ids }, checklist: { systemId } },
      include: { control: { select: { code: true, title: true } } },
    });
    if (items.length !== ids.length) throw new NotFoundError("Some selected items are not on this system's checklist.");
    if (field === "ownerId" && value) {
      const owner = await tx.user.findFirst({ where: { id: value, disabled: false, role: { not: null } }, select: { id: true } });
      if (!owner) throw new ValidationError("Choose an active user as the owner.", { ownerId: ["Choose an active user."] });
    }

    let updated = 0;
    for (const item of items) {
      const from = field === "ownerId" ? item.ownerId : day(item.dueDate);
      if (from === value) continue;
      await writeBulkItemChange(
        tx,
        actor,
        { id: item.id, systemId, controlCode: item.control.code },
        { [field]: field === "dueDate" && value ? new Date(value) : value },
        { [field]: { from, to: value } },
        meta,
      );
      await afterWrite?.(tx, { id: item.id, code: item.control.code, title: item.control.title });
      updated++;
    }
    return { updated, unchanged: items.length - updated };
  });
}

function assertBulkReviewer(ctx: ServiceContext) {
  assertCan(ctx.actor, "checklist:edit");
  if (!canReview(ctx.actor)) throw new ForbiddenError("Only security reviewers and admins change items in bulk.");
}

/**
 * Reviewers give many checklist items one owner (or unassign them) at once. Permission first
 * (security reviewer or admin who may work on the system's checklist), then the input is
 * parsed; one transaction locks the items, and each item whose owner changes gets its own
 * audit event and, when assigned to someone, the new owner's "item assigned" notice (as a
 * single save does, lib/checklists/update-item.ts).
 *
 * @param rawInput `ZBulkOwnerInput`: `itemIds` (1-500 ids of this system's items), `ownerId`
 *   (an active user's id; "" or null unassigns).
 * @returns `{ updated, unchanged }`: items changed, and selected items that already had that owner.
 * @throws ForbiddenError (not a reviewer, or no access to the system), NotFoundError (an item
 *   is not on this checklist, or the system is unknown), ValidationError (bad input, inactive
 *   owner, archived system).
 */
export async function bulkSetOwner(ctx: ServiceContext, systemId: string, rawInput: unknown) {
  assertBulkReviewer(ctx);
  const input = parseOrThrow(ZBulkOwnerInput, rawInput);
  const actorId = ctx.actor.kind === "system" ? null : ctx.actor.id;
  return bulkSetField(ctx, systemId, input.itemIds, "ownerId", input.ownerId, async (tx, item) => {
    if (input.ownerId) await notify(tx, { kind: "item.assigned", actorId, systemId, itemId: item.id, assigneeId: input.ownerId, control: `${item.code} ${item.title}` });
  });
}

/**
 * Reviewers set (or clear) the due date of many checklist items at once. Same order and
 * guarantees as `bulkSetOwner`: permission, Zod input, one transaction with the items locked,
 * one audit event per changed item.
 *
 * @param rawInput `ZBulkDueDateInput`: `itemIds` (1-500), `dueDate` (`YYYY-MM-DD`, a UTC
 *   calendar day; "" or null clears it).
 * @returns `{ updated, unchanged }`.
 * @throws ForbiddenError, NotFoundError, ValidationError as `bulkSetOwner`.
 */
export async function bulkSetDueDate(ctx: ServiceContext, systemId: string, rawInput: unknown) {
  assertBulkReviewer(ctx);
  const input = parseOrThrow(ZBulkDueDateInput, rawInput);
  return bulkSetField(ctx, systemId, input.itemIds, "dueDate", input.dueDate);
}
