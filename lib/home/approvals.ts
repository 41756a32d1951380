import "server-only";
import { label } from "@/lib/labels";
import { Prisma } from "@/generated/prisma/client";
import { countApprovals } from "@/lib/approvals/portfolio";
import { ageInDays } from "@/lib/approvals/policy-rules";
import { dayCount } from "@/lib/dates";
import { dayStart, liveSystems, onLiveSystem } from "./providers";
import type { HomeContext, PostureFigure, PostureSection, TaskItem, TaskProvider } from "./types";

// The approvals feature's part of the home page (lib/home/registry.ts lists these objects): the
// reviewer's decisions, the product owner's requests sent back and in progress, the auditor's
// exceptions in force and systems without a valid approval, and the portfolio's pending /
// expiring / stale figures. Every count is one SQL aggregate; lists page in SQL.

const requestHref = (id: string) => `/approvals/${id}`;
const iso = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
const STATE_WORDS: Record<string, string> = { DRAFT: "Draft", SUBMITTED: "Submitted, waiting for reviewers", CHANGES_REQUESTED: "Changes requested" };

// ---------------------------------------------------------------------------------------------
// Reviewer: SUBMITTED requests they may decide. Separation of duties (lib/approvals/policy-rules
// `refuseDecider`): not requested by them, not on a system they own or contribute to, and not
// already decided by them this round (a column comparison, hence SQL).

function decidableSql(ctx: HomeContext) {
  const me = ctx.actor.id;
  return Prisma.sql`
    FROM "ApprovalRequest" r JOIN "AiSystem" s ON s.id = r."systemId"
    WHERE r.state = 'SUBMITTED' AND s."archivedAt" IS NULL
      AND r."requesterId" <> ${me} AND s."ownerId" <> ${me}
      AND NOT EXISTS (SELECT 1 FROM "SystemContributor" c WHERE c."systemId" = s.id AND c."userId" = ${me})
      AND NOT EXISTS (SELECT 1 FROM "ApprovalDecision" d WHERE d."requestId" = r.id AND d.round = r.round AND d."reviewerId" = ${me})`;
}

