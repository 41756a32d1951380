import { describe, expect, it } from "vitest";
import { describeEvent } from "@/components/audit/sentences";
import { NO_REFS } from "@/lib/audit/event-refs";
import { toAuditRow } from "@/lib/audit/queries";
import { useTestDatabase } from "@/test/db";
import { createActor, createUser, systemInput } from "@/test/factories";
import { createSystem } from "@/lib/systems/create-system";
import { bulkSetDueDate, bulkSetOwner } from "./bulk-assign";
import { writeBulkItemChange } from "./bulk-item-change";
import { bulkSetStatus } from "./bulk-status";
import { getChecklistView } from "./queries";

const t = useTestDatabase();

async function systemWithChecklist(contributorIds: string[] = []) {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const { id } = await createSystem({ actor: owner, db: t.db }, systemInput({ contributorIds }));
  const view = await getChecklistView({ actor: owner, db: t.db }, id);
  return { id, items: view.items!.filter((i) => i.applicable) };
}

const lastEventOf = (entityId: string) =>
  t.db.auditEvent.findFirstOrThrow({ where: { action: "checklist.item_updated", entityId }, orderBy: { id: "desc" } });

describe("[CHECKLIST] one bulk item change (shared by bulk owner, due date and status)", () => {
  it("writes the item with its row version bumped and one audit event whose sentence says it was one of N items changed at once", async () => {
    const { id, items } = await systemWithChecklist();
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const item = items[0]!;
    await t.db.$transaction((tx) =>
      writeBulkItemChange(tx, reviewer, { id: item.id, systemId: id, controlCode: item.code }, { status: "IN_PROGRESS" }, { status: { from: "NOT_STARTED", to: "IN_PROGRESS" } }, undefined, 3),
    );
    const row = await t.db.checklistItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", rowVersion: item.rowVersion + 1 });
    const event = await lastEventOf(item.id);
    expect(event.summary).toEqual({ systemId: id, control: item.code, bulk: true, bulkCount: 3, changes: { status: { from: "NOT_STARTED", to: "IN_PROGRESS" } } });
    expect(describeEvent(toAuditRow(event), NO_REFS).text).toMatch(/ marked .* as In progress on a deleted system \(one of 3 items changed at once\)$/);
  });

  it("bulk owner, due date and status all record exactly { systemId, control, bulk, bulkCount, changes } (owner changes with the names)", async () => {
    const assignee = await createUser(t.db, "PRODUCT_OWNER");
    const { id, items } = await systemWithChecklist([assignee.id]);
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const [a, b, c] = items;
    await bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: [a!.id], ownerId: assignee.id });
    expect((await lastEventOf(a!.id)).summary).toEqual({ systemId: id, control: a!.code, bulk: true, bulkCount: 1, changes: { ownerId: { from: null, to: assignee.id, fromName: null, toName: assignee.name } } });
    await bulkSetDueDate({ actor: reviewer, db: t.db }, id, { itemIds: [b!.id], dueDate: "2027-01-15" });
    expect((await lastEventOf(b!.id)).summary).toEqual({ systemId: id, control: b!.code, bulk: true, bulkCount: 1, changes: { dueDate: { from: null, to: "2027-01-15" } } });
    expect((await t.db.checklistItem.findUniqueOrThrow({ where: { id: b!.id } })).dueDate?.toISOString()).toBe("2027-01-15T00:00:00.000Z");
    await bulkSetStatus({ actor: reviewer, db: t.db }, id, { itemIds: [c!.id], status: "IN_PROGRESS" });
    expect((await lastEventOf(c!.id)).summary).toEqual({ systemId: id, control: c!.code, bulk: true, bulkCount: 1, changes: { status: { from: "NOT_STARTED", to: "IN_PROGRESS" } } });
  });
});
