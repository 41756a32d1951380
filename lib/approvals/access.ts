import "server-only";
import type { ApprovalState } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/authz/actor";
import { can, canRequestApproval } from "@/lib/authz/policy";
import { lockKeyedForTransaction, lockRows } from "@/lib/db/locks";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { DbOrTx, Tx } from "@/lib/service-context";
import { assertAllowed, loadSystemFacts, type LoadedSystemFacts } from "@/lib/systems/access";
import { refuseDecider } from "./policy-rules";
import type { ApprovalSnapshot } from "./snapshot-types";
import { APPROVAL_STATE_LABELS } from "./states";

/**
 * Serialises every change to the approval requests of one system and every change that can
 * make them stale (assets, checklist, threat model): whoever holds it sees a system that does
 * not move under its snapshot. Take it BEFORE the transaction's first audit append (the audit
 * chain lock is held to commit; taking this one after it could deadlock with a decision).
 */
export async function lockSystemApprovals(tx: Tx, systemId: string): Promise<void> {
  await lockKeyedForTransaction(tx, "approvalSystem", systemId);
}

/**
 * Refuses approval work on a system that is being retired or is retired: a request cannot be
 * opened or submitted, nor a request approved (DESIGN.md lifecycle: RETIRING and RETIRED lead
 * nowhere but out). A PAUSED system may still prepare, submit and get a request approved (the
 * release that fixes the incident needs one); the deployment gate denies it until resumed.
 * @param doing what the caller was about to do, for the message ("request an approval").
 * @throws ValidationError
 */
export async function assertSystemTakesApprovals(db: DbOrTx, systemId: string, doing: string): Promise<void> {
  const system = await db.aiSystem.findUniqueOrThrow({ where: { id: systemId }, select: { name: true, lifecycle: true } });
  if (system.lifecycle === "RETIRING" || system.lifecycle === "RETIRED") {
    const state = system.lifecycle === "RETIRING" ? "being retired" : "retired";
    throw new ValidationError(`${system.name} is ${state}: you cannot ${doing} for it.`, { systemId: [`The system is ${state}.`] });
  }
}

/**
 * Finds a request and the facts about its system, checking the actor may see the system
 * (a request on an invisible system is "not found").
 * @throws NotFoundError
 */
export async function loadRequestFacts(db: DbOrTx, actor: Actor, requestId: string): Promise<{ systemId: string; facts: LoadedSystemFacts }> {
  const request = await db.approvalRequest.findUnique({ where: { id: requestId }, select: { systemId: true } });
  if (!request) throw new NotFoundError("Approval request not found.");
  const facts = await loadSystemFacts(db, actor, request.systemId).catch((error: unknown) => {
    if (error instanceof NotFoundError) throw new NotFoundError("Approval request not found.");
    throw error;
  });
  return { systemId: request.systemId, facts };
}

/** Takes the system's approval lock and the request row lock, then reads the request. */
export async function lockRequest(tx: Tx, systemId: string, requestId: string) {
  await lockSystemApprovals(tx, systemId);
  await lockRows(tx, "ApprovalRequest", [requestId]);
  return tx.approvalRequest.findUniqueOrThrow({ where: { id: requestId } });
}

/**
 * Separation of duties for `actor` on a request (./policy-rules.ts `refuseDecider`), with the
 * system's owner and contributors both as they are now and as the snapshot pinned them.
 * @returns why the actor may not decide, or null.
 */
export function refuseDeciderFor(
  actor: Actor,
  request: { requesterId: string; snapshot: unknown },
  facts: Pick<LoadedSystemFacts, "ownerId" | "contributorIds">,
  decidedThisRound: readonly string[],
): string | null {
  const pinned = request.snapshot as ApprovalSnapshot | null;
  return refuseDecider({
    reviewerId: actor.id,
    mayDecide: can(actor, "approval:decide"),
    requesterId: request.requesterId,
    ownerIds: [facts.ownerId, ...(pinned ? [pinned.system.ownerId] : [])],
    contributorIds: [...facts.contributorIds, ...(pinned?.system.contributorIds ?? [])],
    decidedThisRound,
  });
}

export function assertMayRequest(actor: Actor, facts: LoadedSystemFacts) {
  assertAllowed(canRequestApproval(actor, facts), "Only the system's owner, a contributor or an admin may request, submit or withdraw its approvals.");
}

/** @throws ConflictError naming the state the request is really in. */
export function conflictState(state: ApprovalState, doing: string): never {
  throw new ConflictError(`This request is ${APPROVAL_STATE_LABELS[state].toLowerCase()}; it cannot be ${doing} any more. Reload to see its current state.`);
}
