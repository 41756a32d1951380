import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { actorOf, createActor, createUser, systemInput } from "@/test/factories";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createSystem } from "@/lib/systems/create-system";
import { createAsset } from "@/lib/assets/create-asset";
import { loadLibrary } from "@/lib/controls/load-library";
import { insertLibraryVersion } from "@/lib/controls/store";
import { bulkSetStatus } from "./bulk-status";
import { linkEvidence, unlinkEvidence } from "./evidence-links";
import { getChecklistView } from "./queries";
import { applyRecompute, previewRecompute } from "./recompute";
import { updateChecklistItem } from "./update-item";
import { previewUpgrade, upgradeChecklist } from "./upgrade";

const t = useTestDatabase();

async function systemWithChecklist(overrides: Record<string, unknown> = {}) {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const { id } = await createSystem({ actor: owner, db: t.db }, systemInput(overrides));
  const view = await getChecklistView({ actor: owner, db: t.db }, id);
  if (!view.checklist) throw new Error("no checklist");
  return { owner, id, view };
}

async function addNote(systemId: string, actorId: string, expiresAt: Date | null = null) {
  return t.db.evidence.create({
    data: { systemId, kind: "NOTE", title: "Threat model v3", noteBody: "See the linked document.", effectiveDate: new Date("2026-01-01"), expiresAt, uploadedById: actorId },
  });
}

describe("[CHECKLIST] creation per system profile", () => {
  it("a new system gets a checklist from the current library; an agentic internet-facing HIGH system has more applicable controls than a LOW internal one", async () => {
    const low = await systemWithChecklist({ riskTier: "LOW", autonomy: "NONE", exposure: "INTERNAL", dataSensitivity: "PUBLIC" });
    const high = await systemWithChecklist({ riskTier: "HIGH", autonomy: "AGENTIC", exposure: "INTERNET_FACING", dataSensitivity: "RESTRICTED" });
    expect(low.view.checklist!.libraryVersion).toBe("1.0.0");
    expect(low.view.totalItems).toBe(loadLibrary().pillars.flatMap((p) => p.principles.flatMap((pr) => pr.controls)).length);
    expect(high.view.progress.overall.total).toBeGreaterThan(low.view.progress.overall.total);
    const skipped = low.view.items!.find((i) => !i.applicable)!;
    expect(skipped.applicabilityReason).toMatch(/^Not applicable: /);
    expect(await t.db.auditEvent.count({ where: { action: "checklist.created", summary: { path: ["systemId"], equals: low.id } } })).toBe(1);
  });

  it("adding a vendor API asset makes vendor controls apply after a previewed recompute", async () => {
    const { owner, id } = await systemWithChecklist({ riskTier: "MEDIUM" });
    expect(await previewRecompute({ actor: owner, db: t.db }, id)).toEqual([]);
    await createAsset({ actor: owner, db: t.db }, id, { kind: "VENDOR_API", name: "Hosted LLM API" });
    const preview = await previewRecompute({ actor: owner, db: t.db }, id);
    expect(preview.length).toBeGreaterThan(0);
    expect(preview.every((c) => c.applies)).toBe(true);
    const { changed } = await applyRecompute({ actor: owner, db: t.db }, id);
    expect(changed).toBe(preview.length);
    expect(await previewRecompute({ actor: owner, db: t.db }, id)).toEqual([]);
  });
});

