import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { actorOf, createActor, createUser, systemInput } from "@/test/factories";
import { ConflictError, ValidationError } from "@/lib/errors";
import { createSystem } from "@/lib/systems/create-system";
import { bulkSetDueDate, bulkSetOwner } from "./bulk-assign";
import { bulkSetStatus } from "./bulk-status";
import { getChecklistView, listItemOwners } from "./queries";
import { updateChecklistItem } from "./update-item";

const t = useTestDatabase();

async function setup() {
  const contributor = await createUser(t.db, "PRODUCT_OWNER", { name: "Tomás Herrera" });
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const { id } = await createSystem({ actor: owner, db: t.db }, systemInput({ contributorIds: [contributor.id] }));
  const view = await getChecklistView({ actor: owner, db: t.db }, id);
  const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
  return { owner, contributor, id, reviewer, items: view.items!.filter((i) => i.applicable) };
}

const itemRows = (ids: string[]) => t.db.checklistItem.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: { id: true, ownerId: true, status: true, rowVersion: true, dueDate: true } });

describe("[CHECKLIST] who may own an item (findings 1, 2) and bulk changes (findings 4, 6)", () => {
  it("bulk and single saves refuse an owner without access to the system or a read-only auditor, naming them; nothing changes, nobody is notified", async () => {
    const { id, reviewer, items } = await setup();
    const stranger = await createUser(t.db, "PRODUCT_OWNER", { name: "Nadia Stranger" });
    const auditor = await createUser(t.db, "AUDITOR", { name: "Ada Auditor" });
    const ids = items.slice(0, 2).map((i) => i.id);
    const before = await itemRows(ids);
    for (const person of [stranger, auditor]) {
      const message = `${person.name} cannot work on this system's checklist; choose its owner, a contributor or a reviewer.`;
      await expect(bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: ids, ownerId: person.id })).rejects.toMatchObject({ status: 422, message, fieldErrors: { ownerId: [message] } });
      await expect(updateChecklistItem({ actor: reviewer, db: t.db }, ids[0]!, { ownerId: person.id, expectedVersion: items[0]!.rowVersion })).rejects.toMatchObject({ message, fieldErrors: { ownerId: [message] } });
    }
    expect(await itemRows(ids)).toEqual(before);
    expect(await t.db.notification.count({ where: { userId: { in: [stranger.id, auditor.id] } } })).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: "checklist.item_updated", entityId: { in: ids } } })).toBe(0);
    // The picker offers exactly the people the services accept.
    const offered = (await listItemOwners({ actor: reviewer, db: t.db }, id)).map((p) => p.id);
    expect(offered).not.toContain(stranger.id);
    expect(offered).not.toContain(auditor.id);
    expect(offered).toContain(reviewer.id);
  });

  it("an owner who left the system stays owner when the item is saved with its loaded owner, but cannot be given new items", async () => {
    const { owner, contributor, id, reviewer, items } = await setup();
    const [a, b] = items;
    await bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: [a!.id], ownerId: contributor.id });
    await t.db.systemContributor.deleteMany({ where: { systemId: id, userId: contributor.id } });
    const [row] = await itemRows([a!.id]);

    const saved = await updateChecklistItem({ actor: reviewer, db: t.db }, a!.id, { ownerId: contributor.id, notes: "Checked with the team.", expectedVersion: row!.rowVersion });
    expect(saved.changed).toBe(true);
    expect((await itemRows([a!.id]))[0]!.ownerId).toBe(contributor.id);
    // Bulk re-selecting it with the same owner: allowed, nothing changes.
    expect(await bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: [a!.id], ownerId: contributor.id })).toEqual({ updated: 0, unchanged: 1 });
    // …but a new item for them is refused, in bulk and singly.
    await expect(bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: [a!.id, b!.id], ownerId: contributor.id })).rejects.toBeInstanceOf(ValidationError);
    await expect(updateChecklistItem({ actor: reviewer, db: t.db }, b!.id, { ownerId: contributor.id, expectedVersion: b!.rowVersion })).rejects.toThrow(/Tomás Herrera cannot work on this system's checklist/);
    expect((await itemRows([b!.id]))[0]!.ownerId).toBeNull();
    // The system's owner may own items.
    expect(await bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: [b!.id], ownerId: owner.id })).toEqual({ updated: 1, unchanged: 0 });
  });

  it("a bulk owner change sends one grouped notice (and one email) per new owner, linking to the checklist filtered to them", async () => {
    const { contributor, id, reviewer, items } = await setup();
    const ids = items.slice(0, 5).map((i) => i.id);
    const system = await t.db.aiSystem.findUniqueOrThrow({ where: { id }, select: { name: true } });
    await bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: ids, ownerId: contributor.id });
    const notices = await t.db.notification.findMany({ where: { userId: contributor.id, kind: "item.assigned" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: `${reviewer.name} assigned you 5 checklist items on ${system.name}`, href: `/systems/${id}/checklist?owner=${contributor.id}`, emailPending: true });
    // A bulk change of one item reads like a single assignment.
    await bulkSetOwner({ actor: reviewer, db: t.db }, id, { itemIds: [items[6]!.id], ownerId: contributor.id });
    const second = await t.db.notification.findMany({ where: { userId: contributor.id, kind: "item.assigned" }, orderBy: { createdAt: "asc" } });
    expect(second).toHaveLength(2);
    expect(second[1]!.title).toBe(`${items[6]!.code} ${items[6]!.title} is assigned to you`);
  });

  it("two bulk changes sent with the same row versions: the second is refused whole with a 409 naming who changed how many items", async () => {
    const { id, items } = await setup();
    const a = await createUser(t.db, "SECURITY_REVIEWER", { name: "Daniel Okafor" });
    const b = await createActor(t.db, "SECURITY_REVIEWER");
    const picked = items.slice(0, 6);
    const ids = picked.map((i) => i.id);
    const versions = picked.map((i) => i.rowVersion);
    // A changes two of the six (as a bulk due date change).
    await bulkSetDueDate({ actor: actorOf(a), db: t.db }, id, { itemIds: ids.slice(0, 2), versions: versions.slice(0, 2), dueDate: "2027-01-31" });
    const before = await itemRows(ids);
    const stale = /^2 of 6 items were changed by Daniel Okafor since you loaded the page; reload to see the changes/;
    await expect(bulkSetStatus({ actor: b, db: t.db }, id, { itemIds: ids, versions, status: "IN_PROGRESS" })).rejects.toThrow(stale);
    await expect(bulkSetOwner({ actor: b, db: t.db }, id, { itemIds: ids, versions, ownerId: b.id })).rejects.toBeInstanceOf(ConflictError);
    await expect(bulkSetDueDate({ actor: b, db: t.db }, id, { itemIds: ids, versions, dueDate: "2027-02-28" })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(stale) });
    expect(await itemRows(ids)).toEqual(before);
    expect(await t.db.notification.count({ where: { userId: b.id } })).toBe(0);
    // With the current versions it goes through.
    const fresh = before.map((r) => r.rowVersion);
    const order = new Map(before.map((r, i) => [r.id, fresh[i]!]));
    expect(await bulkSetStatus({ actor: b, db: t.db }, id, { itemIds: ids, versions: ids.map((i) => order.get(i)!), status: "IN_PROGRESS" })).toEqual({ updated: 6 });
    // Versions that do not line up with the items are bad input.
    await expect(bulkSetOwner({ actor: b, db: t.db }, id, { itemIds: ids, versions: [1], ownerId: null })).rejects.toMatchObject({ status: 422 });
  });
});
