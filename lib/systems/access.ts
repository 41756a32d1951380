import "server-only";
import { cache } from "react";
import type { Actor } from "@/lib/authz/actor";
import { canSeeSystem, type SystemAccessFacts } from "@/lib/authz/policy";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Db } from "@/lib/db/create-client";
import { isTransaction, type DbOrTx } from "@/lib/service-context";

export type LoadedSystemFacts = SystemAccessFacts & { id: string; rowVersion: number; archivedAt: Date | null };

/**
 * Loads the facts access rules need. A system the actor may not see is reported as
 * "not found", so its existence is not revealed.
 *
 * While a page renders, the layout, the tab strip and the page's own services each ask for the
 * same system's facts: outside a transaction the answer is memoized for that one render (React
 * `cache`, keyed by the client, the actor object and the id; the refusal is memoized too). React
 * memoizes only inside a server-component render, never in a server action, a route handler or
 * a test, and never across requests; a transaction always reads afresh, so a write never
 * decides on a memoized row version.
 *
 * @returns the facts (owner, contributors, row version, archive time).
 * @throws NotFoundError when the system does not exist or the actor may not see it.
 */
export async function loadSystemFacts(db: DbOrTx, actor: Actor, systemId: string): Promise<LoadedSystemFacts> {
  return isTransaction(db) ? readSystemFacts(db, actor, systemId) : factsForRender(db, actor, systemId);
}

const factsForRender = cache((db: Db, actor: Actor, systemId: string) => readSystemFacts(db, actor, systemId));

async function readSystemFacts(db: DbOrTx, actor: Actor, systemId: string): Promise<LoadedSystemFacts> {
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
