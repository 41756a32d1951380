import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { refreshApprovalStaleness } from "@/lib/approvals/staleness-hook";
import { assertCan } from "@/lib/authz/policy";
import { evaluateApplicability, type ApplicabilityRule } from "@/lib/controls/applicability";
import { currentLibraryVersion } from "@/lib/controls/store";
import { lockRows } from "@/lib/db/locks";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { canReview, loadChecklistSystem } from "./access";
import { loadSystemProfile } from "./profile";
import { diffLibraries, type LibraryDiff } from "./rules";

type ControlRow = { id: string; code: string; title: string; guidance: string; evidenceExpectation: string; evidenceRequired: boolean; reviewerOnly: boolean; applicability: unknown; mappings: unknown };

async function versions(ctx: ServiceContext, systemId: string) {
  const { db } = ctx;
  const checklist = await db.checklist.findUnique({ where: { systemId }, include: { libraryVersion: { select: { id: true, version: true } } } });
  if (!checklist) throw new NotFoundError("This system has no checklist yet.");
  const current = await currentLibraryVersion(db);
  if (!current) throw new ValidationError("No control library is published.");
  const [fromControls, toControls] = await Promise.all([
    db.control.findMany({ where: { libraryVersionId: checklist.libraryVersionId }, orderBy: { position: "asc" } }),
    db.control.findMany({ where: { libraryVersionId: current.id }, orderBy: { position: "asc" } }),
  ]);
  return { checklist, current, fromControls: fromControls as ControlRow[], toControls: toControls as (ControlRow & { position: number })[] };
}

export type UpgradePreview = { from: string; to: string; diff: LibraryDiff; titles: Record<string, string> };

/** The diff a reviewer sees before moving a checklist to the current library version. */
export async function previewUpgrade(ctx: ServiceContext, systemId: string): Promise<UpgradePreview> {
  assertCan(ctx.actor, "checklist:read");
  await loadSystemFacts(ctx.db, ctx.actor, systemId);
  const { checklist, current, fromControls, toControls } = await versions(ctx, systemId);
  const titles = Object.fromEntries([...fromControls, ...toControls].map((c) => [c.code, c.title]));
  return { from: checklist.libraryVersion.version, to: current.version, diff: diffLibraries(fromControls, toControls), titles };
}

/**
 * Moves a checklist to the current library version: kept controls keep their status, owner,
 * notes and evidence; new controls start NOT_STARTED; retired controls' items are removed
 * (the audit event lists them with their last status). Decided and written inside one
 * transaction with the checklist row locked, so two upgrades cannot both apply.
 *
 * @param expectedTo the version the reviewer saw in the preview; a different current version
 *   is refused so nobody applies a diff they have not seen.
 * @throws ForbiddenError (not a reviewer), ValidationError (version moved, already current).
 */
export async function upgradeChecklist(ctx: ServiceContext, systemId: string, expectedTo: string) {
  const { actor, meta } = ctx;
  assertCan(actor, "checklist:edit");
  if (!canReview(actor)) throw new ForbiddenError("Only security reviewers and admins upgrade a checklist to a new library version.");
  return withTransaction(ctx, async (txCtx) => {
    const tx = txCtx.db;
    await loadChecklistSystem(tx, actor, systemId);
    const found = await tx.checklist.findUnique({ where: { systemId }, select: { id: true } });
    if (!found) throw new NotFoundError("This system has no checklist yet.");
    await lockRows(tx, "Checklist", [found.id]);
    const { checklist, current, fromControls, toControls } = await versions(txCtx, systemId);
    if (current.version !== expectedTo) throw new ValidationError(`The current library is now ${current.version}; review the new diff first.`);
    if (checklist.libraryVersionId === current.id) throw new ValidationError("This checklist already uses the current library.");
    const diff = diffLibraries(fromControls, toControls);
    const profile = await loadSystemProfile(tx, systemId);
    const oldByCode = new Map(fromControls.map((c) => [c.code, c]));
    const items = await tx.checklistItem.findMany({ where: { checklistId: checklist.id }, select: { id: true, controlId: true, status: true } });
    const itemByControl = new Map(items.map((i) => [i.controlId, i]));

    const retired: { code: string; status: string }[] = [];
    for (const code of diff.retired) {
      const item = itemByControl.get(oldByCode.get(code)!.id);
      if (!item) continue;
      retired.push({ code, status: item.status });
      await tx.checklistItem.delete({ where: { id: item.id } });
    }
    for (const control of toControls) {
      const result = evaluateApplicability(control.applicability as ApplicabilityRule, profile);
      const previous = oldByCode.get(control.code);
      const item = previous ? itemByControl.get(previous.id) : undefined;
      if (item) {
        await tx.checklistItem.update({ where: { id: item.id }, data: { controlId: control.id, applicable: result.applies, applicabilityReason: result.reason, rowVersion: { increment: 1 } } });
      } else {
        await tx.checklistItem.create({ data: { checklistId: checklist.id, controlId: control.id, applicable: result.applies, applicabilityReason: result.reason } });
      }
    }
    await tx.checklist.update({ where: { id: checklist.id }, data: { libraryVersionId: current.id } });
    await refreshApprovalStaleness(tx, actor, systemId, { change: "checklist.upgraded", id: checklist.id }, { meta });
    await appendAudit(
      tx,
      actor,
      {
        action: "checklist.upgraded",
        entityType: "Checklist",
        entityId: checklist.id,
        summary: { systemId, from: checklist.libraryVersion.version, to: current.version, added: diff.added, retired, changed: diff.changed.map((c) => c.code) },
      },
      meta,
    );
    return { from: checklist.libraryVersion.version, to: current.version, diff };
  });
}
