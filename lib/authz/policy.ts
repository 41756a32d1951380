/**
 * Resource policies: who may act on which record. Every service calls `authorize` (or
 * `assertCan`) first; list queries put `systemScopeWhere` into their `where` so a product
 * owner's query can never return somebody else's system.
 */
import type { Prisma } from "@/generated/prisma/client";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import type { Actor } from "./actor";
import { hasPermission, type Permission } from "./permissions";

export type SystemAccessFacts = {
  ownerId: string;
  contributorIds: readonly string[];
};

/** Throws unless the actor's role grants `permission`. */
export function assertCan(actor: Actor | null | undefined, permission: Permission): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!hasPermission(actor.role, permission)) {
    throw new ForbiddenError(`Your role may not ${describe(permission)}.`);
  }
}

/** Systems the actor may see: everything, except for product owners (own + contributed). */
export function systemScopeWhere(actor: Actor): Prisma.AiSystemWhereInput {
  if (actor.role === "PRODUCT_OWNER") {
    return { OR: [{ ownerId: actor.id }, { contributors: { some: { userId: actor.id } } }] };
  }
  if (actor.role === null) return { id: { in: [] } };
  return {};
}

export function canSeeSystem(actor: Actor, system: SystemAccessFacts): boolean {
  if (!hasPermission(actor.role, "system:read")) return false;
  if (actor.role !== "PRODUCT_OWNER") return true;
  return system.ownerId === actor.id || system.contributorIds.includes(actor.id);
}

/** Edit a system's fields or its assets. */
export function canEditSystem(actor: Actor, system: SystemAccessFacts): boolean {
  if (actor.role === "ADMIN") return true;
  if (actor.role !== "PRODUCT_OWNER") return false;
  return system.ownerId === actor.id || system.contributorIds.includes(actor.id);
}

/** Work a system's checklist and add evidence: reviewers and admins anywhere, product owners on their systems. */
export function canEditChecklist(actor: Actor, system: SystemAccessFacts): boolean {
  if (!hasPermission(actor.role, "checklist:edit")) return false;
  if (actor.role !== "PRODUCT_OWNER") return true;
  return system.ownerId === actor.id || system.contributorIds.includes(actor.id);
}

/** Archive/restore and change ownership: the owner (not contributors) or an admin. */
export function canArchiveSystem(actor: Actor, system: SystemAccessFacts): boolean {
  if (actor.role === "ADMIN") return true;
  return actor.role === "PRODUCT_OWNER" && system.ownerId === actor.id;
}

function describe(permission: Permission): string {
  const [entity, verb] = permission.split(":");
  return `${verb} ${entity === "audit" ? "the audit log" : entity}s`.replace("ss", "s");
}
