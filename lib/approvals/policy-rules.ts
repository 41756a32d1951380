/**
 * Approval policy rules (pure): who may decide, how many approvals a tier needs, when an
 * approval expires. DESIGN.md: "the requester never approves; HIGH and CRITICAL need two
 * distinct reviewers; approvals expire (per tier, configurable)". The issue adds that neither
 * the system's owner nor a contributor decides.
 */
import type { ApprovalOutcome, RiskTier } from "@/generated/prisma/enums";
import { calendarDaysBetween } from "@/lib/dates";

export type TierPolicy = { approvalsRequired: number; validityDays: number };

/** Defaults (also seeded by the migration): HIGH and CRITICAL need two distinct reviewers. */
export const DEFAULT_TIER_POLICY = {
  LOW: { approvalsRequired: 1, validityDays: 365 },
  MEDIUM: { approvalsRequired: 1, validityDays: 180 },
  HIGH: { approvalsRequired: 2, validityDays: 90 },
  CRITICAL: { approvalsRequired: 2, validityDays: 30 },
} as const satisfies Record<RiskTier, TierPolicy>;

export const APPROVALS_REQUIRED_MIN = 1;
export const APPROVALS_REQUIRED_MAX = 5;
export const VALIDITY_DAYS_MIN = 1;
export const VALIDITY_DAYS_MAX = 730;

/** Default target environments (seeded by the migration). */
export const DEFAULT_ENVIRONMENTS = [
  { key: "staging", label: "Staging" },
  { key: "production", label: "Production" },
] as const;

export type DeciderFacts = {
  reviewerId: string;
  /** The reviewer's role may take approval decisions (security reviewer or admin). */
  mayDecide: boolean;
  requesterId: string;
  /** The system's owner now and when the snapshot was pinned (usually the same person). */
  ownerIds: readonly string[];
  contributorIds: readonly string[];
  /** Reviewers who already decided in this round. */
  decidedThisRound: readonly string[];
};

/**
 * Separation of duties: why this reviewer may not decide, or null when they may. The
 * requester, the system's owner and its contributors never decide; one decision per reviewer
 * per round (so two approvals are always two distinct people).
 */
export function refuseDecider(f: DeciderFacts): string | null {
  if (!f.mayDecide) return "Only a security reviewer or an admin may decide approval requests.";
  if (f.reviewerId === f.requesterId) return "You requested this approval: someone else must decide it.";
  if (f.ownerIds.includes(f.reviewerId)) return "You own this system: an independent reviewer must decide its approval.";
  if (f.contributorIds.includes(f.reviewerId)) return "You contribute to this system: an independent reviewer must decide its approval.";
  if (f.decidedThisRound.includes(f.reviewerId)) return "You have already decided this submission; a second approval must come from another reviewer.";
  return null;
}

export type DecisionOutcomeFacts = {
  outcome: ApprovalOutcome;
  /** Distinct reviewers who approved this round, including this decision when it approves. */
  approvalsSoFar: number;
  approvalsRequired: number;
};

/**
 * What a decision does to a SUBMITTED request: REJECT and REQUEST_CHANGES act at once; APPROVE
 * approves once enough distinct reviewers have approved, otherwise the request stays SUBMITTED.
 */
export function stateAfterDecision(f: DecisionOutcomeFacts): "APPROVED" | "REJECTED" | "CHANGES_REQUESTED" | "SUBMITTED" {
  if (f.outcome === "REJECT") return "REJECTED";
  if (f.outcome === "REQUEST_CHANGES") return "CHANGES_REQUESTED";
  return f.approvalsSoFar >= f.approvalsRequired ? "APPROVED" : "SUBMITTED";
}

const DAY_MS = 86_400_000;

/**
 * When an approval granted at `approvedAt` stops holding: after the tier's validity, or at the
 * end (UTC) of the exception's last day when it rests on an exception, whichever is first.
 */
export function approvalExpiry(approvedAt: Date, validityDays: number, exceptionExpiresOn?: string | null): Date {
  const byPolicy = new Date(approvedAt.getTime() + validityDays * DAY_MS);
  if (!exceptionExpiresOn) return byPolicy;
  const byException = new Date(`${exceptionExpiresOn}T23:59:59.999Z`);
  return byException < byPolicy ? byException : byPolicy;
}

/**
 * A request's age in UTC calendar days, never negative (for "waiting 3 days" in the review queue
 * and on the home page): `calendarDaysBetween`, the count behind the home page's "3 days ago",
 * so the two never disagree about the same request.
 */
export function ageInDays(from: Date, now: Date): number {
  return Math.max(0, calendarDaysBetween(from, now));
}
