import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { evaluateApplicability, type ApplicabilityRule } from "@/lib/controls/applicability";
import { NotFoundError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { loadChecklistSystem } from "./access";
import { loadSystemProfile } from "./profile";

export type ApplicabilityChange = { itemId: string; code: string; title: string; applies: boolean; reason: string; status: string };

/** Which items would change applicability given the system's current attributes and assets. */
export async function previewRecompute({ actor, db }: ServiceContext, systemId: string): Promise<ApplicabilityChange[]> {
  assertCan(actor, "checklist:read");
  await loadSystemFacts(db, actor, systemId);
  const checklist = await db.checklist.findUnique({ where: { systemId }, select: { id: true } });
  if (!checklist) throw new NotFoundError("This system has no checklist yet.");
  const [profile, items] = await Promise.all([
    loadSystemProfile(db, systemId),
    db.checklistItem.findMany({ where: { checklistId: checklist.id }, include: { control: true }, orderBy: { control: { position: "asc" } } }),
  ]);
  return items.flatMap((item) => {
    const result = evaluateApplicability(item.control.applicability as ApplicabilityRule, profile);
    return result.applies === item.applicable
      ? []
      : [{ itemId: item.id, code: item.control.code, title: item.control.title, applies: result.applies, reason: result.reason, status: item.status }];
  });
}

/**
 * Applies the preview. Items that stop applying keep their status and evidence (so nothing
 * entered is lost if the profile changes back); they are simply no longer counted.
 */
export async function applyRecompute(ctx: ServiceContext, systemId: string) {
  const { actor, db, meta } = ctx;
  await loadChecklistSystem(db, actor, systemId);
  const changes = await previewRecompute(ctx, systemId);
  if (changes.length === 0) return { changed: 0 };
  await db.$transaction(async (tx) => {
    for (const change of changes) {
      await tx.checklistItem.update({ where: { id: change.itemId }, data: { applicable: change.applies, applicabilityReason: change.reason, rowVersion: { increment: 1 } } });
    }
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
  });
  return { changed: changes.length };
}
