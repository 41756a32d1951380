import { describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { verifyAuditChain } from "@/lib/audit/verify";
import { bulkSetStatus } from "@/lib/checklists/bulk-status";
import { linkEvidence, unlinkEvidence } from "@/lib/checklists/evidence-links";
import { getChecklistView } from "@/lib/checklists/queries";
import { updateChecklistItem } from "@/lib/checklists/update-item";
import { createSystem } from "@/lib/systems/create-system";
import { withTransaction } from "@/lib/service-context";
import { changeUserRole, setUserDisabled } from "@/lib/users/manage-users";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";

const t = useTestDatabase();

/** Runs the calls at the same moment and returns how each ended. */
const race = (...calls: (() => Promise<unknown>)[]) => Promise.allSettled(calls.map((c) => c()));

describe("[PLATFORM] transactions compose and races have one outcome", () => {
  it("two admins demoting each other at the same moment leave exactly one active admin", async () => {
    for (let round = 0; round < 3; round++) {
      await t.db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "AUDITOR" } });
      const a = await createActor(t.db, "ADMIN");
      const b = await createActor(t.db, "ADMIN");
      const results = await race(
        () => changeUserRole({ actor: a, db: t.db }, b.id, { role: "AUDITOR" }),
        () => changeUserRole({ actor: b, db: t.db }, a.id, { role: "AUDITOR" }),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(String((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason)).toMatch(/last active admin/);
      expect(await t.db.user.count({ where: { role: "ADMIN", disabled: false } })).toBe(1);
    }
    // Same with disabling.
    await t.db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "AUDITOR" } });
    const a = await createActor(t.db, "ADMIN");
    const b = await createActor(t.db, "ADMIN");
    await race(
      () => setUserDisabled({ actor: a, db: t.db }, b.id, true),
      () => setUserDisabled({ actor: b, db: t.db }, a.id, true),
    );
    expect(await t.db.user.count({ where: { role: "ADMIN", disabled: false } })).toBe(1);
  });

  it("parallel creates of one name get name, name-2, name-3… and never 'slug already used'", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const name = `Parallel assistant ${Date.now()}`;
    const results = await race(...Array.from({ length: 8 }, () => () => createSystem({ actor: owner, db: t.db }, systemInput({ name }))));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const slugs = (await t.db.aiSystem.findMany({ where: { name }, select: { slug: true } })).map((s) => s.slug).sort();
    const base = [...slugs].sort((x, y) => x.length - y.length)[0]!;
    expect(slugs).toEqual([base, ...Array.from({ length: 7 }, (_, i) => `${base}-${i + 2}`)].sort());
  });

  it("unlinking the last evidence while a reviewer marks the item met never leaves a MET item without evidence", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput());
    const view = await getChecklistView({ actor: owner, db: t.db }, id);
    const items = view.items!.filter((i) => i.applicable && !i.reviewerOnly).slice(0, 4);
    for (const item of items) {
      const evidence = await t.db.evidence.create({
        data: { systemId: id, kind: "NOTE", title: "Design review", noteBody: "Minutes.", effectiveDate: new Date("2026-01-01"), uploadedById: owner.id },
      });
      await linkEvidence({ actor: owner, db: t.db }, item.id, { evidenceId: evidence.id });
      const fresh = await t.db.checklistItem.findUniqueOrThrow({ where: { id: item.id } });
      await race(
        () => updateChecklistItem({ actor: reviewer, db: t.db }, item.id, { status: "MET", expectedVersion: fresh.rowVersion }),
        () => unlinkEvidence({ actor: owner, db: t.db }, item.id, { evidenceId: evidence.id }),
      );
      const after = await t.db.checklistItem.findUniqueOrThrow({ where: { id: item.id }, include: { evidence: true } });
      // Either order is fine; the forbidden end state is MET with nothing behind it.
      expect(after.status === "MET" && after.evidence.length === 0).toBe(false);
    }
  });

  it("a bulk change and a single save of the same item: the single save with the old version is a conflict, never a silent overwrite", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput());
    const view = await getChecklistView({ actor: owner, db: t.db }, id);
    const item = view.items!.find((i) => i.applicable && !i.reviewerOnly)!;
    const before = await t.db.checklistItem.findUniqueOrThrow({ where: { id: item.id } });
    const results = await race(
      () => bulkSetStatus({ actor: reviewer, db: t.db }, id, { itemIds: [item.id], status: "NOT_MET" }),
      () => updateChecklistItem({ actor: owner, db: t.db }, item.id, { status: "IN_PROGRESS", expectedVersion: before.rowVersion }),
    );
    const after = await t.db.checklistItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(after.rowVersion).toBe(before.rowVersion + results.filter((r) => r.status === "fulfilled").length);
    const events = await t.db.auditEvent.count({ where: { action: "checklist.item_updated", entityId: item.id } });
    expect(events).toBe(results.filter((r) => r.status === "fulfilled").length);
  });

  it("withTransaction reuses the caller's transaction: a service inside an outer unit is rolled back with it", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const name = `Rolled back ${Date.now()}`;
    await expect(
      withTransaction({ actor: owner, db: t.db }, async (tx) => {
        await createSystem(tx, systemInput({ name }));
        expect(await tx.db.aiSystem.count({ where: { name } })).toBe(1);
        throw new Error("the second step failed");
      }),
    ).rejects.toThrow("the second step failed");
    expect(await t.db.aiSystem.count({ where: { name } })).toBe(0);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("an audit event with an unknown action fails its transaction, and the change with it", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const before = await t.db.auditEvent.count();
    await expect(
      withTransaction({ actor: owner, db: t.db }, async ({ db: tx }) => {
        await tx.user.update({ where: { id: owner.id }, data: { name: "Changed" } });
        await appendAudit(tx, owner, { action: "system.udpated" as never, entityType: "AiSystem", entityId: "x", summary: {} });
      }),
    ).rejects.toThrow();
    expect(await t.db.auditEvent.count()).toBe(before);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: owner.id } })).name).not.toBe("Changed");
  });
});
