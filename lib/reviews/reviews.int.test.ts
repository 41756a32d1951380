import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import { createSystem } from "@/lib/systems/create-system";
import { updateSystem } from "@/lib/systems/update-system";
import { getSystem } from "@/lib/systems/queries";
import { createAsset } from "@/lib/assets/create-asset";
import { todayUtc } from "@/lib/evidence/rules";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { listInbox } from "@/lib/notifications/queries";
import { greenSystem } from "@/test/approval-fixtures";
import { openApprovalRequest } from "@/lib/approvals/open-request";
import { submitApprovalRequest } from "@/lib/approvals/submit-request";
import { addDays } from "./rules";
import { recordReview } from "./record-review";
import { getReviewIntervals, reviewIntervalsVersion, setReviewIntervals } from "./settings";

const t = useTestDatabase();
const today = todayUtc();

function editInput(s: Awaited<ReturnType<typeof getSystem>>, over: Record<string, unknown>) {
  return {
    name: s.name, purpose: s.purpose, riskTier: s.riskTier, dataSensitivity: s.dataSensitivity, autonomy: s.autonomy, exposure: s.exposure,
    nextReviewDue: s.nextReviewDue ?? "", contributorIds: s.contributors.map((c) => c.id), expectedVersion: s.rowVersion, ...over,
  };
}