describe("[CHECKLIST] item rules enforced in the service", () => {
  it("MET needs valid evidence; expired evidence stops counting; NOT_APPLICABLE needs a justification", async () => {
    const { owner, id, view } = await systemWithChecklist();
    const ctx = { actor: owner, db: t.db };
    const item = view.items!.find((i) => i.applicable && i.evidenceRequired && !i.reviewerOnly)!;
    await expect(updateChecklistItem(ctx, item.id, { status: "MET", expectedVersion: item.rowVersion })).rejects.toThrow(/Attach at least one valid/);

    const expired = await addNote(id, owner.id, new Date("2026-02-01"));
    await linkEvidence(ctx, item.id, { evidenceId: expired.id });
    await expect(updateChecklistItem(ctx, item.id, { status: "MET", expectedVersion: item.rowVersion })).rejects.toThrow(/valid/);

    const current = await addNote(id, owner.id);
    await linkEvidence(ctx, item.id, { evidenceId: current.id });
    await updateChecklistItem(ctx, item.id, { status: "MET", expectedVersion: item.rowVersion });
    const after = (await getChecklistView(ctx, id)).items!.find((i) => i.id === item.id)!;
    expect(after).toMatchObject({ status: "MET", satisfied: true, validEvidence: 1 });
    await expect(unlinkEvidence(ctx, item.id, { evidenceId: current.id })).rejects.toThrow(/last valid evidence/);

    const other = view.items!.find((i) => i.applicable && !i.reviewerOnly && i.id !== item.id)!;
    await expect(updateChecklistItem(ctx, other.id, { status: "NOT_APPLICABLE", justification: "nope", expectedVersion: other.rowVersion })).rejects.toBeInstanceOf(ValidationError);
    await updateChecklistItem(ctx, other.id, { status: "NOT_APPLICABLE", justification: "We call no external model; everything runs in-house.", expectedVersion: other.rowVersion });
    const events = await t.db.auditEvent.findMany({ where: { entityId: other.id, action: "checklist.item_updated" } });
    expect(events).toHaveLength(1);
  });

  it("reviewer-only controls: a product owner cannot mark them met or not applicable; a reviewer can", async () => {
    const { owner, id, view } = await systemWithChecklist({ riskTier: "HIGH" });
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const item = view.items!.find((i) => i.applicable && i.reviewerOnly)!;
    const justification = "Threat model covered by the platform-wide model, reviewed 2026-10.";
    await expect(updateChecklistItem({ actor: owner, db: t.db }, item.id, { status: "NOT_APPLICABLE", justification, expectedVersion: item.rowVersion })).rejects.toThrow(/Only a security reviewer/);
    await updateChecklistItem({ actor: reviewer, db: t.db }, item.id, { status: "NOT_APPLICABLE", justification, expectedVersion: item.rowVersion });
    expect((await getChecklistView({ actor: owner, db: t.db }, id)).items!.find((i) => i.id === item.id)!.status).toBe("NOT_APPLICABLE");
  });

  it("a stale item save conflicts; auditors and other product owners are refused", async () => {
    const { owner, id, view } = await systemWithChecklist();
    const item = view.items!.find((i) => i.applicable)!;
    await updateChecklistItem({ actor: owner, db: t.db }, item.id, { status: "IN_PROGRESS", expectedVersion: item.rowVersion });
    await expect(updateChecklistItem({ actor: owner, db: t.db }, item.id, { notes: "stale", expectedVersion: item.rowVersion })).rejects.toThrow(/Someone else changed/);
    const auditor = await createActor(t.db, "AUDITOR");
    await expect(updateChecklistItem({ actor: auditor, db: t.db }, item.id, { status: "IN_PROGRESS", expectedVersion: 2 })).rejects.toBeInstanceOf(ForbiddenError);
    const stranger = await createActor(t.db, "PRODUCT_OWNER");
    await expect(updateChecklistItem({ actor: stranger, db: t.db }, item.id, { status: "IN_PROGRESS", expectedVersion: 2 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getChecklistView({ actor: stranger, db: t.db }, id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("saving an item as it is writes nothing: same row version, no audit event", async () => {
    const { owner, view } = await systemWithChecklist();
    const item = view.items!.find((i) => i.applicable)!;
    const ctx = { actor: owner, db: t.db };
    const first = await updateChecklistItem(ctx, item.id, { status: "IN_PROGRESS", notes: "Started", expectedVersion: item.rowVersion });
    expect(first.changed).toBe(true);
    const saved = await t.db.checklistItem.findUniqueOrThrow({ where: { id: item.id } });
    const events = () => t.db.auditEvent.count({ where: { entityId: item.id, action: "checklist.item_updated" } });
    const before = await events();
    const again = await updateChecklistItem(ctx, item.id, { status: "IN_PROGRESS", notes: "Started", expectedVersion: saved.rowVersion });
    expect(again).toEqual({ id: item.id, status: "IN_PROGRESS", changed: false });
    expect((await t.db.checklistItem.findUniqueOrThrow({ where: { id: item.id } })).rowVersion).toBe(saved.rowVersion);
    expect(await events()).toBe(before);
  });

  it("bulk status: reviewers only, all-or-nothing, one audit event per item", async () => {
    const { owner, id, view } = await systemWithChecklist();
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const picked = view.items!.filter((i) => i.applicable).slice(0, 3);
    await expect(bulkSetStatus({ actor: owner, db: t.db }, id, { itemIds: picked.map((i) => i.id), status: "IN_PROGRESS" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(bulkSetStatus({ actor: reviewer, db: t.db }, id, { itemIds: picked.map((i) => i.id), status: "MET" })).rejects.toThrow(/nothing was changed/);
    expect((await getChecklistView({ actor: owner, db: t.db }, id)).items!.filter((i) => picked.some((p) => p.id === i.id) && i.status !== "NOT_STARTED")).toEqual([]);
    await bulkSetStatus({ actor: reviewer, db: t.db }, id, { itemIds: picked.map((i) => i.id), status: "IN_PROGRESS" });
    expect(await t.db.auditEvent.count({ where: { action: "checklist.item_updated", entityId: { in: picked.map((i) => i.id) } } })).toBe(3);
  });
});

describe("[CHECKLIST] library upgrade", () => {
  it("shows the diff first, keeps statuses of kept controls, adds new ones and removes retired ones", async () => {
    const { owner, id, view } = await systemWithChecklist();
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const kept = view.items!.find((i) => i.applicable && !i.reviewerOnly)!;
    await updateChecklistItem({ actor: owner, db: t.db }, kept.id, { status: "IN_PROGRESS", notes: "Working on it", expectedVersion: kept.rowVersion });

    const v1 = structuredClone(loadLibrary()) as unknown as ReturnType<typeof loadLibrary>;
    const doc = JSON.parse(JSON.stringify(v1));
    doc.version = "1.1.0";
    const principle = doc.pillars[0].principles[0];
    const retiredCode = principle.controls.at(-1).id;
    const editedCode = principle.controls[0].id;
    principle.controls.pop();
    principle.controls[0].guidance = `${principle.controls[0].guidance} Revisit it every quarter.`;
    principle.controls.push({ ...principle.controls[0], id: `${principle.id}.9`, title: "A control added in 1.1.0" });
    await t.db.$transaction((tx) => insertLibraryVersion(tx, doc, { makeCurrent: true }));

    const preview = await previewUpgrade({ actor: owner, db: t.db }, id);
    expect(preview.diff.added).toEqual([`${principle.id}.9`]);
    expect(preview.diff.retired).toEqual([retiredCode]);
    expect(preview.diff.changed).toEqual([{ code: editedCode, fields: ["guidance"] }]);
    await expect(upgradeChecklist({ actor: owner, db: t.db }, id, "1.1.0")).rejects.toBeInstanceOf(ForbiddenError);
    await upgradeChecklist({ actor: reviewer, db: t.db }, id, "1.1.0");

    const after = await getChecklistView({ actor: owner, db: t.db }, id);
    expect(after.checklist!.libraryVersion).toBe("1.1.0");
    expect(after.items!.find((i) => i.code === kept.code)).toMatchObject({ status: "IN_PROGRESS", notes: "Working on it" });
    expect(after.items!.some((i) => i.code === retiredCode)).toBe(false);
    expect(after.items!.find((i) => i.code === `${principle.id}.9`)).toMatchObject({ status: "NOT_STARTED" });
    // Restore 1.0.0 as current for the other tests in this file.
    await t.db.controlLibraryVersion.updateMany({ data: { isCurrent: false } });
    await t.db.controlLibraryVersion.update({ where: { version: "1.0.0" }, data: { isCurrent: true } });
  });
});

describe("[CHECKLIST] contributors", () => {
  it("a contributor can work the checklist", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const helper = await createUser(t.db, "PRODUCT_OWNER");
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput({ contributorIds: [helper.id] }));
    const item = (await getChecklistView({ actor: actorOf(helper), db: t.db }, id)).items!.find((i) => i.applicable)!;
    await updateChecklistItem({ actor: actorOf(helper), db: t.db }, item.id, { status: "IN_PROGRESS", expectedVersion: item.rowVersion });
  });
});
