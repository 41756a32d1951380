import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { todayUtc } from "@/lib/evidence/rules";
import { nextReviewFrom } from "@/lib/reviews/rules";
import { getReviewIntervals } from "@/lib/reviews/settings";
import { createChecklistTx } from "@/lib/checklists/create-checklist";
import { assertCan } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import { lockKeyedForTransaction } from "@/lib/db/locks";
import { withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { isUniqueViolation, parseOrThrow } from "@/lib/validation";
import { assertAssignablePeople } from "./people";
import { slugify } from "./rules";
import { ZCreateSystemInput } from "./schema";

export async function createSystem({ actor, db, meta }: ServiceContext, rawInput: unknown) {
  assertCan(actor, "system:create");
  const input = parseOrThrow(ZCreateSystemInput, rawInput);
  // Product owners own what they create; admins may create on someone's behalf.
  const ownerId = actor.role === "ADMIN" && input.ownerId ? input.ownerId : actor.id;
  const contributorIds = [...new Set(input.contributorIds)].filter((id) => id !== ownerId);
  await assertAssignablePeople(db, ownerId, contributorIds);

  try {
    return await withTransaction({ actor, db, meta }, async ({ db: tx }) => {
      // Parallel creates of one name wait here in turn, so each sees the slugs taken before it
      // and gets the next free one (name, name-2, name-3, ...).
      const base = slugify(input.name);
      if (!input.slug) await lockKeyedForTransaction(tx, "systemSlug", base);
      const slug = input.slug ?? (await freeSlug(tx, base));
      const system = await tx.aiSystem.create({
        data: {
          slug,
          name: input.name,
          purpose: input.purpose,
          ownerId,
          riskTier: input.riskTier,
          dataSensitivity: input.dataSensitivity,
          autonomy: input.autonomy,
          exposure: input.exposure,
          // Left empty, the first review is due one tier interval after registration.
          nextReviewDue: new Date(`${input.nextReviewDue ?? nextReviewFrom(todayUtc(), input.riskTier, await getReviewIntervals(tx))}T00:00:00.000Z`),
          contributors: { create: contributorIds.map((userId) => ({ userId })) },
        },
        select: { id: true, slug: true, name: true, rowVersion: true },
      });
      await appendAudit(
        tx,
        actor,
        {
          action: "system.created",
          entityType: "AiSystem",
          entityId: system.id,
          summary: {
            name: input.name,
            slug,
            riskTier: input.riskTier,
            autonomy: input.autonomy,
            exposure: input.exposure,
            ownerId,
            contributorIds,
          },
        },
        meta,
      );
      // Every new system starts with its checklist, built from the current control library.
      await createChecklistTx(tx, actor, system.id, meta);
      return system;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ValidationError("That short ID is already used by another system.", { slug: ["Already used by another system."] });
    }
    throw error;
  }
}

/** Internal: the first of `base`, `base-2`, `base-3`, ... that no system uses. */
async function freeSlug(db: DbOrTx, base: string): Promise<string> {
  const taken = new Set(
    (await db.aiSystem.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((s) => s.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
