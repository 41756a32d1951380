import "server-only";
import type { AuditActor } from "@/lib/audit/append";
import type { RequestMeta } from "@/lib/authz/actor";
import type { Tx } from "@/lib/service-context";
import { lockRows } from "@/lib/db/locks";
import { transitionLifecycle } from "@/lib/systems/lifecycle";

/** Reads the lifecycle under the row lock transitionLifecycle takes, so the decision holds. */
async function lockedLifecycle(tx: Tx, systemId: string) {
  await lockRows(tx, "AiSystem", [systemId]);
  return tx.aiSystem.findUniqueOrThrow({ where: { id: systemId }, select: { lifecycle: true } });
}

/**
 * Submitting a request puts a DRAFT system under review (DESIGN.md: DRAFT → IN_REVIEW).
 * Other states stay. Runs inside the caller's transaction.
 */
export async function moveSystemToReview(tx: Tx, actor: AuditActor, systemId: string, opts: { requestId: string; environment: string; meta?: RequestMeta }) {
  const system = await lockedLifecycle(tx, systemId);
  if (system.lifecycle !== "DRAFT") return;
  await transitionLifecycle(tx, actor, systemId, "IN_REVIEW", {
    reason: `Approval requested for ${opts.environment}.`,
    cause: { kind: "approval", id: opts.requestId },
    meta: opts.meta,
  });
}

/**
 * An approval was granted: a system in DRAFT or IN_REVIEW becomes APPROVED (through
 * IN_REVIEW). A system already APPROVED, DEPLOYED, PAUSED, RETIRING or RETIRED keeps its state.
 */
export async function moveSystemToApproved(tx: Tx, actor: AuditActor, systemId: string, opts: { requestId: string; environment: string; meta?: RequestMeta }) {
  const system = await lockedLifecycle(tx, systemId);
  if (system.lifecycle !== "DRAFT" && system.lifecycle !== "IN_REVIEW") return;
  const cause = { kind: "approval" as const, id: opts.requestId };
  if (system.lifecycle === "DRAFT") {
    await transitionLifecycle(tx, actor, systemId, "IN_REVIEW", { reason: `Approval requested for ${opts.environment}.`, cause, meta: opts.meta });
  }
  await transitionLifecycle(tx, actor, systemId, "APPROVED", { reason: `Approved for ${opts.environment}.`, cause, meta: opts.meta });
}

/**
 * An approval stopped holding (stale, revoked, expired): an APPROVED system with no other
 * approval that holds goes back to IN_REVIEW. DEPLOYED and later states are left alone (the
 * gate denies without a valid approval anyway).
 */
export async function settleSystemAfterApprovalEnded(tx: Tx, actor: AuditActor, systemId: string, opts: { requestId: string; reason: string; meta?: RequestMeta }) {
  const system = await lockedLifecycle(tx, systemId);
  if (system.lifecycle !== "APPROVED") return;
  const stillHolding = await tx.approvalRequest.count({ where: { systemId, state: "APPROVED", id: { not: opts.requestId } } });
  if (stillHolding > 0) return;
  await transitionLifecycle(tx, actor, systemId, "IN_REVIEW", { reason: opts.reason, cause: { kind: "approval", id: opts.requestId }, meta: opts.meta });
}
