import "server-only";
import type { Actor } from "@/lib/authz/actor";
import { canSeeSystem, type SystemAccessFacts } from "@/lib/authz/policy";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { DbOrTx } from "@/lib/service-context";

export type LoadedSystemFacts = SystemAccessFacts & { id: string; rowVersion: number; archivedAt: Date | null };

/**
 * Loads the facts access rules need. A system the actor may not see is reported as
 * "not found", so its existence is not revealed.
 */
export async function loadSystemFacts(db: DbOrTx, actor: Actor, systemId: string): Promise<LoadedSystemFacts> {
  const system = await db.aiSystem.findUnique({
    where: { id: systemId },
    select: { id: true, ownerId: true, rowVersion: true, archivedAt: true, contributors: { select: { userId: true } } },
  });
  if (!system) throw new NotFoundError("System not found.");
  const facts = {
    id: system.id,
    ownerId: system.ownerId,
    rowVersion: system.rowVersion,
    archivedAt: system.archivedAt,
    contributorIds: system.contributors.map((c) => c.userId),
  };
  if (!canSeeSystem(actor, facts)) throw new NotFoundError("System not found.");
  return facts;
}

export function assertAllowed(allowed: boolean, message: string) {
  if (!allowed) throw new ForbiddenError(message);
}
