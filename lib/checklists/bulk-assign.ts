import "server-only";
import { lockRows } from "@/lib/db/locks";
import { NotFoundError } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { withTransaction, type ServiceContext, type Tx } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { assertBulkReviewer, loadChecklistSystem } from "./access";
import { assertBulkVersions, writeBulkItemChange, type FieldChange } from "./bulk-item-change";
import { assertMayOwnItem } from "./item-owners";
import { ZBulkDueDateInput, ZBulkOwnerInput } from "./schema";

type Field = "ownerId" | "dueDate";

const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

/**
 * The shared body of the bulk owner and due date changes, inside one transaction: checks the
 * system, locks the selected item rows (so a concurrent save or bulk change waits, then its
 * row-version check sees this change), re-reads them, refuses the whole change when any item
 * changed since the page loaded (`versions`, `assertBulkVersions`) or when the new owner may not
 * work on this system's checklist (`assertMayOwnItem`; keeping every item's current owner is
 * allowed), and writes the field on every item whose value differs, with one
 * `checklist.item_updated` audit event per changed item (`bulk: true`, `bulkCount`,
 * `changes.<field>`, owner names included). Items that already have the value are left alone and
 * not counted. `afterWrite` runs once, with the changed items, after all are written.
 */
async function bulkSetField(
  ctx: ServiceContext,
  systemId: string,
  itemIds: string[],
  versions: number[] | undefined,
  field: Field,
  value: string | null,
  afterWrite?: (tx: Tx, changed: { id: string; code: string; title: string }[]) => Promise<void>,
) {
  const { actor, meta } = ctx;
  return withTransaction(ctx, async ({ db: tx }) => {
    const facts = await loadChecklistSystem(tx, actor, systemId);
    const ids = [...new Set(itemIds)];
    await lockRows(tx, "ChecklistItem", ids);
    const items = await tx.checklistItem.findMany({
      where: { id: { in: ids }, checklist: { systemId } },
      include: { control: { select: { code: true, title: true } }, owner: { select: { name: true } } },
    });
    if (items.length !== ids.length) throw new NotFoundError("Some selected items are not on this system's checklist.");
    await assertBulkVersions(tx, items, itemIds, versions);
    const newOwner = field === "ownerId" ? await assertMayOwnItem(tx, facts, value, items.map((i) => i.ownerId)) : null;

    const fromOf = (item: (typeof items)[number]) => (field === "ownerId" ? item.ownerId : day(item.dueDate));
    const changing = items.filter((item) => fromOf(item) !== value);
    for (const item of changing) {
      const change: FieldChange = { from: fromOf(item), to: value };
      if (field === "ownerId") Object.assign(change, { fromName: item.owner?.name ?? null, toName: newOwner?.name ?? null });
      await writeBulkItemChange(
        tx,
        actor,
        { id: item.id, systemId, controlCode: item.control.code },
        { [field]: field === "dueDate" && value ? new Date(value) : value },
        { [field]: change },
        meta,
        changing.length,
      );
    }
    if (changing.length) await afterWrite?.(tx, changing.map((item) => ({ id: item.id, code: item.control.code, title: item.control.title })));
    return { updated: changing.length, unchanged: items.length - changing.length };
  });
}

/**
 * Reviewers give many checklist items one owner (or unassign them) at once. Permission first
 * (security reviewer or admin who may work on the system's checklist), then the input is
 * parsed; one transaction locks the items, and each item whose owner changes gets its own
 * audit event. When assigned to someone, the new owner gets ONE grouped "item assigned" notice
 * (and at most one email) for the whole change: "Daniel Okafor assigned you 77 checklist items
 * on …", linking to the checklist filtered to them (a single item reads as a single save's).
 *
 * @param rawInput `ZBulkOwnerInput`: `itemIds` (1-500 ids of this system's items), `ownerId`
 *   (someone who may work on this system's checklist, lib/checklists/item-owners.ts; "" or null
 *   unassigns), optional `versions` (row versions as the page saw them, in `itemIds` order).
 * @returns `{ updated, unchanged }`: items changed, and selected items that already had that owner.
 * @throws ForbiddenError (not a reviewer, or no access to the system), NotFoundError (an item
 *   is not on this checklist, or the system is unknown), ValidationError (bad input, an owner who
 *   may not work on this checklist, archived system), ConflictError (an item changed since the
 *   page loaded). Any refusal changes nothing and notifies nobody.
 */
export async function bulkSetOwner(ctx: ServiceContext, systemId: string, rawInput: unknown) {
  assertBulkReviewer(ctx.actor);
  const input = parseOrThrow(ZBulkOwnerInput, rawInput);
  const actorId = ctx.actor.kind === "system" ? null : ctx.actor.id;
  return bulkSetField(ctx, systemId, input.itemIds, input.versions, "ownerId", input.ownerId, async (tx, changed) => {
    if (!input.ownerId) return;
    // One notice (and one email) per bulk change, not one per item (finding 6).
    const first = changed[0]!;
    await notify(tx, { kind: "item.assigned", actorId, actorName: ctx.actor.name, systemId, itemId: first.id, assigneeId: input.ownerId, control: `${first.code} ${first.title}`, count: changed.length });
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
  assertBulkReviewer(ctx.actor);
  const input = parseOrThrow(ZBulkDueDateInput, rawInput);
  return bulkSetField(ctx, systemId, input.itemIds, input.versions, "dueDate", input.dueDate);
}