export const approvalsToDecide: TaskProvider = {
  key: "approvals-to-decide",
  title: "Approval requests waiting for your decision",
  description: "Submitted deployment sign-offs you may decide (not your own systems' or requests, not already decided by you), the longest waiting first.",
  roles: ["SECURITY_REVIEWER", "ADMIN"],
  permission: "approval:decide",
  dateKind: "submitted",
  empty: "No approval request is waiting for your decision.",
  async count(ctx) {
    const [row] = await ctx.db.$queryRaw<{ n: bigint }[]>(Prisma.sql`SELECT count(*)::bigint AS n ${decidableSql(ctx)}`);
    return Number(row?.n ?? 0);
  },
  async list(ctx, { skip, take }) {
    const rows = await ctx.db.$queryRaw<{ id: string; releaseLabel: string; environment: string; submittedAt: Date | null; systemName: string; needsException: boolean }[]>(
      Prisma.sql`SELECT r.id, r."releaseLabel", r.environment, r."submittedAt", r."needsException", s.name AS "systemName" ${decidableSql(ctx)}
        ORDER BY r."submittedAt" ASC NULLS FIRST, r.id ASC LIMIT ${take} OFFSET ${skip}`,
    );
    const now = dayStart(ctx.today);
    return rows.map((r): TaskItem => {
      const age = r.submittedAt ? ageInDays(r.submittedAt, now) : 0;
      return {
        id: r.id,
        title: `${r.systemName}: ${r.releaseLabel} → ${r.environment}`,
        detail: `Waiting ${dayCount(age)}${r.needsException ? " · gate failed: needs an exception" : ""}`,
        href: requestHref(r.id),
        date: iso(r.submittedAt),
        tone: age >= 7 ? "red" : age >= 3 ? "amber" : "slate",
      };
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Product owner: requests on their systems (owned or contributed: ctx.systemIds) or opened by them.

function mineWhere(ctx: HomeContext, states: ("DRAFT" | "SUBMITTED" | "CHANGES_REQUESTED")[]): Prisma.ApprovalRequestWhereInput {
  return { state: { in: states }, AND: [onLiveSystem(ctx), { OR: [{ requesterId: ctx.actor.id }, ...(ctx.systemIds ? [{ systemId: { in: ctx.systemIds } }] : [])] }] };
}

async function listMine(ctx: HomeContext, where: Prisma.ApprovalRequestWhereInput, skip: number, take: number): Promise<TaskItem[]> {
  const rows = await ctx.db.approvalRequest.findMany({
    where,
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    skip,
    take,
    select: { id: true, releaseLabel: true, environment: true, state: true, stateReason: true, updatedAt: true, system: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    title: `${r.system.name}: ${r.releaseLabel} → ${r.environment}`,
    detail: `${STATE_WORDS[r.state] ?? r.state}${r.state === "CHANGES_REQUESTED" && r.stateReason ? ` · ${r.stateReason}` : ""}`,
    href: requestHref(r.id),
    date: iso(r.updatedAt),
    tone: r.state === "CHANGES_REQUESTED" ? "amber" : "slate",
  }));
}

export const approvalsSentBack: TaskProvider = {
  key: "approvals-sent-back",
  title: "Requests sent back to you",
  description: "Approval requests on your systems where a reviewer asked for changes: fix and submit again. The longest waiting first.",
  roles: ["PRODUCT_OWNER"],
  permission: "approval:read",
  dateKind: "since",
  empty: "No approval request is waiting for your changes.",
  count: (ctx) => ctx.db.approvalRequest.count({ where: mineWhere(ctx, ["CHANGES_REQUESTED"]) }),
  list: (ctx, { skip, take }) => listMine(ctx, mineWhere(ctx, ["CHANGES_REQUESTED"]), skip, take),
};

export const approvalsInProgress: TaskProvider = {
  key: "approvals-in-progress",
  title: "Your approval requests in progress",
  description: "Drafts not yet submitted and requests waiting for reviewers, on your systems.",
  roles: ["PRODUCT_OWNER"],
  permission: "approval:read",
  dateKind: "changed",
  empty: "No approval request of yours is in progress.",
  count: (ctx) => ctx.db.approvalRequest.count({ where: mineWhere(ctx, ["DRAFT", "SUBMITTED"]) }),
  list: (ctx, { skip, take }) => listMine(ctx, mineWhere(ctx, ["DRAFT", "SUBMITTED"]), skip, take),
};

// ---------------------------------------------------------------------------------------------
// Auditor: approvals resting on an exception, and live systems without a valid approval.

function exceptionWhere(ctx: HomeContext): Prisma.ApprovalRequestWhereInput {
  return { state: "APPROVED", exception: { is: { expiresOn: { gte: dayStart(ctx.today) } } }, ...onLiveSystem(ctx) };
}

export const approvalExceptionsInForce: TaskProvider = {
  key: "approval-exceptions",
  title: "Exceptions in force: approvals",
  description: "Approved releases whose gate failed and that rest on a reviewer's recorded exception, the soonest to end first.",
  roles: ["AUDITOR"],
  permission: "approval:read",
  dateKind: "expires",
  empty: "No approval rests on an exception.",
  count: (ctx) => ctx.db.approvalRequest.count({ where: exceptionWhere(ctx) }),
  async list(ctx, { skip, take }) {
    const rows = await ctx.db.approvalRequest.findMany({
      where: exceptionWhere(ctx),
      orderBy: [{ exception: { expiresOn: "asc" } }, { id: "asc" }],
      skip,
      take,
      select: { id: true, releaseLabel: true, environment: true, exception: { select: { expiresOn: true, failingRules: true } }, system: { select: { name: true } } },
    });
    return rows.map((r) => ({
      id: r.id,
      title: `${r.system.name}: ${r.releaseLabel} → ${r.environment}`,
      detail: `Exception for ${r.exception!.failingRules.join(", ") || "failing gate rules"}`,
      href: requestHref(r.id),
      date: iso(r.exception!.expiresOn),
      tone: "red" as const,
    }));
  },
};

function unapprovedWhere(ctx: HomeContext): Prisma.AiSystemWhereInput {
  const now = new Date();
  return { AND: [liveSystems(ctx), { approvalRequests: { none: { state: "APPROVED", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } } }] };
}

export const systemsWithoutApproval: TaskProvider = {
  key: "systems-without-approval",
  title: "Systems without a valid approval",
  description: "Live systems with no approved release in force for any environment (never approved, or every approval expired, went stale or was revoked).",
  roles: ["AUDITOR"],
  permission: "approval:read",
  dateKind: "since",
  empty: "Every live system has an approval in force.",
  count: (ctx) => ctx.db.aiSystem.count({ where: unapprovedWhere(ctx) }),
  async list(ctx, { skip, take }) {
    const rows = await ctx.db.aiSystem.findMany({ where: unapprovedWhere(ctx), orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip, take, select: { id: true, name: true, lifecycle: true, riskTier: true, createdAt: true } });
    return rows.map((r) => ({
      id: r.id,
      title: r.name,
      detail: `${label(r.riskTier)} risk · ${label(r.lifecycle)}`,
      href: `/systems/${r.id}/approvals`,
      date: iso(r.createdAt),
      tone: r.lifecycle === "DEPLOYED" ? ("red" as const) : ("slate" as const),
    }));
  },
};

// ---------------------------------------------------------------------------------------------
// Portfolio posture: each figure counts exactly what /approvals?view=all&… lists.

/** Pending decision, approvals expiring within 30 days, approvals gone stale in the last 30 days. */
export const approvalsPosture: PostureSection = {
  key: "approvals",
  title: "Deployment approvals",
  description: "Requests waiting for reviewers, approvals about to expire and those made stale by a change. Each number opens the list it counts.",
  permission: "approval:read",
  async load(ctx) {
    const now = new Date();
    const figure = async (key: string, label: string, query: Record<string, string>, tone: PostureFigure["tone"]): Promise<PostureFigure> => ({
      key,
      label,
      count: await countApprovals(ctx, query, now),
      href: `/approvals?${new URLSearchParams({ view: "all", ...query }).toString()}`,
      tone,
    });
    return Promise.all([
      figure("pending", "Pending a decision", { state: "SUBMITTED" }, "amber"),
      figure("expiring", "Expiring within 30 days", { expiring: "30" }, "amber"),
      figure("stale", "Went stale in the last 30 days", { state: "STALE", closedWithin: "30" }, "red"),
    ]);
  },
};
