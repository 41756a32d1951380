/**
 * Resource policies: who may act on which record. Every service calls `authorize` (or
 * `assertCan`) first; list queries put `systemScopeWhere` into their `where` so a product
 * owner's query can never return somebody else's system.
 */
import type { Prisma } from "@/generated/prisma/client";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import type { Actor } from "./actor";
import { hasPermission, PERMISSION_LABELS, type Permission } from "./permissions";
import { scopesAllow } from "./scopes";

export type SystemAccessFacts = {
  ownerId: string;
  contributorIds: readonly string[];
};

/**
 * May this actor do `permission`? A user: their role's table. A token: its owner's role AND one
 * of its scopes (a scope never grants more than the role). The system (a job): only the
 * permissions its job definition lists.
 */
export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  switch (actor.kind) {
    case "user":
      return hasPermission(actor.role, permission);
    case "token":
      return hasPermission(actor.role, permission) && scopesAllow(actor.token.scopes, permission);
    case "system":
      return actor.permissions.includes(permission);
  }
}

/**
 * Throws unless the actor may do `permission` (see `can`).
 * @throws UnauthenticatedError without an actor; ForbiddenError naming what was refused.
 */
export function assertCan(actor: Actor | null | undefined, permission: Permission): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!can(actor, permission)) {
    if (actor.kind === "token" && hasPermission(actor.role, permission)) {
      throw new ForbiddenError(`This API token's scopes do not allow it to ${PERMISSION_LABELS[permission]}.`);
    }
    throw new ForbiddenError(`Your role may not ${PERMISSION_LABELS[permission]}.`);
  }
}

/**
 * Which systems the actor may see, as data: `none` without system:read, `all` for every role
 * but product owners, `ownOrContributed` (owner or contributor is `userId`) for them. The one
 * rule behind `systemScopeWhere` (Prisma) and the SQL scope of the systems list
 * (lib/systems/list-sql.ts), so both say the same.
 */
export type SystemScope = { kind: "none" } | { kind: "all" } | { kind: "ownOrContributed"; userId: string };

export function systemScope(actor: Actor): SystemScope {
  if (!can(actor, "system:read")) return { kind: "none" };
  if (actor.role === "PRODUCT_OWNER") return { kind: "ownOrContributed", userId: actor.id };
  return { kind: "all" };
}

/** Systems the actor may see: everything, except for product owners (own + contributed). */
export function systemScopeWhere(actor: Actor): Prisma.AiSystemWhereInput {
  const scope = systemScope(actor);
  switch (scope.kind) {
    case "none":
      return { id: { in: [] } };
    case "ownOrContributed":
      return { OR: [{ ownerId: scope.userId }, { contributors: { some: { userId: scope.userId } } }] };
    case "all":
      return {};
  }
}

export function canSeeSystem(actor: Actor, system: SystemAccessFacts): boolean {
  if (!can(actor, "system:read")) return false;
  if (actor.role !== "PRODUCT_OWNER") return true;
  return system.ownerId === actor.id || system.contributorIds.includes(actor.id);
}

/** Edit a system's fields or its assets. */
export function canEditSystem(actor: Actor, system: SystemAccessFacts): boolean {
  if (!can(actor, "system:update")) return false;
  if (actor.role === "ADMIN") return true;
  if (actor.role !== "PRODUCT_OWNER") return false;
  return system.ownerId === actor.id || system.contributorIds.includes(actor.id);
}

/** Work a system's checklist and add evidence: reviewers and admins anywhere, product owners on their systems. */
export function canEditChecklist(actor: Actor, system: SystemAccessFacts): boolean {
  if (!can(actor, "checklist:edit")) return false;
  if (actor.role !== "PRODUCT_OWNER") return true;
  return system.ownerId === actor.id || system.contributorIds.includes(actor.id);
}

/**
 * Open, submit and withdraw a system's deployment approval requests: admins anywhere, product
 * owners on systems they own or contribute to. Deciding is separate (approval:decide, and never
 * on one's own system: lib/approvals/policy-rules.ts).
 */
export function canRequestApproval(actor: Actor, system: SystemAccessFacts): boolean {
  if (!can(actor, "approval:request")) return false;
  if (actor.role === "ADMIN") return true;
  return actor.role === "PRODUCT_OWNER" && (system.ownerId === actor.id || system.contributorIds.includes(actor.id));
}

/** Archive/restore and change ownership: the owner (not contributors) or an admin. */
export function canArchiveSystem(actor: Actor, system: SystemAccessFacts): boolean {
  if (!can(actor, "system:archive")) return false;
  if (actor.role === "ADMIN") return true;
  return actor.role === "PRODUCT_OWNER" && system.ownerId === actor.id;
}
