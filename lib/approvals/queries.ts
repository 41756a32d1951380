import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { ApprovalOutcome, ApprovalState, RiskTier } from "@/generated/prisma/enums";
import { assertCan, can, canRequestApproval, systemScopeWhere } from "@/lib/authz/policy";
import type { ServiceContext } from "@/lib/service-context";
import { loadRequestFacts } from "./access";
import { evaluateGate, type GateResult } from "./gate-rules";
import { ageInDays, refuseDecider } from "./policy-rules";
import { buildSnapshot, type ApprovalSnapshot } from "./snapshot";
import { diffSnapshots, type SnapshotDiff } from "./staleness";
import { isFinalApprovalState } from "./states";

/** What list rows select (shared with lib/approvals/portfolio.ts). */
export const ROW_SELECT = {
  id: true,
  releaseLabel: true,
  environment: true,
  state: true,
  round: true,
  gatePassed: true,
  needsException: true,
  riskTier: true,
  approvalsRequired: true,
  submittedAt: true,
  approvedAt: true,
  expiresAt: true,
  stateReason: true,
  createdAt: true,
  updatedAt: true,
  system: { select: { id: true, slug: true, name: true, riskTier: true } },
  requester: { select: { id: true, name: true } },
  exception: { select: { expiresOn: true, round: true } },
  decisions: { select: { round: true, outcome: true, reviewerId: true } },
} satisfies Prisma.ApprovalRequestSelect;

type Row = Prisma.ApprovalRequestGetPayload<{ select: typeof ROW_SELECT }>;

/** One request as lists show it. Dates are ISO strings. */
export type ApprovalListItem = {
  id: string;
  releaseLabel: string;
  environment: string;
  state: ApprovalState;
  gatePassed: boolean | null;
  needsException: boolean;
  /** An exception is recorded for the current round (shown in red). */
  hasException: boolean;
  exceptionExpiresOn: string | null;
  riskTier: RiskTier;
  approvals: number;
  approvalsRequired: number | null;
  submittedAt: string | null;
  approvedAt: string | null;
  expiresAt: string | null;
  stateReason: string | null;
  createdAt: string;
  /** Whole days since submission (or creation for drafts). */
  ageDays: number;
  system: { id: string; slug: string; name: string };
  requester: { id: string; name: string };
};

/** A selected row (`ROW_SELECT`) as lists show it. */
export function toItem(row: Row, now: Date): ApprovalListItem {
  const exceptionThisRound = row.exception && row.exception.round === row.round ? row.exception : null;
  return {
    id: row.id,
    releaseLabel: row.releaseLabel,
    environment: row.environment,
    state: row.state,
    gatePassed: row.gatePassed,
    needsException: row.needsException,
    hasException: Boolean(exceptionThisRound),
    exceptionExpiresOn: exceptionThisRound ? exceptionThisRound.expiresOn.toISOString().slice(0, 10) : null,
    riskTier: row.riskTier ?? row.system.riskTier,
    approvals: row.decisions.filter((d) => d.round === row.round && d.outcome === "APPROVE").length,
    approvalsRequired: row.approvalsRequired,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    stateReason: row.stateReason,
    createdAt: row.createdAt.toISOString(),
    ageDays: ageInDays(row.submittedAt ?? row.createdAt, now),
    system: { id: row.system.id, slug: row.system.slug, name: row.system.name },
    requester: row.requester,
  };
}

const LIST_LIMIT = 100;

