import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { toAuditRow } from "@/lib/audit/queries";
import { systemScopeWhere } from "@/lib/authz/policy";
import type { Actor } from "@/lib/authz/actor";
import { PILLARS } from "@/lib/controls/library-schema";
import { queryRows } from "@/lib/db/sql";
import type { HomeContext, TaskItem, TaskProvider } from "./types";

const DAY_MS = 86_400_000;

/** "IN_PROGRESS" → "In progress" (lib/ may not use components/labels). */
const label = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, " ");

/** UTC midnight of a YYYY-MM-DD day, plus `days`. */
export function dayStart(day: string, days = 0): Date {
  return new Date(new Date(`${day}T00:00:00.000Z`).getTime() + days * DAY_MS);
}

function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

/** Systems the actor may see that are not archived: every task is about live systems only. */
export function liveSystemsWhere(actor: Actor): Prisma.AiSystemWhereInput {
  return { AND: [systemScopeWhere(actor), { archivedAt: null }] };
}

/** The live systems of the home context (see HomeContext.systemIds). */
export function liveSystems(ctx: Pick<HomeContext, "systemIds">): Prisma.AiSystemWhereInput {
  return ctx.systemIds ? { id: { in: ctx.systemIds } } : { archivedAt: null };
}

/** For rows with a `systemId` and a `system` relation: on one of the context's live systems. */
export function onLiveSystem(ctx: Pick<HomeContext, "systemIds">): { systemId: { in: string[] } } | { system: { archivedAt: null } } {
  return ctx.systemIds ? { systemId: { in: ctx.systemIds } } : { system: { archivedAt: null } };
}

/** red when the day is before today, amber within `soon` days, else slate. */
function urgency(day: string | null, today: string, soon = 7): TaskItem["tone"] {
  if (!day) return "slate";
  if (day < today) return "red";
  return day <= iso(dayStart(today, soon))! ? "amber" : "slate";
}

const PILLAR_TITLE = new Map<string, string>(PILLARS.map((p) => [p.id, p.title]));
const itemHref = (systemId: string, itemId: string) => `/systems/${systemId}/checklist?item=${itemId}`;

// ---------------------------------------------------------------------------------------------
// Checklist items assigned to the person.

function assignedWhere(ctx: HomeContext): Prisma.ChecklistItemWhereInput {
  return { ownerId: ctx.actor.id, applicable: true, status: { notIn: ["MET", "NOT_APPLICABLE"] }, checklist: onLiveSystem(ctx) };
}

export const assignedItems: TaskProvider = {
  key: "assigned",
  title: "Checklist items assigned to you",
  description: "Open controls you own, the most overdue first.",
  roles: ["PRODUCT_OWNER", "SECURITY_REVIEWER", "ADMIN"],
  permission: "checklist:read",
  dateKind: "due",
  empty: "Nothing assigned to you is open.",
  count: (ctx) => ctx.db.checklistItem.count({ where: assignedWhere(ctx) }),
  async list(ctx, { skip, take }) {
    const rows = await ctx.db.checklistItem.findMany({
      where: assignedWhere(ctx),
      orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      skip,
      take,
      select: { id: true, status: true, dueDate: true, control: { select: { code: true, title: true } }, checklist: { select: { system: { select: { id: true, name: true } } } } },
    });
    return rows.map((r) => ({
      id: r.id,
      title: `${r.control.code} ${r.control.title}`,
      detail: `${r.checklist.system.name} · ${label(r.status)}`,
      href: itemHref(r.checklist.system.id, r.id),
      date: iso(r.dueDate),
      tone: urgency(iso(r.dueDate), ctx.today),
    }));
  },
};

// ---------------------------------------------------------------------------------------------
// Reviewer-only controls in progress: only a reviewer (or admin) can mark them met.

function reviewerWaitingWhere(ctx: HomeContext): Prisma.ChecklistItemWhereInput {
  return { applicable: true, status: "IN_PROGRESS", control: { reviewerOnly: true }, checklist: onLiveSystem(ctx) };
}

/**
 * Counted from SystemReadiness.reviewerWaiting (kept by the readiness trigger with the same
 * rule: applicable, reviewer-only, IN_PROGRESS), so the count is one indexed sum, not a scan
 * of every item of the portfolio.
 */
async function countReviewerWaiting(ctx: HomeContext): Promise<number> {
  const sum = await ctx.db.systemReadiness.aggregate({ where: { ...onLiveSystem(ctx), reviewerWaiting: { gt: 0 } }, _sum: { reviewerWaiting: true } });
  return sum._sum.reviewerWaiting ?? 0;
}

