import "server-only";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
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
 * owned by the system owner, due in FINDING_DUE_DAYS) and notifies the owner. The next review
 * restarts from the review date with the tier's interval; a pulled-forward reason is cleared.
 *
 * @throws ForbiddenError without checklist:review; NotFoundError for a system the actor cannot
 *   see; ValidationError (future date, a finding on another system's item, bad input);
 *   ConflictError when the system changed since the form was opened.
 */
export async function recordReview(ctx: ServiceContext, systemId: string, raw: unknown) {
  assertCan(ctx.actor, "checklist:review");
  const input = parseOrThrow(ZRecordReviewInput, raw);
  if (input.reviewedOn > todayUtc()) throw new ValidationError("The review date cannot be in the future.", { reviewedOn: ["The review date cannot be in the future."] });
  return withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    await lockRows(tx, "AiSystem", [systemId]);
    await loadSystemFacts(tx, actor, systemId);
    const system = await tx.aiSystem.findUniqueOrThrow({ where: { id: systemId }, select: { rowVersion: true, riskTier: true, ownerId: true, archivedAt: true } });
    if (system.archivedAt) throw new ValidationError("This system is archived.");
    if (system.rowVersion !== input.expectedVersion) throw new ConflictError("The system changed after you opened the form. Nothing was saved: reload and record the review again.");
    const codes = [...new Set(input.findings.map((f) => f.code))];
    const items = await tx.checklistItem.findMany({ where: { control: { code: { in: codes } }, checklist: { systemId } }, select: { id: true, notes: true, control: { select: { code: true, title: true } } } });
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
    for (const f of input.findings) {
      const item = items.find((i) => i.control.code === f.code)!;
      await tx.checklistItem.update({
        where: { id: item.id },
        data: {
          status: "NOT_MET",
          ownerId: system.ownerId,
          dueDate: new Date(`${addDays(input.reviewedOn, FINDING_DUE_DAYS)}T00:00:00.000Z`),
          notes: `${item.notes ? `${item.notes}\n\n` : ""}Finding of the periodic review on ${input.reviewedOn}: ${f.finding}`.slice(0, 10_000),
          rowVersion: { increment: 1 },
        },
      });
      await notify(tx, { kind: "item.assigned", actorId: actor.kind === "system" ? null : actor.id, systemId, itemId: item.id, assigneeId: system.ownerId, control: `${item.control.code} ${item.control.title}` });
    }
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
