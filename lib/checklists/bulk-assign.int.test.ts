import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createActor, createUser, systemInput } from "@/test/factories";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createSystem } from "@/lib/systems/create-system";
import { bulkSetDueDate, bulkSetOwner } from "./bulk-assign";
import { getChecklistView } from "./queries";
import { updateChecklistItem } from "./update-item";

const t = useTestDatabase();

async function systemWithChecklist(contributorIds: string[] = []) {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const { id } = await createSystem({ actor: owner, db: t.db }, systemInput({ contributorIds }));
  const view = await getChecklistView({ actor: owner, db: t.db }, id);
  return { owner, id, items: view.items!.filter((i) => i.applicable) };
}

const auditsOf = (ids: string[]) =>
  t.db.auditEvent.findMany({ where: { action: "checklist.item_updated", entityId: { in: ids } }, orderBy: { id: "asc" }, select: { entityId: true, actorId: true, summary: true } });

describe("[CHECKLIST] bulk owner and due date", () => {
  it("bulk owner: a product owner and an auditor are refused and nothing changes; a reviewer assigns, one audit event per changed item and one grouped notice", async () => {
    const assignee = await createUser(t.db, "PRODUCT_OWNER");
    const { owner, id, items } = await systemWithChecklist([assignee.id]);
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const picked = items.slice(0, 3).map((i) => i.id);

    await expect(bulkSetOwner({ actor: owner, db: t.db }, id, { itemIds: picked, ownerId: assignee.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(bulkSetOwner({ actor: await createActor(t.db, "AUDITOR"), db: t.db }, id, { itemIds: picked, ownerId: assignee.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await auditsOf(picked)).toEqual([]);
    expect(await t.db.checklistItem.count({ where: { id: { in: picked }, ownerId: { not: null } } })).toBe(0);

    const result = await bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: picked, ownerId: assignee.id });
    expect(result).toEqual({ updated: 3, unchanged: 0 });
    const rows = await t.db.checklistItem.findMany({ where: { id: { in: picked } }, select: { ownerId: true, rowVersion: true } });
    expect(rows.every((r) => r.ownerId === assignee.id && r.rowVersion === 2)).toBe(true);
    const events = await auditsOf(picked);
    expect(events.map((e) => e.entityId).sort()).toEqual([...picked].sort());
    expect(events.every((e) => e.actorId === reviewer.id)).toBe(true);
    expect(events[0]!.summary).toMatchObject({ systemId: id, bulk: true, bulkCount: 3, changes: { ownerId: { from: null, to: assignee.id, fromName: null, toName: assignee.name } } });
    expect(await t.db.notification.count({ where: { userId: assignee.id, kind: "item.assigned" } })).toBe(1);

    // Again with one more item: only the new one changes (and is audited).
    const again = await bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: [...picked, items[3]!.id], ownerId: assignee.id });
    expect(again).toEqual({ updated: 1, unchanged: 3 });
    expect(await auditsOf([...picked, items[3]!.id])).toHaveLength(4);

    // Unassign with "".
    await bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: picked, ownerId: "" });
    expect(await t.db.checklistItem.count({ where: { id: { in: picked }, ownerId: null } })).toBe(3);
  });

  it("bulk owner refuses a disabled user, a foreign item and bad input, changing nothing", async () => {
    const { id, items } = await systemWithChecklist();
    const other = await systemWithChecklist();
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const gone = await createUser(t.db, "PRODUCT_OWNER");
    await t.db.user.update({ where: { id: gone.id }, data: { disabled: true } });
    const picked = items.slice(0, 2).map((i) => i.id);
    await expect(bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: picked, ownerId: gone.id })).rejects.toThrow(/active user/);
    await expect(bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: [...picked, other.items[0]!.id], ownerId: reviewer.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: [], ownerId: reviewer.id })).rejects.toMatchObject({ fieldErrors: { itemIds: ["Select at least one item."] } });
    await expect(bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: picked })).rejects.toMatchObject({ fieldErrors: { ownerId: ["The owner is required."] } });
    await expect(bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: ["<script>"], ownerId: reviewer.id })).rejects.toBeInstanceOf(ValidationError);
    expect(await auditsOf([...picked, other.items[0]!.id])).toEqual([]);
  });

  it("bulk due date: refused for a product owner; a reviewer sets and clears it, one audit event per changed item; a stale single save then conflicts", async () => {
    const { owner, id, items } = await systemWithChecklist();
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const picked = items.slice(0, 4);
    const ids = picked.map((i) => i.id);

    await expect(bulkSetDueDate({ actor: owner, db: t.db }, id, { itemIds: ids, dueDate: "2027-03-31" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await auditsOf(ids)).toEqual([]);
    await expect(bulkSetDueDate({ actor: reviewer, db: t.db }, id, { itemIds: ids, dueDate: "2027-02-30" })).rejects.toMatchObject({ fieldErrors: { dueDate: ["The due date is not a date that exists."] } });

    expect(await bulkSetDueDate({ actor: reviewer, db: t.db }, id, { itemIds: ids, dueDate: "2027-03-31" })).toEqual({ updated: 4, unchanged: 0 });
    const view = await getChecklistView({ actor: owner, db: t.db }, id);
    expect(view.items!.filter((i) => ids.includes(i.id)).map((i) => i.dueDate)).toEqual(["2027-03-31", "2027-03-31", "2027-03-31", "2027-03-31"]);
    const events = await auditsOf(ids);
    expect(events).toHaveLength(4);
    expect(new Set(events.map((e) => e.entityId)).size).toBe(4);
    expect(events[0]!.summary).toMatchObject({ bulk: true, changes: { dueDate: { from: null, to: "2027-03-31" } } });

    // The owner had the item open before the bulk change: their save is refused, not lost silently.
    await expect(updateChecklistItem({ actor: owner, db: t.db }, picked[0]!.id, { notes: "x", expectedVersion: picked[0]!.rowVersion })).rejects.toThrow(/Someone else changed/);

    expect(await bulkSetDueDate({ actor: reviewer, db: t.db }, id, { itemIds: ids, dueDate: null })).toEqual({ updated: 4, unchanged: 0 });
    expect(await t.db.checklistItem.count({ where: { id: { in: ids }, dueDate: null } })).toBe(4);
    expect(await auditsOf(ids)).toHaveLength(8);
  });

  it("two reviewers' bulk changes on the same items at once both apply, one after the other (rows locked)", async () => {
    const { id, items } = await systemWithChecklist();
    const a = await createActor(t.db, "SECURITY_REVIEWER");
    const b = await createActor(t.db, "SECURITY_REVIEWER");
    const ids = items.slice(0, 5).map((i) => i.id);
    const [owners, dates] = await Promise.all([
      bulkSetOwner({ actor: a, db: t.db }, id, { itemIds: ids, ownerId: b.id }),
      bulkSetDueDate({ actor: b, db: t.db }, id, { itemIds: [...ids].reverse(), dueDate: "2027-06-30" }),
    ]);
    expect(owners.updated).toBe(5);
    expect(dates.updated).toBe(5);
    const rows = await t.db.checklistItem.findMany({ where: { id: { in: ids } }, select: { ownerId: true, dueDate: true, rowVersion: true } });
    expect(rows.every((r) => r.ownerId === b.id && r.dueDate?.toISOString().startsWith("2027-06-30") && r.rowVersion === 3)).toBe(true);
  });
});