async function listReviewerWaiting(ctx: HomeContext, { skip, take }: { skip: number; take: number }): Promise<TaskItem[]> {
  const rows = await ctx.db.checklistItem.findMany({
    where: reviewerWaitingWhere(ctx),
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    skip,
    take,
    select: { id: true, updatedAt: true, control: { select: { code: true, title: true, pillar: true } }, checklist: { select: { system: { select: { id: true, name: true } } } } },
  });
  return rows.map((r) => ({
    id: r.id,
    title: `${r.control.code} ${r.control.title}`,
    detail: `${r.checklist.system.name} · ${PILLAR_TITLE.get(r.control.pillar) ?? r.control.pillar}`,
    href: itemHref(r.checklist.system.id, r.id),
    date: iso(r.updatedAt),
    tone: iso(r.updatedAt)! < iso(dayStart(ctx.today, -14))! ? "red" : iso(r.updatedAt)! < iso(dayStart(ctx.today, -7))! ? "amber" : "slate",
  }));
}

export const reviewerDecisions: TaskProvider = {
  key: "reviewer-decisions",
  title: "Checklist decisions waiting for a reviewer",
  description: "Reviewer-only controls the team has worked on; oldest first. Only a reviewer can mark them met.",
  roles: ["SECURITY_REVIEWER", "ADMIN"],
  permission: "checklist:review",
  dateKind: "waiting since",
  empty: "No checklist item is waiting for a reviewer.",
  count: countReviewerWaiting,
  list: listReviewerWaiting,
};

export const waitingOnReviewer: TaskProvider = {
  key: "waiting-on-reviewer",
  title: "Waiting on a security reviewer",
  description: "Reviewer-only controls on your systems that are in progress: a reviewer has to decide them.",
  roles: ["PRODUCT_OWNER"],
  permission: "checklist:read",
  dateKind: "waiting since",
  empty: "Nothing on your systems is waiting for a reviewer.",
  count: countReviewerWaiting,
  list: listReviewerWaiting,
};

// ---------------------------------------------------------------------------------------------
// Threat models submitted for review.

function threatReviewWhere(ctx: HomeContext): Prisma.ThreatModelWhereInput {
  return { status: "IN_REVIEW", ...onLiveSystem(ctx) };
}

