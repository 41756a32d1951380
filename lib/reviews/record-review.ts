import "server-only";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import { refreshApprovalStaleness } from "@/lib/approvals/staleness-hook";
import { assertCan } from "@/lib/authz/policy";
import { lockRows } from "@/lib/db/locks";
import { ConflictError, ValidationError } from "@/lib/errors";
import { todayUtc } from "@/lib/evidence/rules";
import { notify } from "@/lib/notifications/notify";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { parseOrThrow } from "@/lib/validation";
import { zDate, zRowVersion, zText } from "@/lib/validation/fields";
import { addDays, nextReviewFrom, type Tier } from "./rules";
import { getReviewIntervals } from "./settings";

export const REVIEW_OUTCOMES = ["SATISFACTORY", "NEEDS_ACTION", "UNSATISFACTORY"] as const;
/** How far back a review may be dated when it is recorded, in days. */
export const MAX_REVIEW_AGE_DAYS = 366;

/** Days a finding's reopened item gets before it is due. */
export const FINDING_DUE_DAYS = 30;

export const ZRecordReviewInput = z.object({
  reviewedOn: zDate("The review date"),
  outcome: z.enum(REVIEW_OUTCOMES, { error: "Choose the outcome." }),
  notes: zText({ label: "Notes", min: 10, max: 5000 }),
  findings: z
    .array(z.object({ code: zText({ label: "Control code", min: 1, max: 32 }), finding: zText({ label: "Finding", min: 5, max: 1000 }) }))
    .max(50, "At most 50 findings per review.")
    .default([]),
  expectedVersion: zRowVersion(),
});

/**
 * Records a periodic review (security reviewer or admin): who, when, the outcome, notes and
 * findings. Each finding reopens its checklist item (NOT_MET, the finding added to its notes,
 * owned by the system owner, due in FINDING_DUE_DAYS), records a `checklist.item_updated` event
 * for it and notifies the owner; reopening a met item marks live approvals of the system stale. The next review
 * restarts from the review date with the tier's interval; a pulled-forward reason is cleared.
 *
 * @throws ForbiddenError without checklist:review; NotFoundError for a system the actor cannot
 *   see; ValidationError (a date in the future, more than MAX_REVIEW_AGE_DAYS ago or before the
 *   last recorded review; a finding on another system's item; bad input);
 *   ConflictError when the system changed since the form was opened.
 */