describe("[REVIEW] review cycles", () => {
  it("a new system's first review is one tier interval out; raising the tier brings it to 30 days and says why", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput({ riskTier: "MEDIUM" }));
    let s = await getSystem({ actor: owner, db: t.db }, id);
    expect(s.nextReviewDue).toBe(addDays(today, 365));
    await updateSystem({ actor: owner, db: t.db }, id, editInput(s, { riskTier: "CRITICAL" }));
    s = await getSystem({ actor: owner, db: t.db }, id);
    expect(s.nextReviewDue).toBe(addDays(today, 30));
    const row = await t.db.aiSystem.findUniqueOrThrow({ where: { id } });
    expect(row.reviewDueReason).toBe(`Brought forward on ${today}: risk tier raised from Medium to Critical.`);
    expect(await t.db.auditEvent.count({ where: { action: "system.review_rescheduled", entityId: id } })).toBe(1);
    // Lowering the tier again is not a major change: the date stays.
    await updateSystem({ actor: owner, db: t.db }, id, editInput(s, { riskTier: "LOW" }));
    expect((await getSystem({ actor: owner, db: t.db }, id)).nextReviewDue).toBe(addDays(today, 30));
  });

  it("a new SPEND_MONEY capability or a new model digest pulls the review forward", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput({ riskTier: "LOW", nextReviewDue: addDays(today, 200) }));
    await createAsset({ actor: owner, db: t.db }, id, { kind: "TOOL_CONNECTOR", name: "Payments API", capabilities: ["SPEND_MONEY"] });
    const row = await t.db.aiSystem.findUniqueOrThrow({ where: { id } });
    expect(row.nextReviewDue!.toISOString().slice(0, 10)).toBe(addDays(today, 30));
    expect(row.reviewDueReason).toMatch(/new capability spend money on Payments API/);
    const other = await createSystem({ actor: owner, db: t.db }, systemInput({ riskTier: "LOW", nextReviewDue: addDays(today, 200) }));
    await createAsset({ actor: owner, db: t.db }, other.id, { kind: "MODEL", name: "llama", version: "3.1", sha256: "a".repeat(64) });
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id: other.id } })).reviewDueReason).toMatch(/new model digest for llama/);
  });

  it("a recorded review resets the date from the review day, clears the reason, and its findings reopen items for the owner", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput({ riskTier: "HIGH" }));
    await t.db.aiSystem.update({ where: { id }, data: { reviewDueReason: "Brought forward on x: y." } });
    const s = await getSystem({ actor: owner, db: t.db }, id);
    const reviewedOn = addDays(today, -2);
    await expect(recordReview({ actor: owner, db: t.db }, id, { reviewedOn, outcome: "SATISFACTORY", notes: "All fine here.", expectedVersion: s.rowVersion })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordReview({ actor: reviewer, db: t.db }, id, { reviewedOn: addDays(today, 1), outcome: "SATISFACTORY", notes: "All fine here.", expectedVersion: s.rowVersion })).rejects.toBeInstanceOf(ValidationError);
    await expect(recordReview({ actor: reviewer, db: t.db }, id, { reviewedOn: "1990-01-01", outcome: "SATISFACTORY", notes: "Backdated review.", expectedVersion: s.rowVersion })).rejects.toThrow(/more than 366 days ago/);
    await expect(
      recordReview({ actor: reviewer, db: t.db }, id, { reviewedOn, outcome: "NEEDS_ACTION", notes: "Two gaps in the rollback plan.", findings: [{ code: "ZZZ-9.9", finding: "No such control" }], expectedVersion: s.rowVersion }),
    ).rejects.toThrow(/no control ZZZ-9.9/);
    const result = await recordReview({ actor: reviewer, db: t.db }, id, {
      reviewedOn,
      outcome: "NEEDS_ACTION",
      notes: "Rollback untested; otherwise in order.",
      findings: [{ code: "DES-1.1", finding: "Training records are a year old." }],
      expectedVersion: s.rowVersion,
    });
    expect(result.nextReviewDue).toBe(addDays(reviewedOn, 180));
    const row = await t.db.aiSystem.findUniqueOrThrow({ where: { id } });
    expect([row.reviewDueReason, row.lastReviewedOn!.toISOString().slice(0, 10)]).toEqual([null, reviewedOn]);
    const item = await t.db.checklistItem.findFirstOrThrow({ where: { checklist: { systemId: id }, control: { code: "DES-1.1" } } });
    expect([item.status, item.ownerId, item.dueDate!.toISOString().slice(0, 10)]).toEqual(["NOT_MET", owner.id, addDays(reviewedOn, 30)]);
    expect(item.notes).toContain("Training records are a year old.");
    expect((await listInbox({ actor: owner, db: t.db }, {})).items.map((n) => n.href)).toContain(`/systems/${id}/checklist?item=${item.id}`);
    // Dated before the review just recorded: refused.
    const now = (await t.db.aiSystem.findUniqueOrThrow({ where: { id } })).rowVersion;
    await expect(recordReview({ actor: reviewer, db: t.db }, id, { reviewedOn: addDays(reviewedOn, -1), outcome: "SATISFACTORY", notes: "Backdated review.", expectedVersion: now })).rejects.toThrow(`before the last recorded review (${reviewedOn})`);
    // A stale form is a conflict.
    await expect(recordReview({ actor: reviewer, db: t.db }, id, { reviewedOn, outcome: "SATISFACTORY", notes: "Again, stale.", expectedVersion: s.rowVersion })).rejects.toThrow(/changed after you opened/);
  });

  it("a finding that reopens a met item is in the item's history, keeps every finding's text, and turns a pending approval stale", async () => {
    const green = await greenSystem(t.db, "HIGH");
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const ctx = { actor: green.owner, db: t.db };
    const { id: requestId } = await openApprovalRequest(ctx, { systemId: green.systemId, releaseLabel: "v1.0", environment: "production" });
    await submitApprovalRequest(ctx, requestId, { expectedVersion: 1 });
    const item = await t.db.checklistItem.findFirstOrThrow({
      where: { checklist: { systemId: green.systemId }, applicable: true, status: "MET", control: { pillar: "DES", reviewerOnly: false } },
      include: { control: true },
    });
    const s = await getSystem(ctx, green.systemId);
    const { id: reviewId } = await recordReview({ actor: reviewer, db: t.db }, green.systemId, {
      reviewedOn: today,
      outcome: "NEEDS_ACTION",
      notes: "Two findings on the same control.",
      findings: [
        { code: item.control.code, finding: "First finding: the owner list is stale." },
        { code: item.control.code, finding: "Second finding: no training this year." },
      ],
      expectedVersion: s.rowVersion,
    });
    const reopened = await t.db.checklistItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(reopened.status).toBe("NOT_MET");
    expect(reopened.notes).toContain("First finding: the owner list is stale.");
    expect(reopened.notes).toContain("Second finding: no training this year.");
    const events = await t.db.auditEvent.findMany({ where: { action: "checklist.item_updated", entityId: item.id }, orderBy: { id: "asc" } });
    const summaries = events.map((e) => e.summary as { control: string; reviewId: string; changes: Record<string, { from: unknown; to: unknown }> });
    expect(summaries.map((x) => [x.control, x.reviewId])).toEqual([[item.control.code, reviewId], [item.control.code, reviewId]]);
    expect(summaries[0]!.changes.status).toEqual({ from: "MET", to: "NOT_MET" });
    expect(summaries[1]!.changes.status).toBeUndefined();
    const request = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request.state).toBe("STALE");
    expect(request.stateReason).toContain(item.control.code);
  });

  it("intervals are an admin setting, validated, and used by the next review", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    await expect(setReviewIntervals({ actor: owner, db: t.db }, { CRITICAL: 60, HIGH: 180, MEDIUM: 365, LOW: 365 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setReviewIntervals({ actor: admin, db: t.db }, { CRITICAL: 3, HIGH: 180, MEDIUM: 365, LOW: 365 })).rejects.toBeInstanceOf(ValidationError);
    const opened = await reviewIntervalsVersion(t.db);
    await setReviewIntervals({ actor: admin, db: t.db }, { CRITICAL: "60", HIGH: 120, MEDIUM: 300, LOW: 400, settingVersion: opened });
    expect(await getReviewIntervals(t.db)).toEqual({ CRITICAL: 60, HIGH: 120, MEDIUM: 300, LOW: 400 });
    // Two tabs opened at the same version: the second save is a conflict and changes nothing;
    // so are a missing or forged version.
    await expect(setReviewIntervals({ actor: admin, db: t.db }, { CRITICAL: 30, HIGH: 120, MEDIUM: 300, LOW: 400, settingVersion: opened })).rejects.toBeInstanceOf(ConflictError);
    await expect(setReviewIntervals({ actor: admin, db: t.db }, { CRITICAL: 30, HIGH: 120, MEDIUM: 300, LOW: 400 })).rejects.toBeInstanceOf(ValidationError);
    await expect(setReviewIntervals({ actor: admin, db: t.db }, { CRITICAL: 30, HIGH: 120, MEDIUM: 300, LOW: 400, settingVersion: "yesterday" })).rejects.toBeInstanceOf(ValidationError);
    expect((await getReviewIntervals(t.db)).CRITICAL).toBe(60);
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput({ riskTier: "CRITICAL" }));
    expect((await getSystem({ actor: owner, db: t.db }, id)).nextReviewDue).toBe(addDays(today, 60));
  });
});
