/**
 * System lifecycle rules (pure: no database). DESIGN.md "Lifecycles and rules":
 * DRAFT → IN_REVIEW → APPROVED → DEPLOYED → (PAUSED ↔ DEPLOYED) → RETIRING → RETIRED.
 *
 * APPROVED, DEPLOYED, PAUSED, RETIRING and RETIRED are reached only through their workflows
 * (an approval decision, a recorded deployment or the gate's first allow, an incident's
 * containment, the decommissioning flow), never by editing the system. Workflows move the
 * system with `transitionLifecycle` (./lifecycle.ts) inside their own transaction.
 */
import type { LifecycleState } from "@/generated/prisma/enums";

/**
 * Every allowed move. Besides the design's main line: a system under review can go back to
 * DRAFT; an APPROVED system goes back to IN_REVIEW when its last valid approval ends (stale,
 * revoked, expired); an APPROVED system that is never deployed can be decommissioned; an
 * incident can pause an APPROVED system too (so a SEV1 stops its first deployment), and
 * resuming returns a paused system to the state it was paused from (DEPLOYED or APPROVED,
 * recorded in the pause's timeline entry and audit event).
 */
export const LIFECYCLE_TRANSITIONS = {
  DRAFT: ["IN_REVIEW"],
  IN_REVIEW: ["DRAFT", "APPROVED"],
  APPROVED: ["DEPLOYED", "IN_REVIEW", "PAUSED", "RETIRING"],
  DEPLOYED: ["PAUSED", "RETIRING"],
  PAUSED: ["DEPLOYED", "APPROVED", "RETIRING"],
  RETIRING: ["RETIRED"],
  RETIRED: [],
} as const satisfies Record<LifecycleState, readonly LifecycleState[]>;

/** States a person may set by editing the system (the rest belong to workflows). */
export const EDITABLE_LIFECYCLE_STATES = ["DRAFT", "IN_REVIEW"] as const satisfies readonly LifecycleState[];

/** The workflow that reaches each state that an edit may not set, for refusal messages. */
export const LIFECYCLE_WORKFLOWS = {
  APPROVED: "an approval decision (request approval on the system's Approvals tab)",
  DEPLOYED: "a recorded deployment or the deployment gate's first allow",
  PAUSED: "an incident's containment",
  RETIRING: "the decommissioning flow",
  RETIRED: "the decommissioning flow",
} as const satisfies Record<Exclude<LifecycleState, (typeof EDITABLE_LIFECYCLE_STATES)[number]>, string>;

/** What started a workflow transition; stored in the audit event. */
export type LifecycleCause = {
  kind: "approval" | "deployment" | "gate" | "incident" | "decommission" | "demo-seed";
  /** The id of the record that caused it (approval request, incident, ...), when there is one. */
  id?: string;
};

/** States an incident's containment may pause (DESIGN.md: "A SEV1 can pause the system"). */
export const PAUSABLE_LIFECYCLE_STATES = ["APPROVED", "DEPLOYED"] as const satisfies readonly LifecycleState[];

export function isPausableLifecycle(state: string): state is (typeof PAUSABLE_LIFECYCLE_STATES)[number] {
  return (PAUSABLE_LIFECYCLE_STATES as readonly string[]).includes(state);
}

/** Is `from → to` in the table? Staying in the same state is always allowed (a no-op). */
export function canTransition(from: LifecycleState, to: LifecycleState): boolean {
  return from === to || (LIFECYCLE_TRANSITIONS[from] as readonly LifecycleState[]).includes(to);
}

export function isEditableLifecycle(state: LifecycleState): state is (typeof EDITABLE_LIFECYCLE_STATES)[number] {
  return (EDITABLE_LIFECYCLE_STATES as readonly LifecycleState[]).includes(state);
}

/**
 * Why an edit of the system form may not move `from → to`, or null when it may. An edit may
 * only move between DRAFT and IN_REVIEW; sending the current state unchanged is not a move.
 */
export function refuseLifecycleEdit(from: LifecycleState, to: LifecycleState): string | null {
  if (from === to) return null;
  if (!isEditableLifecycle(to)) {
    return `${to} is reached only through ${LIFECYCLE_WORKFLOWS[to]}; it cannot be set by editing the system.`;
  }
  if (!isEditableLifecycle(from)) {
    return `A system in ${from} leaves that state only through its workflows, not by editing the system.`;
  }
  if (!canTransition(from, to)) return `A system cannot move from ${from} to ${to}.`;
  return null;
}

/** The lifecycle options the edit form offers for a system in `current` (current first). */
export function editableLifecycleOptions(current: LifecycleState): LifecycleState[] {
  if (!isEditableLifecycle(current)) return [];
  return [current, ...LIFECYCLE_TRANSITIONS[current].filter((to) => isEditableLifecycle(to))];
}
