/**
 * Approval request state machine (pure). DESIGN.md "Lifecycles and rules":
 * DRAFT → SUBMITTED → (CHANGES_REQUESTED → SUBMITTED)* → APPROVED | REJECTED; also WITHDRAWN
 * (by the requester), EXPIRED (time), REVOKED (by a reviewer), STALE (pinned state changed).
 */
import type { ApprovalState } from "@/generated/prisma/enums";

export const APPROVAL_STATES = [
  "DRAFT",
  "SUBMITTED",
  "CHANGES_REQUESTED",
  "APPROVED",
  "REJECTED",
  "WITHDRAWN",
  "EXPIRED",
  "REVOKED",
  "STALE",
] as const satisfies readonly ApprovalState[];

/**
 * Every allowed move. A SUBMITTED request turns STALE too when what it pinned changes before
 * the decision (reviewers must not approve a picture that no longer holds). EXPIRED, REVOKED
 * and STALE apply to approvals that held; REJECTED, WITHDRAWN and the three above are final.
 */
export const APPROVAL_TRANSITIONS = {
  DRAFT: ["SUBMITTED", "WITHDRAWN"],
  SUBMITTED: ["APPROVED", "REJECTED", "CHANGES_REQUESTED", "WITHDRAWN", "STALE"],
  CHANGES_REQUESTED: ["SUBMITTED", "WITHDRAWN"],
  APPROVED: ["EXPIRED", "REVOKED", "STALE"],
  REJECTED: [],
  WITHDRAWN: [],
  EXPIRED: [],
  REVOKED: [],
  STALE: [],
} as const satisfies Record<ApprovalState, readonly ApprovalState[]>;

/** Is `from → to` in the table? (Staying put is not a transition.) */
export function canApprovalTransition(from: ApprovalState, to: ApprovalState): boolean {
  return (APPROVAL_TRANSITIONS[from] as readonly ApprovalState[]).includes(to);
}

/** States from which nothing moves any more. */
export function isFinalApprovalState(state: ApprovalState): boolean {
  return APPROVAL_TRANSITIONS[state].length === 0;
}

/** States whose snapshot is pinned and may turn STALE when the system changes. */
export const PINNED_LIVE_STATES = ["SUBMITTED", "APPROVED"] as const satisfies readonly ApprovalState[];

/** States reviewers still have to act on. */
export const OPEN_FOR_REVIEW_STATES = ["SUBMITTED"] as const satisfies readonly ApprovalState[];

/** States the requester is still working on. */
export const REQUESTER_OPEN_STATES = ["DRAFT", "CHANGES_REQUESTED"] as const satisfies readonly ApprovalState[];

export const APPROVAL_STATE_LABELS = {
  DRAFT: "Draft",
  SUBMITTED: "Awaiting review",
  CHANGES_REQUESTED: "Changes requested",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  WITHDRAWN: "Withdrawn",
  EXPIRED: "Expired",
  REVOKED: "Revoked",
  STALE: "Stale",
} as const satisfies Record<ApprovalState, string>;
