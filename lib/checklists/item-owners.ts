import "server-only";
import type { Role } from "@/generated/prisma/client";
import { canEditChecklist, type SystemAccessFacts } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import type { DbOrTx } from "@/lib/service-context";

/** A person as the owner rule sees them: id, name, role (null: no role) and whether disabled. */
export type OwnerCandidate = { id: string; name: string; role: Role | null; disabled: boolean };

/**
 * Who may own a checklist item of a system: an enabled user whom the checklist access rule
 * (`canEditChecklist`, lib/authz/policy.ts) lets work on this system's checklist, i.e. the
 * system's owner and contributors (product owners) and every security reviewer and admin.
 * Auditors (read-only) and product owners of other systems may not. Pure.
 */
export function mayOwnItem(person: OwnerCandidate, system: SystemAccessFacts): boolean {
  if (person.disabled || !person.role) return false;
  return canEditChecklist({ kind: "user", id: person.id, email: "", name: person.name, role: person.role }, system);
}

/**
 * The people who may own this system's items (see `mayOwnItem`), sorted by name: what the
 * Owner pickers offer.
 *
 * @returns `{ id, name }[]`.
 */
export async function assignableOwners(db: DbOrTx, system: SystemAccessFacts) {
  const rows = await db.user.findMany({
    where: { disabled: false, OR: [{ id: { in: [system.ownerId, ...system.contributorIds] } }, { role: { in: ["SECURITY_REVIEWER", "ADMIN"] } }] },
    select: { id: true, name: true, role: true, disabled: true },
    orderBy: { name: "asc" },
  });
  return rows.filter((p) => mayOwnItem(p, system)).map(({ id, name }) => ({ id, name }));
}

/**
 * Refuses a new item owner who may not work on the system's checklist (`mayOwnItem`). Keeping
 * the item's current owner (`ownerId === currentOwnerId`) is always allowed, even when that
 * person has since left the system; `null` (unassign) is always allowed.
 *
 * @returns the chosen owner's `{ id, name }`, or null when unassigning.
 * @throws ValidationError on `ownerId` naming the person ("… cannot work on this system's
 *   checklist; …"), or "Choose an active user" for an unknown id.
 */
export async function assertMayOwnItem(
  db: DbOrTx,
  system: SystemAccessFacts,
  ownerId: string | null,
  currentOwnerIds: readonly (string | null)[] = [],
): Promise<{ id: string; name: string } | null> {
  if (!ownerId) return null;
  const person = await db.user.findUnique({ where: { id: ownerId }, select: { id: true, name: true, role: true, disabled: true } });
  if (!person) throw new ValidationError("Choose an active user as the item owner.", { ownerId: ["Choose an active user."] });
  if (currentOwnerIds.length > 0 && currentOwnerIds.every((c) => c === ownerId)) return { id: person.id, name: person.name };
  if (!mayOwnItem(person, system)) {
    const message = person.disabled || !person.role
      ? `${person.name} is not an active user; choose the system's owner, a contributor or a reviewer.`
      : `${person.name} cannot work on this system's checklist; choose its owner, a contributor or a reviewer.`;
    throw new ValidationError(message, { ownerId: [message] });
  }
  return { id: person.id, name: person.name };
}