export const threatModelReviews: TaskProvider = {
  key: "threat-reviews",
  title: "Threat models waiting for review",
  description: "Submitted threat models, the longest waiting first.",
  roles: ["SECURITY_REVIEWER", "ADMIN"],
  permission: "threat:review",
  dateKind: "submitted",
  empty: "No threat model is waiting for review.",
  count: (ctx) => ctx.db.threatModel.count({ where: threatReviewWhere(ctx) }),
  async list(ctx, { skip, take }) {
    const rows = await ctx.db.threatModel.findMany({
      where: threatReviewWhere(ctx),
      orderBy: [{ submittedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
      skip,
      take,
      select: { id: true, version: true, submittedAt: true, system: { select: { id: true, name: true } } },
    });
    return rows.map((r) => ({
      id: r.id,
      title: `${r.system.name}: threat model v${r.version}`,
      detail: "Submitted for review",
      href: `/systems/${r.system.id}/threat-model`,
      date: iso(r.submittedAt),
      tone: iso(r.submittedAt) && iso(r.submittedAt)! < iso(dayStart(ctx.today, -7))! ? "amber" : "slate",
    }));
  },
};

// ---------------------------------------------------------------------------------------------
// Evidence and risk acceptances that expire within 30 days.

function evidenceExpiringWhere(ctx: HomeContext): Prisma.EvidenceWhereInput {
  return { deletedAt: null, revisedBy: { is: null }, expiresAt: { gte: dayStart(ctx.today), lte: dayStart(ctx.today, 30) }, ...onLiveSystem(ctx) };
}

export const evidenceExpiring: TaskProvider = {
  key: "evidence-expiring",
  title: "Evidence expiring within 30 days",
  description: "Current evidence that stops counting when it expires: add a newer revision.",
  roles: ["PRODUCT_OWNER"],
  permission: "evidence:read",
  dateKind: "expires",
  empty: "No evidence on your systems expires in the next 30 days.",
  count: (ctx) => ctx.db.evidence.count({ where: evidenceExpiringWhere(ctx) }),
  async list(ctx, { skip, take }) {
    const rows = await ctx.db.evidence.findMany({
      where: evidenceExpiringWhere(ctx),
      orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
      skip,
      take,
      select: { id: true, title: true, expiresAt: true, system: { select: { id: true, name: true } } },
    });
    return rows.map((r) => ({ id: r.id, title: r.title, detail: r.system.name, href: `/systems/${r.system.id}/evidence`, date: iso(r.expiresAt), tone: urgency(iso(r.expiresAt), ctx.today) }));
  },
};

function acceptanceWhere(ctx: HomeContext, expires: Prisma.DateTimeFilter): Prisma.RiskAcceptanceWhereInput {
  return { expiresOn: expires, threat: { threatModel: { status: "REVIEWED", ...onLiveSystem(ctx) } } };
}

async function listAcceptances(ctx: HomeContext, where: Prisma.RiskAcceptanceWhereInput, skip: number, take: number): Promise<TaskItem[]> {
  const rows = await ctx.db.riskAcceptance.findMany({
    where,
    orderBy: [{ expiresOn: "asc" }, { threatId: "asc" }],
    skip,
    take,
    select: { threatId: true, expiresOn: true, threat: { select: { title: true, threatModel: { select: { system: { select: { id: true, name: true } } } } } } },
  });
  return rows.map((r) => ({
    id: r.threatId,
    title: r.threat.title,
    detail: `${r.threat.threatModel.system.name} · accepted risk`,
    href: `/systems/${r.threat.threatModel.system.id}/threat-model`,
    date: iso(r.expiresOn),
    tone: urgency(iso(r.expiresOn), ctx.today),
  }));
}

export const acceptancesExpiring: TaskProvider = {
  key: "acceptances-expiring",
  title: "Risk acceptances expiring within 30 days",
  description: "Accepted risks in the threat model in force; once expired they count as untreated.",
  roles: ["PRODUCT_OWNER", "SECURITY_REVIEWER"],
  permission: "threat:read",
  dateKind: "expires",
  empty: "No accepted risk expires in the next 30 days.",
  count: (ctx) => ctx.db.riskAcceptance.count({ where: acceptanceWhere(ctx, { gte: dayStart(ctx.today), lte: dayStart(ctx.today, 30) }) }),
  list: (ctx, { skip, take }) => listAcceptances(ctx, acceptanceWhere(ctx, { gte: dayStart(ctx.today), lte: dayStart(ctx.today, 30) }), skip, take),
};

export const exceptionsInForce: TaskProvider = {
  key: "exceptions-in-force",
  title: "Exceptions in force",
  description: "Risk acceptances of threat models in force that have not expired, the soonest to expire first.",
  roles: ["AUDITOR"],
  permission: "threat:read",
  dateKind: "expires",
  empty: "No accepted risk is in force.",
  count: (ctx) => ctx.db.riskAcceptance.count({ where: acceptanceWhere(ctx, { gte: dayStart(ctx.today) }) }),
  list: (ctx, { skip, take }) => listAcceptances(ctx, acceptanceWhere(ctx, { gte: dayStart(ctx.today) }), skip, take),
};

// ---------------------------------------------------------------------------------------------
// Periodic reviews.

function reviewDueWhere(ctx: HomeContext): Prisma.AiSystemWhereInput {
  return { AND: [liveSystems(ctx), { nextReviewDue: { lte: dayStart(ctx.today, 30) } }] };
}

export const reviewsDue: TaskProvider = {
  key: "reviews-due",
  title: "Periodic reviews due",
  description: "Systems whose next review is overdue or due within 30 days.",
  roles: ["PRODUCT_OWNER", "ADMIN"],
  permission: "system:read",
  dateKind: "due",
  empty: "No review is due in the next 30 days.",
  count: (ctx) => ctx.db.aiSystem.count({ where: reviewDueWhere(ctx) }),
  async list(ctx, { skip, take }) {
    const rows = await ctx.db.aiSystem.findMany({
      where: reviewDueWhere(ctx),
      orderBy: [{ nextReviewDue: "asc" }, { id: "asc" }],
      skip,
      take,
      select: { id: true, name: true, riskTier: true, nextReviewDue: true },
    });
    return rows.map((r) => ({ id: r.id, title: r.name, detail: `${label(r.riskTier)} risk`, href: `/systems/${r.id}`, date: iso(r.nextReviewDue), tone: urgency(iso(r.nextReviewDue), ctx.today, 14) }));
  },
};

// ---------------------------------------------------------------------------------------------
// Auditor: what changed, and evidence that no longer holds but is still relied on.

function changesWhere({ since }: HomeContext): Prisma.AuditEventWhereInput {
  return { occurredAt: { gte: dayStart(since) } };
}

export const changesSince: TaskProvider = {
  key: "changes-since",
  title: "Changes since",
  description: "Every recorded change from the chosen day on, newest first (from the audit log).",
  roles: ["AUDITOR"],
  permission: "audit:read",
  dateKind: "changed",
  empty: "Nothing changed in this period.",
  count: (ctx) => ctx.db.auditEvent.count({ where: changesWhere(ctx) }),
  async list(ctx, { skip, take }) {
    const rows = await ctx.db.auditEvent.findMany({ where: changesWhere(ctx), orderBy: { id: "desc" }, skip, take });
    return rows.map((r) => ({
      id: String(r.id),
      title: r.action.replace(/[._]/g, " "),
      detail: `${r.actorLabel} · ${r.entityType}`,
      href: `/audit?entityType=${encodeURIComponent(r.entityType)}&entityId=${encodeURIComponent(r.entityId)}`,
      date: iso(r.occurredAt),
      tone: "slate" as const,
      auditEvent: toAuditRow(r),
    }));
  },
};

function expiredReliedWhere(ctx: HomeContext): Prisma.EvidenceWhereInput {
  return { deletedAt: null, revisedBy: { is: null }, expiresAt: { lt: dayStart(ctx.today) }, links: { some: { item: { status: "MET" } } }, ...onLiveSystem(ctx) };
}

/**
 * How many rows `expiredReliedWhere` matches, in SQL of our own: the same rule (not deleted, not
 * revised, expired before today, linked to an item whose status is MET, on a live system of the
 * context), written so PostgreSQL can use the partial index `ChecklistItem_met_id_idx` (migration
 * `…_checklist_item_met_index`). Prisma binds the status as `CAST($n::text AS "ChecklistStatus")`,
 * which the planner cannot match to the index's `status = 'MET'`, so it read the whole
 * ChecklistItem table instead (~0.6–1 s at 854,000 items in bench:home). home.int.test.ts checks
 * that this count equals what the list pages through. @returns a count ≥ 0.
 */
async function countExpiredRelied(ctx: HomeContext): Promise<number> {
  const scope = ctx.systemIds ? Prisma.sql`AND s.id = ANY(${ctx.systemIds}::text[])` : Prisma.empty;
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    Prisma.sql`SELECT count(*)::int AS n FROM "Evidence" e JOIN "AiSystem" s ON s.id = e."systemId" AND s."archivedAt" IS NULL ${scope}
      WHERE e."deletedAt" IS NULL AND e."expiresAt" < ${ctx.today}::date
        AND NOT EXISTS (SELECT 1 FROM "Evidence" r WHERE r."revisionOfId" = e.id)
        AND EXISTS (SELECT 1 FROM "ChecklistItemEvidence" l JOIN "ChecklistItem" i ON i.id = l."itemId" WHERE l."evidenceId" = e.id AND i.status = 'MET')`,
  );
  return Number(row?.n ?? 0);
}

export const expiredEvidenceReliedOn: TaskProvider = {
  key: "expired-evidence",
  title: "Expired evidence still relied on",
  description: "Expired evidence, not revised, still linked to a control marked met.",
  roles: ["AUDITOR"],
  permission: "evidence:read",
  dateKind: "expired",
  empty: "No control marked met relies on expired evidence.",
  count: countExpiredRelied,
  async list(ctx, { skip, take }) {
    const rows = await ctx.db.evidence.findMany({
      where: expiredReliedWhere(ctx),
      orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
      skip,
      take,
      select: { id: true, title: true, expiresAt: true, system: { select: { id: true, name: true } } },
    });
    return rows.map((r) => ({ id: r.id, title: r.title, detail: r.system.name, href: `/systems/${r.system.id}/evidence`, date: iso(r.expiresAt), tone: "red" as const }));
  },
};

// ---------------------------------------------------------------------------------------------
// Admin: people who signed in through SSO and wait for a role.

const awaitingWhere: Prisma.UserWhereInput = { role: null, disabled: false };

export const usersAwaitingAccess: TaskProvider = {
  key: "users-awaiting-access",
  title: "People waiting for access",
  description: "Signed in with SSO and have no role yet.",
  roles: ["ADMIN"],
  permission: "user:manage",
  dateKind: "since",
  empty: "Nobody is waiting for access.",
  count: (ctx) => ctx.db.user.count({ where: awaitingWhere }),
  async list(ctx, { skip, take }) {
    const rows = await ctx.db.user.findMany({ where: awaitingWhere, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip, take, select: { id: true, name: true, email: true, createdAt: true } });
    return rows.map((r) => ({ id: r.id, title: r.name, detail: r.email, href: "/admin/users", date: iso(r.createdAt), tone: "amber" as const }));
  },
};
