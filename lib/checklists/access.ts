import "server-only";
import type { Actor } from "@/lib/authz/actor";
import { hasPermission } from "@/lib/authz/permissions";
import { assertCan, canEditChecklist } from "@/lib/authz/policy";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { loadSystemFacts } from "@/lib/systems/access";
import type { DbOrTx } from "@/lib/service-context";

/** Loads a system whose checklist the actor may work on; refuses archived systems. */
export async function loadChecklistSystem(db: DbOrTx, actor: Actor, systemId: string) {
  assertCan(actor, "checklist:edit");
  const facts = await loadSystemFacts(db, actor, systemId);
  if (!canEditChecklist(actor, facts)) throw new ForbiddenError("Only the system's owner, contributors, security reviewers or admins work on its checklist.");
  if (facts.archivedAt) throw new ValidationError("This system is archived: its checklist is read-only.");
  return facts;
}

/**
 * Loads an item with its control and system, checking the actor may edit it. The returned item
 * carries its system's access facts (`systemFacts`, as `loadChecklistSystem` read them), so a
 * caller needing them does not read them again.
 */
export async function loadEditableItem(db: DbOrTx, actor: Actor, itemId: string) {
  assertCan(actor, "checklist:edit");
  const item = await db.checklistItem.findUnique({
    where: { id: itemId },
    include: { control: true, checklist: { select: { systemId: true } } },
  });
  if (!item) throw new NotFoundError("Checklist item not found.");
  const systemFacts = await loadChecklistSystem(db, actor, item.checklist.systemId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("Checklist item not found.") : error;
  });
  return { ...item, systemFacts };
}

export function canReview(actor: Actor) {
  return hasPermission(actor.role, "checklist:review");
}

/**
 * Bulk checklist changes (status, owner, due date) are for security reviewers and admins only.
 *
 * @throws ForbiddenError without `checklist:edit`, or "Only security reviewers and admins change items in bulk."
 */
export function assertBulkReviewer(actor: Actor) {
  assertCan(actor, "checklist:edit");
  if (!canReview(actor)) throw new ForbiddenError("Only security reviewers and admins change items in bulk.");
}