export async function recordReview(ctx: ServiceContext, systemId: string, raw: unknown) {
  assertCan(ctx.actor, "checklist:review");
  const input = parseOrThrow(ZRecordReviewInput, raw);
  if (input.reviewedOn > todayUtc()) throw new ValidationError("The review date cannot be in the future.", { reviewedOn: ["The review date cannot be in the future."] });
  return withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    await lockRows(tx, "AiSystem", [systemId]);
    await loadSystemFacts(tx, actor, systemId);
    const system = await tx.aiSystem.findUniqueOrThrow({ where: { id: systemId }, select: { rowVersion: true, riskTier: true, ownerId: true, archivedAt: true, lastReviewedOn: true } });
    if (system.archivedAt) throw new ValidationError("This system is archived.");
    // A review is recorded when it happens, or soon after: not older than a year, and never
    // before the review already on record (that would move the next review into the past).
    const earliest = [addDays(todayUtc(), -MAX_REVIEW_AGE_DAYS), system.lastReviewedOn?.toISOString().slice(0, 10) ?? ""].sort().at(-1)!;
    if (input.reviewedOn < earliest) {
      const message = system.lastReviewedOn && earliest === system.lastReviewedOn.toISOString().slice(0, 10)
        ? `The review date cannot be before the last recorded review (${earliest}).`
        : `The review date cannot be more than ${MAX_REVIEW_AGE_DAYS} days ago (earliest ${earliest}).`;
      throw new ValidationError(message, { reviewedOn: [message] });
    }
    if (system.rowVersion !== input.expectedVersion) throw new ConflictError("The system changed after you opened the form. Nothing was saved: reload and record the review again.");
    const codes = [...new Set(input.findings.map((f) => f.code))];
    const items = await tx.checklistItem.findMany({
      where: { control: { code: { in: codes } }, checklist: { systemId } },
      select: { id: true, notes: true, status: true, ownerId: true, dueDate: true, control: { select: { code: true, title: true } } },
    });
    const missing = codes.filter((c) => !items.some((i) => i.control.code === c));
    if (missing.length) throw new ValidationError(`This system's checklist has no control ${missing.join(", ")}.`, { findings: [`Unknown control: ${missing.join(", ")}.`] });
    const itemIds = items.map((i) => i.id);
    const due = nextReviewFrom(input.reviewedOn, system.riskTier as Tier, await getReviewIntervals(tx));
    const review = await tx.systemReview.create({
      data: {
        systemId,
        reviewerId: actor.id,
        reviewedOn: new Date(`${input.reviewedOn}T00:00:00.000Z`),
        outcome: input.outcome,
        notes: input.notes,
        findings: input.findings.map((f) => ({ ...f, itemId: items.find((i) => i.control.code === f.code)!.id })),
        nextReviewDue: new Date(`${due}T00:00:00.000Z`),
      },
    });
    await lockRows(tx, "ChecklistItem", itemIds);
    const dueOn = addDays(input.reviewedOn, FINDING_DUE_DAYS);
    const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
    let statusChanged = false;
    for (const f of input.findings) {
      const item = items.find((i) => i.control.code === f.code)!;
      const notes = `${item.notes ? `${item.notes}\n\n` : ""}Finding of the periodic review on ${input.reviewedOn}: ${f.finding}`.slice(0, 10_000);
      await tx.checklistItem.update({
        where: { id: item.id },
        data: { status: "NOT_MET", ownerId: system.ownerId, dueDate: new Date(`${dueOn}T00:00:00.000Z`), notes, rowVersion: { increment: 1 } },
      });
      // The reopened item gets its own history entry, like any other edit of the item, so the
      // item's history and the system's History tab show why it went back to Not met.
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (item.status !== "NOT_MET") changes.status = { from: item.status, to: "NOT_MET" };
      if (item.ownerId !== system.ownerId) changes.ownerId = { from: item.ownerId, to: system.ownerId };
      if (day(item.dueDate) !== dueOn) changes.dueDate = { from: day(item.dueDate), to: dueOn };
      changes.notes = { from: item.notes ? "(previous note)" : null, to: notes.slice(0, 200) };
      statusChanged ||= item.status !== "NOT_MET";
      item.status = "NOT_MET";
      item.ownerId = system.ownerId;
      item.dueDate = new Date(`${dueOn}T00:00:00.000Z`);
      item.notes = notes;
      await appendAudit(
        tx,
        actor,
        { action: "checklist.item_updated", entityType: "ChecklistItem", entityId: item.id, summary: { systemId, control: item.control.code, changes, reviewId: review.id } },
        meta,
      );
      await notify(tx, { kind: "item.assigned", actorId: actor.kind === "system" ? null : actor.id, systemId, itemId: item.id, assigneeId: system.ownerId, control: `${item.control.code} ${item.control.title}` });
    }
    // A finding that reopens a met item changes what an approval was granted on: the same
    // staleness rule as an edit of the item (DESIGN.md, approvals go stale on checklist changes).
    if (statusChanged) await refreshApprovalStaleness(tx, actor, systemId, { change: "checklist.item_updated", id: review.id }, { meta });
    await tx.aiSystem.update({
      where: { id: systemId },
      data: { lastReviewedOn: new Date(`${input.reviewedOn}T00:00:00.000Z`), nextReviewDue: new Date(`${due}T00:00:00.000Z`), reviewDueReason: null, rowVersion: { increment: 1 } },
    });
    await appendAudit(
      tx,
      actor,
      { action: "system.reviewed", entityType: "AiSystem", entityId: systemId, summary: { reviewId: review.id, reviewedOn: input.reviewedOn, outcome: input.outcome, findings: items.map((i) => i.control.code), nextReviewDue: due } },
      meta,
    );
    return { id: review.id, nextReviewDue: due };
  });
}

/** A system's recorded reviews, newest first. */
export async function listReviews(ctx: ServiceContext, systemId: string) {
  assertCan(ctx.actor, "system:read");
  await loadSystemFacts(ctx.db, ctx.actor, systemId);
  const rows = await ctx.db.systemReview.findMany({ where: { systemId }, orderBy: [{ reviewedOn: "desc" }, { createdAt: "desc" }], take: 20, include: { reviewer: { select: { name: true } } } });
  return rows.map((r) => ({
    id: r.id,
    reviewedOn: r.reviewedOn.toISOString().slice(0, 10),
    outcome: r.outcome,
    notes: r.notes,
    reviewer: r.reviewer.name,
    findings: r.findings as { itemId: string; code: string; finding: string }[],
    nextReviewDue: r.nextReviewDue.toISOString().slice(0, 10),
  }));
}
