import "server-only";
import type { LifecycleState } from "@/generated/prisma/enums";
import { appendAudit, type AuditActor } from "@/lib/audit/append";
import type { RequestMeta } from "@/lib/authz/actor";
import { lockRows } from "@/lib/db/locks";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Tx } from "@/lib/service-context";
import { canTransition, type LifecycleCause } from "./lifecycle-rules";

export * from "./lifecycle-rules";

export type LifecycleTransitionResult = { from: LifecycleState; to: LifecycleState; changed: boolean };

/**
 * Moves a system along its lifecycle on behalf of a workflow (approval decision, deployment,
 * incident containment, decommissioning). INTERNAL: it checks no permission; the calling
 * service has already decided the actor may run its workflow. Runs inside the caller's
 * transaction `tx`:
 * 1. locks the AiSystem row (`SELECT … FOR UPDATE`), so concurrent transitions serialise;
 * 2. checks `from → to` against LIFECYCLE_TRANSITIONS (same state = no-op, nothing written);
 * 3. writes the state (bumping `rowVersion`, so an edit form opened before conflicts) and a
 *    `system.lifecycle_changed` audit event `{ from, to, reason, cause }`.
 *
 * @param reason human sentence for the history ("Approved for production by 2 reviewers").
 * @param cause the workflow record behind it (`{ kind: "approval", id }`).
 * @throws NotFoundError for an unknown system; ValidationError when the move is not allowed.
 */
export async function transitionLifecycle(
  tx: Tx,
  actor: AuditActor,
  systemId: string,
  to: LifecycleState,
  opts: { reason: string; cause: LifecycleCause; meta?: RequestMeta },
): Promise<LifecycleTransitionResult> {
  const locked = await lockRows(tx, "AiSystem", [systemId]);
  if (locked.length === 0) throw new NotFoundError("System not found.");
  const system = await tx.aiSystem.findUniqueOrThrow({ where: { id: systemId }, select: { lifecycle: true } });
  const from = system.lifecycle;
  if (from === to) return { from, to, changed: false };
  if (!canTransition(from, to)) {
    throw new ValidationError(`A system cannot move from ${from} to ${to}.`, { lifecycle: [`Not allowed from ${from}.`] });
  }
  await tx.aiSystem.update({ where: { id: systemId }, data: { lifecycle: to, rowVersion: { increment: 1 } } });
  await appendAudit(
    tx,
    actor,
    {
      action: "system.lifecycle_changed",
      entityType: "AiSystem",
      entityId: systemId,
      summary: { from, to, reason: opts.reason, cause: opts.cause },
    },
    opts.meta,
  );
  return { from, to, changed: true };
}
