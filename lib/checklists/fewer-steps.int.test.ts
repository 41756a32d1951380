import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { createSystem } from "@/lib/systems/create-system";
import { addEvidenceToItem } from "./add-item-evidence";
import { getChecklistView } from "./queries";
import { itemsAwaitingReview, requestItemReview } from "./review-requests";
import { homeContext, loadTaskList } from "@/lib/home/queries";
import { lastStatusChanges } from "./status-history";
import { updateChecklistItem } from "./update-item";

const t = useTestDatabase();

async function systemWithChecklist() {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const { id } = await createSystem({ actor: owner, db: t.db }, systemInput({ riskTier: "HIGH" }));
  const view = await getChecklistView({ actor: owner, db: t.db }, id);
  return { owner, id, items: view.items! };
}

describe("[CHECKLIST] fewer steps", () => {
  it("a link added from an item is recorded on the system, attached, and lets the item be met; bad input writes nothing", async () => {
    const { owner, id, items } = await systemWithChecklist();
    const ctx = { actor: owner, db: t.db };
    const item = items.find((i) => i.applicable && i.evidenceRequired && !i.reviewerOnly)!;
    await expect(updateChecklistItem(ctx, item.id, { expectedVersion: item.rowVersion, status: "MET" })).rejects.toBeInstanceOf(ValidationError);
    await expect(addEvidenceToItem(ctx, item.id, { kind: "LINK", title: "Pen test", effectiveDate: "2026-11-01", url: "javascript:alert(1)" })).rejects.toMatchObject({ fieldErrors: { url: expect.any(Array) } });
    expect(await t.db.evidence.count({ where: { systemId: id } })).toBe(0);

    const evidence = await addEvidenceToItem(ctx, item.id, { kind: "LINK", title: "Pen test report SEC-42", effectiveDate: "2026-11-01", url: "https://tickets.example.com/SEC-42" });
    expect(await t.db.checklistItemEvidence.count({ where: { itemId: item.id, evidenceId: evidence.id } })).toBe(1);
    await updateChecklistItem(ctx, item.id, { expectedVersion: item.rowVersion, status: "MET" });
    const actions = (await t.db.auditEvent.findMany({ where: { OR: [{ entityId: item.id }, { entityId: evidence.id }] }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["evidence.added", "checklist.evidence_linked", "checklist.item_updated"]);

    const note = await addEvidenceToItem(ctx, item.id, { kind: "NOTE", title: "Decision record", effectiveDate: "2026-11-01", body: "Accepted by the board." });
    expect(note.kind).toBe("NOTE");
    const setBy = await lastStatusChanges(ctx, id);
    expect(setBy[item.id]?.name).toBe(owner.name);
  });

  it("an owner submits a reviewer-only item; reviewers see it in itemsAwaitingReview until a reviewer decides", async () => {
    const { owner, id, items } = await systemWithChecklist();
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const decision = items.find((i) => i.applicable && i.reviewerOnly)!;
    const ordinary = items.find((i) => i.applicable && !i.reviewerOnly)!;
    await expect(requestItemReview({ actor: owner, db: t.db }, ordinary.id, { expectedVersion: ordinary.rowVersion })).rejects.toBeInstanceOf(ValidationError);
    await expect(itemsAwaitingReview({ actor: owner, db: t.db })).rejects.toBeInstanceOf(ForbiddenError);

    expect(decision.status).toBe("NOT_STARTED");
    const requested = await requestItemReview({ actor: owner, db: t.db }, decision.id, { expectedVersion: decision.rowVersion });
    // Submitting starts the work: the item is In progress, which the reviewers' home queue lists.
    expect(requested.status).toBe("IN_PROGRESS");
    const decisions = await loadTaskList(await homeContext({ actor: reviewer, db: t.db }), "reviewer-decisions", { skip: 0, take: 50 });
    expect(decisions.items.map((i) => i.id)).toContain(decision.id);
    expect((await lastStatusChanges({ actor: owner, db: t.db }, id))[decision.id]?.name).toBe(owner.name);
    const queue = await itemsAwaitingReview({ actor: reviewer, db: t.db });
    const mine = queue.filter((q) => q.systemId === id);
    expect(mine).toEqual([expect.objectContaining({ itemId: decision.id, code: decision.code, requestedBy: { id: owner.id, name: owner.name } })]);
    expect(await t.db.auditEvent.count({ where: { action: "checklist.review_requested", entityId: decision.id } })).toBe(1);
    // The reviewer's inbox has it, one click from the item; the owner who asked gets none.
    const notices = await t.db.notification.findMany({ where: { kind: "item.review_requested", systemId: id } });
    expect(notices.filter((n) => n.userId === reviewer.id)).toEqual([expect.objectContaining({ href: `/systems/${id}/checklist?item=${decision.id}` })]);
    expect(notices.filter((n) => n.userId === owner.id)).toEqual([]);

    // Submitting again, with the current version or a stale one, is refused: 409 with a clear
    // message, and no second event or notice.
    for (const expectedVersion of [requested.rowVersion, decision.rowVersion]) {
      const again = requestItemReview({ actor: owner, db: t.db }, decision.id, { expectedVersion });
      await expect(again).rejects.toBeInstanceOf(ConflictError);
      await expect(again).rejects.toThrow(/^DES-\S+ was submitted for review on \d{4}-\d{2}-\d{2} and is waiting for a reviewer\.$/);
    }
    expect(await t.db.auditEvent.count({ where: { action: "checklist.review_requested", entityId: decision.id } })).toBe(1);
    expect(await t.db.notification.count({ where: { kind: "item.review_requested", systemId: id } })).toBe(notices.length);
    expect((await t.db.checklistItem.findUniqueOrThrow({ where: { id: decision.id } })).rowVersion).toBe(requested.rowVersion);

    await updateChecklistItem(
      { actor: reviewer, db: t.db },
      decision.id,
      { expectedVersion: requested.rowVersion, status: "NOT_APPLICABLE", justification: "Covered by the platform threat model, reviewed in October 2026." },
    );
    expect((await itemsAwaitingReview({ actor: reviewer, db: t.db })).filter((q) => q.systemId === id)).toEqual([]);
    expect((await t.db.checklistItem.findUniqueOrThrow({ where: { id: decision.id } })).reviewRequestedAt).toBeNull();
  });
});
