import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { applyMajorChanges } from "@/lib/reviews/major-change";
import { systemChanges } from "@/lib/reviews/rules";
import { assertCan, canArchiveSystem, canEditSystem } from "@/lib/authz/policy";
import { ConflictError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { isUniqueViolation, parseOrThrow } from "@/lib/validation";
import { assertAllowed, loadSystemFacts } from "./access";
import { assertAssignablePeople } from "./people";
import { refuseLifecycleEdit } from "./lifecycle-rules";
import { diffFields } from "./rules";
import { ZUpdateSystemInput } from "./schema";
import { getSystem } from "./queries";

/**
 * Saves the system form. `expectedVersion` is the version the user started from: if someone
 * saved in between, nothing is written and a ConflictError carries the current record.
 */
export async function updateSystem(ctx: ServiceContext, systemId: string, rawInput: unknown) {
  const { actor, db, meta } = ctx;
  assertCan(actor, "system:update");
  const facts = await loadSystemFacts(db, actor, systemId);
  assertAllowed(canEditSystem(actor, facts), "Only the owner, contributors or an admin may edit this system.");
  const input = parseOrThrow(ZUpdateSystemInput, rawInput);

  const before = await db.aiSystem.findUniqueOrThrow({ where: { id: systemId } });
  if (before.archivedAt) throw new ValidationError("Restore this archived system before editing it.");
  const ownerId = input.ownerId ?? before.ownerId;
  if (ownerId !== before.ownerId) {
    assertAllowed(canArchiveSystem(actor, facts), "Only the owner or an admin may hand the system to a new owner.");
  }
  const contributorIds = [...new Set(input.contributorIds)].filter((id) => id !== ownerId);
  await assertAssignablePeople(db, ownerId, contributorIds);
  // APPROVED, DEPLOYED, PAUSED, RETIRING and RETIRED belong to workflows (lib/systems/lifecycle.ts):
  // an edit moves only between DRAFT and IN_REVIEW.
  const lifecycleRefusal = input.lifecycle ? refuseLifecycleEdit(before.lifecycle, input.lifecycle) : null;
  if (lifecycleRefusal) throw new ValidationError(lifecycleRefusal, { lifecycle: [lifecycleRefusal] });

  const data = {
    name: input.name,
    slug: input.slug ?? before.slug,
    purpose: input.purpose,
    riskTier: input.riskTier,
    dataSensitivity: input.dataSensitivity,
    autonomy: input.autonomy,
    exposure: input.exposure,
    // Unchanged unless the edit moves it (a workflow may have moved it meanwhile; the row
    // version guard below refuses such a stale save anyway).
    ...(input.lifecycle && input.lifecycle !== before.lifecycle ? { lifecycle: input.lifecycle } : {}),
    nextReviewDue: input.nextReviewDue ? new Date(input.nextReviewDue) : null,
    ownerId,
  };
  const changes = diffFields(
    { ...before, contributorIds: facts.contributorIds },
    { ...data, contributorIds },
  );

  try {
    await withTransaction({ actor, db, meta }, async ({ db: tx }) => {
      const { count } = await tx.aiSystem.updateMany({
        where: { id: systemId, rowVersion: input.expectedVersion },
        data: { ...data, rowVersion: { increment: 1 } },
      });
      if (count === 0) throw new ConflictError();
      await tx.systemContributor.deleteMany({ where: { systemId } });
      if (contributorIds.length) {
        await tx.systemContributor.createMany({ data: contributorIds.map((userId) => ({ systemId, userId })) });
      }
      await appendAudit(
        tx,
        actor,
        { action: "system.updated", entityType: "AiSystem", entityId: systemId, summary: { changes } },
        meta,
      );
      await applyMajorChanges(tx, actor, systemId, systemChanges(before, data), meta);
    });
  } catch (error) {
    if (error instanceof ConflictError) {
      throw new ConflictError(
        "Someone else saved this system after you opened it. Your changes were not saved: review the current values below, then apply your edits again.",
        await getSystem(ctx, systemId),
      );
    }
    if (isUniqueViolation(error)) {
      throw new ValidationError("That short ID is already used by another system.", { slug: ["Already used by another system."] });
    }
    throw error;
  }
  return getSystem(ctx, systemId);
}
