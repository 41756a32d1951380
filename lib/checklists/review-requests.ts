import "server-only";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { lockRows } from "@/lib/db/locks";
import { notify } from "@/lib/notifications/notify";
import { ConflictError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { formatDate } from "@/lib/dates";
import { parseOrThrow } from "@/lib/validation";
import { zRowVersion } from "@/lib/validation/fields";
import { loadEditableItem } from "./access";

const ZRequestReview = z.object({ expectedVersion: zRowVersion() });

/** Statuses that settle a reviewer-only item: once one is set, the request is answered. */
const DECIDED = ["MET", "NOT_APPLICABLE"] as const;
/** Statuses a submitted item leaves for In progress (the reviewers' queue lists In progress items). */
const WAITING_FROM = ["NOT_STARTED", "NOT_MET"] as const;

/**
 * The owner's "submit for review" on a reviewer-only checklist item (a control whose Met or Not
 * applicable only a security reviewer may set): records who asked and when on the item, audits
 * `checklist.review_requested` and puts an `item.review_requested` notice in the reviewers'
 * inboxes. An item not started (or found not met) moves to In progress with it, which is what the
 * reviewers' queue on the home page lists ("Checklist decisions waiting for a reviewer",
 * lib/home/providers.ts) and what the readiness count of waiting decisions counts; the event
 * records that change (`changes.status`). A reviewer's next status change on the item clears the
 * request (lib/checklists/update-item.ts); until then a second submission is refused (no second
 * event or notice).
 *
 * @param rawInput `{ expectedVersion }` (the item's row version the person saw).
 * @throws ValidationError (not a reviewer-only item, or already decided), ConflictError (already
 *   submitted and waiting for a reviewer, or a stale version), ForbiddenError, NotFoundError.
 */
export async function requestItemReview(ctx: ServiceContext, itemId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "checklist:edit");
  const { expectedVersion } = parseOrThrow(ZRequestReview, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    await lockRows(tx, "ChecklistItem", [itemId]);
    const item = await loadEditableItem(tx, actor, itemId);
    if (!item.control.reviewerOnly) throw new ValidationError(`${item.control.code} does not need a reviewer: set its status yourself.`);
    if ((DECIDED as readonly string[]).includes(item.status)) throw new ValidationError(`${item.control.code} is already decided.`);
    if (item.reviewRequestedAt) {
      throw new ConflictError(`${item.control.code} was submitted for review on ${formatDate(item.reviewRequestedAt)} and is waiting for a reviewer.`);
    }
    if (item.rowVersion !== expectedVersion) throw new ConflictError();
    const startsWork = (WAITING_FROM as readonly string[]).includes(item.status);
    const updated = await tx.checklistItem.update({
      where: { id: itemId },
      data: { reviewRequestedAt: new Date(), reviewRequestedById: actor.id, ...(startsWork ? { status: "IN_PROGRESS" as const } : {}), rowVersion: { increment: 1 } },
      select: { reviewRequestedAt: true, rowVersion: true, status: true },
    });
    await appendAudit(
      tx,
      actor,
      {
        action: "checklist.review_requested",
        entityType: "ChecklistItem",
        entityId: itemId,
        summary: { systemId: item.checklist.systemId, control: item.control.code, ...(startsWork ? { changes: { status: { from: item.status, to: "IN_PROGRESS" } } } : {}) },
      },
      meta,
    );
    await notify(tx, { kind: "item.review_requested", actorId: actor.id, systemId: item.checklist.systemId, itemId, control: `${item.control.code} ${item.control.title}` });
    return updated;
  });
}

/** One reviewer-only checklist item whose owner asked for a decision. */
export type AwaitingReviewItem = {
  itemId: string;
  code: string;
  title: string;
  systemId: string;
  systemName: string;
  /** ISO 8601 instant. */
  requestedAt: string;
  requestedBy: { id: string; name: string } | null;
  /** Where the reviewer decides: the item opened on its system's checklist. */
  href: string;
};

/**
 * The reviewers' queue: checklist items submitted for review and not yet decided (status not
 * Met / Not applicable), on systems that are not archived, oldest request first. For people
 * who may take reviewer decisions (`checklist:review`); the home page shows it.
 *
 * @throws ForbiddenError without `checklist:review`.
 */
export async function itemsAwaitingReview(ctx: ServiceContext, opts: { limit?: number } = {}): Promise<AwaitingReviewItem[]> {
  const { actor, db } = ctx;
  assertCan(actor, "checklist:review");
  const rows = await db.checklistItem.findMany({
    where: { reviewRequestedAt: { not: null }, status: { notIn: [...DECIDED] }, applicable: true, checklist: { system: { archivedAt: null } } },
    orderBy: { reviewRequestedAt: "asc" },
    take: Math.min(opts.limit ?? 50, 200),
    select: {
      id: true,
      reviewRequestedAt: true,
      reviewRequestedById: true,
      control: { select: { code: true, title: true } },
      checklist: { select: { system: { select: { id: true, name: true } } } },
    },
  });
  const requesterIds = [...new Set(rows.map((r) => r.reviewRequestedById).filter((id): id is string => Boolean(id)))];
  const people = requesterIds.length ? await db.user.findMany({ where: { id: { in: requesterIds } }, select: { id: true, name: true } }) : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => ({
    itemId: r.id,
    code: r.control.code,
    title: r.control.title,
    systemId: r.checklist.system.id,
    systemName: r.checklist.system.name,
    requestedAt: r.reviewRequestedAt!.toISOString(),
    requestedBy: r.reviewRequestedById ? (byId.get(r.reviewRequestedById) ?? null) : null,
    href: `/systems/${r.checklist.system.id}/checklist?item=${r.id}#item-${r.id}`,
  }));
}
