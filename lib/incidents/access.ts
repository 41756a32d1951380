import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/policy";
import { NotFoundError } from "@/lib/errors";
import type { DbOrTx } from "@/lib/service-context";

/**
 * Incidents the actor may read: everything for reviewers, admins and auditors; for a product
 * owner only incidents that affect a system they own or contribute to. Put into every list
 * query's `where`.
 */
export function incidentScopeWhere(actor: Actor): Prisma.IncidentWhereInput {
  if (!can(actor, "incident:read")) return { id: { in: [] } };
  if (actor.role === "PRODUCT_OWNER") {
    return { systems: { some: { system: { OR: [{ ownerId: actor.id }, { contributors: { some: { userId: actor.id } } }] } } } };
  }
  return {};
}

/** Systems of an incident the actor may see (a product owner sees only their own). */
export function visibleSystemWhere(actor: Actor): Prisma.AiSystemWhereInput {
  if (actor.role === "PRODUCT_OWNER") return { OR: [{ ownerId: actor.id }, { contributors: { some: { userId: actor.id } } }] };
  return {};
}

/** Reviewers and admins run incidents (triage, status, containment, notifications, follow-ups). */
export function canManageIncidents(actor: Actor): boolean {
  return can(actor, "incident:manage");
}

/**
 * Loads an incident's core row if the actor may read it; otherwise "not found", so its
 * existence is not revealed.
 * @throws NotFoundError.
 */
export async function loadVisibleIncident(db: DbOrTx, actor: Actor, incidentId: string) {
  const incident = await db.incident.findFirst({
    where: { AND: [{ id: incidentId }, incidentScopeWhere(actor)] },
    include: { systems: { select: { systemId: true } } },
  });
  if (!incident) throw new NotFoundError("Incident not found.");
  return incident;
}