/** Requests of one system, newest first (at most 100). */
export async function listSystemApprovals(ctx: ServiceContext, systemId: string, now: Date = new Date()): Promise<ApprovalListItem[]> {
  assertCan(ctx.actor, "approval:read");
  const rows = await ctx.db.approvalRequest.findMany({
    where: { systemId, system: systemScopeWhere(ctx.actor) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT,
    select: ROW_SELECT,
  });
  return rows.map((r) => toItem(r, now));
}

/**
 * "My requests": requests the actor opened or that concern systems they own or contribute to,
 * open ones first, then newest first (at most 100).
 */
export async function listMyRequests(ctx: ServiceContext, now: Date = new Date()): Promise<{ items: ApprovalListItem[]; truncated: boolean }> {
  assertCan(ctx.actor, "approval:read");
  const id = ctx.actor.id;
  const rows = await ctx.db.approvalRequest.findMany({
    where: {
      AND: [
        { system: systemScopeWhere(ctx.actor) },
        { OR: [{ requesterId: id }, { system: { ownerId: id } }, { system: { contributors: { some: { userId: id } } } }] },
      ],
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT + 1,
    select: ROW_SELECT,
  });
  const items = rows.slice(0, LIST_LIMIT).map((r) => toItem(r, now));
  items.sort((a, b) => Number(isFinalApprovalState(a.state)) - Number(isFinalApprovalState(b.state)));
  return { items, truncated: rows.length > LIST_LIMIT };
}

export type ReviewQueueItem = ApprovalListItem & {
  /** Why the actor may not decide this one (own system, already decided, ...), or null. */
  blockedReason: string | null;
};

/** The review queue: SUBMITTED requests, oldest submission first (at most 100). Reviewers and admins. */
export async function listReviewQueue(ctx: ServiceContext, now: Date = new Date()): Promise<{ items: ReviewQueueItem[]; truncated: boolean }> {
  assertCan(ctx.actor, "approval:decide");
  const rows = await ctx.db.approvalRequest.findMany({
    where: { state: "SUBMITTED" },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    take: LIST_LIMIT + 1,
    select: { ...ROW_SELECT, requesterId: true, system: { select: { id: true, slug: true, name: true, riskTier: true, ownerId: true, contributors: { select: { userId: true } } } } },
  });
  const items = rows.slice(0, LIST_LIMIT).map((r) => ({
    ...toItem(r, now),
    blockedReason: refuseDecider({
      reviewerId: ctx.actor.id,
      mayDecide: true,
      requesterId: r.requesterId,
      ownerIds: [r.system.ownerId],
      contributorIds: r.system.contributors.map((c) => c.userId),
      decidedThisRound: r.decisions.filter((d) => d.round === r.round).map((d) => d.reviewerId),
    }),
  }));
  return { items, truncated: rows.length > LIST_LIMIT };
}

export type ApprovalDecisionView = { id: string; round: number; outcome: ApprovalOutcome; comment: string; decidedAt: string; reviewer: { id: string; name: string } };

export type ApprovalDetail = ApprovalListItem & {
  rowVersion: number;
  round: number;
  snapshotSha256: string | null;
  closedAt: string | null;
  validityDays: number | null;
  /** The pinned snapshot; for a draft or a request sent back, the system as it is now. */
  snapshot: ApprovalSnapshot;
  snapshotIsLive: boolean;
  /** The pinned gate result; for a draft or a request sent back, evaluated now. */
  gate: GateResult;
  /** Against the previously approved snapshot for the same environment, when there is one. */
  diff: { previousId: string; previousRelease: string; diff: SnapshotDiff } | null;
  decisions: ApprovalDecisionView[];
  exception: { rationale: string; expiresOn: string; failingRules: string[]; grantedAt: string; reviewer: { id: string; name: string }; round: number } | null;
  pinnedDigestCount: number;
  can: { submit: boolean; withdraw: boolean; decide: boolean; recordException: boolean; revoke: boolean };
  /** Why the actor may not decide (separation of duties), when they could otherwise. */
  decideBlockedReason: string | null;
};

/**
 * One request with everything its page shows: pinned snapshot and gate result (or a live
 * preview while it is a draft or sent back), the diff against the previous approval for the
 * environment, all decisions, the exception, and what the actor may do.
 * @throws NotFoundError when the request or its system is not visible.
 */
export async function getApprovalRequest(ctx: ServiceContext, requestId: string, now: Date = new Date()): Promise<ApprovalDetail> {
  assertCan(ctx.actor, "approval:read");
  const { systemId, facts } = await loadRequestFacts(ctx.db, ctx.actor, requestId);
  const row = await ctx.db.approvalRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      ...ROW_SELECT,
      rowVersion: true,
      requesterId: true,
      snapshot: true,
      snapshotSha256: true,
      gateResult: true,
      closedAt: true,
      validityDays: true,
      previousApprovedId: true,
      _count: { select: { digests: true } },
      decisions: {
        orderBy: { decidedAt: "asc" },
        select: { id: true, round: true, outcome: true, comment: true, decidedAt: true, reviewerId: true, reviewer: { select: { id: true, name: true } } },
      },
      exception: { select: { rationale: true, expiresOn: true, failingRules: true, grantedAt: true, round: true, reviewer: { select: { id: true, name: true } } } },
    },
  });
  const item = toItem({ ...row, exception: row.exception }, now);
  const live = row.state === "DRAFT" || row.state === "CHANGES_REQUESTED" || !row.snapshot;
  const snapshot = live ? await buildSnapshot(ctx.db, systemId, now) : (row.snapshot as unknown as ApprovalSnapshot);
  const gate = live || !row.gateResult ? evaluateGate(snapshot, now) : (row.gateResult as unknown as GateResult);

  let diff: ApprovalDetail["diff"] = null;
  const previousId =
    row.previousApprovedId ??
    (live
      ? (
          await ctx.db.approvalRequest.findFirst({
            where: { systemId, environment: row.environment, approvedAt: { not: null }, id: { not: requestId } },
            orderBy: { approvedAt: "desc" },
            select: { id: true },
          })
        )?.id
      : null);
  if (previousId) {
    const previous = await ctx.db.approvalRequest.findUnique({ where: { id: previousId }, select: { id: true, releaseLabel: true, snapshot: true } });
    if (previous?.snapshot) {
      diff = { previousId: previous.id, previousRelease: previous.releaseLabel, diff: diffSnapshots(previous.snapshot as unknown as ApprovalSnapshot, snapshot) };
    }
  }

  const mayRequest = can(ctx.actor, "approval:request") && canRequestApproval(ctx.actor, facts) && !facts.archivedAt;
  const mayDecide = can(ctx.actor, "approval:decide");
  const decideBlockedReason = mayDecide
    ? refuseDecider({
        reviewerId: ctx.actor.id,
        mayDecide,
        requesterId: row.requesterId,
        ownerIds: [facts.ownerId, snapshot.system.ownerId],
        contributorIds: [...facts.contributorIds, ...snapshot.system.contributorIds],
        decidedThisRound: row.decisions.filter((d) => d.round === row.round).map((d) => d.reviewerId),
      })
    : null;
  const independent = mayDecide && (decideBlockedReason === null || /already decided/.test(decideBlockedReason));
  return {
    ...item,
    rowVersion: row.rowVersion,
    round: row.round,
    snapshotSha256: row.snapshotSha256,
    closedAt: row.closedAt?.toISOString() ?? null,
    validityDays: row.validityDays,
    snapshot,
    snapshotIsLive: live,
    gate,
    diff,
    decisions: row.decisions.map((d) => ({ id: d.id, round: d.round, outcome: d.outcome, comment: d.comment, decidedAt: d.decidedAt.toISOString(), reviewer: d.reviewer })),
    exception: row.exception
      ? {
          rationale: row.exception.rationale,
          expiresOn: row.exception.expiresOn.toISOString().slice(0, 10),
          failingRules: row.exception.failingRules,
          grantedAt: row.exception.grantedAt.toISOString(),
          reviewer: row.exception.reviewer,
          round: row.exception.round,
        }
      : null,
    pinnedDigestCount: row._count.digests,
    can: {
      submit: mayRequest && (row.state === "DRAFT" || row.state === "CHANGES_REQUESTED"),
      withdraw: mayRequest && (row.state === "DRAFT" || row.state === "SUBMITTED" || row.state === "CHANGES_REQUESTED"),
      decide: row.state === "SUBMITTED" && mayDecide && decideBlockedReason === null,
      recordException: row.state === "SUBMITTED" && independent && row.needsException && !(row.exception && row.exception.round === row.round),
      revoke: row.state === "APPROVED" && mayDecide,
    },
    decideBlockedReason: row.state === "SUBMITTED" ? decideBlockedReason : null,
  };
}
