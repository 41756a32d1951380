import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import type { Actor, RequestMeta } from "@/lib/authz/actor";
import { evaluateApplicability, type ApplicabilityRule } from "@/lib/controls/applicability";
import { currentLibraryVersion } from "@/lib/controls/store";
import { ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { loadChecklistSystem } from "./access";
import { loadSystemProfile } from "./profile";

/**
 * Builds a system's checklist from the current library inside the caller's transaction: one
 * item per control, marked applicable or not (with the reason) for the system's profile.
 * Returns null when no library has been published yet.
 */
export async function createChecklistTx(tx: Prisma.TransactionClient, actor: Pick<Actor, "id" | "email">, systemId: string, meta?: RequestMeta) {
  const library = await currentLibraryVersion(tx);
  if (!library) return null;
  const [profile, controls] = await Promise.all([
    loadSystemProfile(tx, systemId),
    tx.control.findMany({ where: { libraryVersionId: library.id }, orderBy: { position: "asc" }, select: { id: true, applicability: true } }),
  ]);
  const checklist = await tx.checklist.create({ data: { systemId, libraryVersionId: library.id } });
  const items = controls.map((c) => {
    const result = evaluateApplicability(c.applicability as ApplicabilityRule, profile);
    return { checklistId: checklist.id, controlId: c.id, applicable: result.applies, applicabilityReason: result.reason };
  });
  await tx.checklistItem.createMany({ data: items });
  await appendAudit(
    tx,
    actor,
    {
      action: "checklist.created",
      entityType: "Checklist",
      entityId: checklist.id,
      summary: { systemId, libraryVersion: library.version, controls: items.length, applicable: items.filter((i) => i.applicable).length },
    },
    meta,
  );
  return checklist;
}

/** Creates the checklist of a system that has none (e.g. registered before a library existed). */
export async function createChecklist({ actor, db, meta }: ServiceContext, systemId: string) {
  await loadChecklistSystem(db, actor, systemId);
  return withTransaction({ actor, db, meta }, async ({ db: tx }) => {
    if (await tx.checklist.findUnique({ where: { systemId } })) throw new ValidationError("This system already has a checklist.");
    const checklist = await createChecklistTx(tx, actor, systemId, meta);
    if (!checklist) throw new ValidationError("No control library has been published yet. An admin must publish one first.");
    return checklist;
  });
}
