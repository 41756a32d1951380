import "server-only";
import type { Actor } from "@/lib/authz/actor";
import { hasPermission } from "@/lib/authz/permissions";
import { canEditSystem, type SystemAccessFacts } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import { assertAllowed, loadSystemFacts, type LoadedSystemFacts } from "@/lib/systems/access";
import type { DbOrTx } from "@/lib/service-context";

/**
 * Adding evidence is editing the system's checklist: reviewers and admins may do it on any
 * system they can see; product owners only on systems they own or contribute to.
 */
export function canAddEvidence(actor: Actor, system: SystemAccessFacts): boolean {
  if (!hasPermission(actor.role, "evidence:add")) return false;
  if (actor.role === "ADMIN" || actor.role === "SECURITY_REVIEWER") return true;
  return actor.role === "PRODUCT_OWNER" && canEditSystem(actor, system);
}

/** The system evidence is being added to: visible, the actor may add to it, not archived. */
export async function loadEvidenceTarget(db: DbOrTx, actor: Actor, systemId: string): Promise<LoadedSystemFacts> {
  const facts = await loadSystemFacts(db, actor, systemId);
  assertAllowed(canAddEvidence(actor, facts), "Only the system's owner, contributors, security reviewers or an admin may add evidence.");
  if (facts.archivedAt) throw new ValidationError("This system is archived: restore it before adding evidence.");
  return facts;
}
