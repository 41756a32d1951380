import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { refreshApprovalStaleness } from "@/lib/approvals/staleness-hook";
import { assertCan } from "@/lib/authz/policy";
import { evaluateApplicability, type ApplicabilityRule } from "@/lib/controls/applicability";
import { lockRows } from "@/lib/db/locks";
import { NotFoundError } from "@/lib/errors";
import { withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { loadChecklistSystem } from "./access";
import { loadSystemProfile } from "./profile";

export type ApplicabilityChange = { itemId: string; code: string; title: string; applies: boolean; reason: string; status: string };

/** Internal: the items whose applicability differs from the system's profile now. No permission check. */
async function applicabilityChanges(db: DbOrTx, checklistId: string, systemId: string): Promise<ApplicabilityChange[]> {
  const [profile, items] = await Promise.all([
    loadSystemProfile(db, systemId),
    db.checklistItem.findMany({ where: { checklistId }, include: { control: true }, orderBy: { control: { position: "asc" } } }),
  ]);
  return items.flatMap((item) => {
    const result = evaluateApplicability(item.control.applicability as ApplicabilityRule, profile);
    return result.applies === item.applicable
      ? []
      : [{ itemId: item.id, code: item.control.code, title: item.control.title, applies: result.applies, reason: result.reason, status: item.status }];
  });
}

async function checklistIdOf(db: DbOrTx, systemId: string): Promise<string> {
  const checklist = await db.checklist.findUnique({ where: { systemId }, select: { id: true } });
  if (!checklist) throw new NotFoundError("This system has no checklist yet.");
  return checklist.id;
}

/** Which items would change applicability given the system's current attributes and assets. */
export async function previewRecompute({ actor, db }: ServiceContext, systemId: string): Promise<ApplicabilityChange[]> {
  assertCan(actor, "checklist:read");
  await loadSystemFacts(db, actor, systemId);
  return applicabilityChanges(db, await checklistIdOf(db, systemId), systemId);
}

/**
 * Applies the recompute. The checklist row is locked and the changes are computed inside the
 * transaction, so two recomputes (or a recompute and an upgrade) never apply stale results.
 * Items that stop applying keep their status and evidence (so nothing entered is lost if the
 * profile changes back); they are simply no longer counted.
 *
 * @returns `{ changed }`, the number of items whose applicability changed.
 */
export async function applyRecompute(ctx: ServiceContext, systemId: string) {
  const { actor, meta } = ctx;
  assertCan(actor, "checklist:edit");
  return withTransaction(ctx, async ({ db: tx }) => {
    await loadChecklistSystem(tx, actor, systemId);
    const checklistId = await checklistIdOf(tx, systemId);
    await lockRows(tx, "Checklist", [checklistId]);
    const changes = await applicabilityChanges(tx, checklistId, systemId);
    if (changes.length === 0) return { changed: 0 };
    for (const change of changes) {
      await tx.checklistItem.update({ where: { id: change.itemId }, data: { applicable: change.applies, applicabilityReason: change.reason, rowVersion: { increment: 1 } } });
    }
    await refreshApprovalStaleness(tx, actor, systemId, { change: "checklist.recomputed" }, { meta });
    await appendAudit(
      tx,
      actor,
      {
        action: "checklist.recomputed",
        entityType: "AiSystem",
        entityId: systemId,
        summary: { systemId, nowApply: changes.filter((c) => c.applies).map((c) => c.code), noLongerApply: changes.filter((c) => !c.applies).map((c) => c.code) },
      },
      meta,
    );
    return { changed: changes.length };
  });
}
