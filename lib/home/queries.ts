import "server-only";
import type { Role } from "@/generated/prisma/enums";
import { assertCan, can } from "@/lib/authz/policy";
import { PILLARS } from "@/lib/controls/library-schema";
import { NotFoundError } from "@/lib/errors";
import { todayUtc } from "@/lib/evidence/rules";
import type { ServiceContext } from "@/lib/service-context";
import { LIFECYCLE_STATES, READINESS_BANDS, RISK_TIERS, type ReadinessBand } from "@/lib/systems/schema";
import { dayStart, liveSystems, liveSystemsWhere, onLiveSystem } from "./providers";
import { POSTURE_SECTIONS, TASK_PROVIDERS } from "./registry";
import type { HomeContext, PostureFigure, TaskItem, TaskProvider } from "./types";

/** How many items each task group shows on the home page ("view all" opens the rest). */
export const HOME_PREVIEW = 5;

/**
 * Builds the home context: today (UTC), the auditor's "since" day (default: 7 days ago; a
 * malformed or future day falls back to it) and, for a product owner, the ids of their live
 * systems (one query). @throws ForbiddenError without system:read.
 */
export async function homeContext(ctx: ServiceContext, opts: { today?: string; since?: string } = {}): Promise<HomeContext> {
  assertCan(ctx.actor, "system:read");
  const today = opts.today ?? todayUtc();
  const since = opts.since && /^\d{4}-\d{2}-\d{2}$/.test(opts.since) && !Number.isNaN(Date.parse(opts.since)) && opts.since <= today ? opts.since : dayStart(today, -7).toISOString().slice(0, 10);
  const systemIds = ctx.actor.role === "PRODUCT_OWNER" ? (await ctx.db.aiSystem.findMany({ where: liveSystemsWhere(ctx.actor), select: { id: true } })).map((s) => s.id) : null;
  return { ...ctx, today, since, systemIds };
}

/** The task providers this actor gets: their role's, and only those whose permission they hold. */
export function providersFor(ctx: HomeContext): TaskProvider[] {
  const role = ctx.actor.role as Role | null;
  return TASK_PROVIDERS.filter((p) => role !== null && p.roles.includes(role) && can(ctx.actor, p.permission));
}

export type TaskGroup = Pick<TaskProvider, "key" | "title" | "description" | "dateKind" | "empty"> & { count: number; items: TaskItem[]; href: string };

/** Every task group of the actor's home page, each with its count and first items. */
export async function loadTaskGroups(ctx: HomeContext): Promise<TaskGroup[]> {
  return Promise.all(
    providersFor(ctx).map(async (p) => {
      const [count, items] = await Promise.all([p.count(ctx), p.list(ctx, { skip: 0, take: HOME_PREVIEW })]);
      return { key: p.key, title: p.title, description: p.description, dateKind: p.dateKind, empty: p.empty, count, items, href: taskListHref(p.key, ctx) };
    }),
  );
}

export function taskListHref(key: string, ctx: HomeContext): string {
  return key === "changes-since" ? `/tasks/${key}?since=${ctx.since}` : `/tasks/${key}`;
}

/**
 * One page of one task list (`/tasks/<key>`).
 * @throws NotFoundError for an unknown key or one the actor's role does not get.
 */
export async function loadTaskList(ctx: HomeContext, key: string, page: { skip: number; take: number }) {
  const provider = providersFor(ctx).find((p) => p.key === key);
  if (!provider) throw new NotFoundError("No such task list.");
  const [total, items] = await Promise.all([provider.count(ctx), provider.list(ctx, page)]);
  return { provider: { key: provider.key, title: provider.title, description: provider.description, dateKind: provider.dateKind, empty: provider.empty }, total, items };
}

export type PostureBar = { key: string; label: string; href: string; total: number; segments: { key: string; label: string; count: number; href: string }[] };

const BAND_LABELS: Record<ReadinessBand, string> = {
  COMPLETE: "Complete",
  MOSTLY_DONE: "50 % or more",
  UNDER_WAY: "Under 50 %",
  NOT_STARTED: "Not started",
  NO_CHECKLIST: "No checklist",
};
const TIER_LABELS: Record<string, string> = { LOW: "Low", MEDIUM: "Medium", HIGH: "High", CRITICAL: "Critical" };
const LIFECYCLE_LABELS: Record<string, string> = { DRAFT: "Draft", IN_REVIEW: "In review", APPROVED: "Approved", DEPLOYED: "Deployed", PAUSED: "Paused", RETIRING: "Retiring", RETIRED: "Retired" };

/**
 * Portfolio posture over the live systems the actor may see, every figure with the systems-list
 * URL that lists exactly what it counts: systems by lifecycle split by tier, pillar completion
 * bands, reviews overdue and due within 30 days, and the sections later features contribute.
 * Four grouped SQL queries (indexed), whatever the portfolio size.
 */
export async function portfolioPosture(ctx: HomeContext) {
  const { actor, db, today } = ctx;
  assertCan(actor, "system:read");
  const scope = liveSystems(ctx);
  const [grid, bands, overdue, dueSoon, sections] = await Promise.all([
    db.aiSystem.groupBy({ by: ["lifecycle", "riskTier"], where: scope, _count: { _all: true } }),
    db.systemPillarReadiness.groupBy({ by: ["pillar", "band"], where: onLiveSystem(ctx), _count: { _all: true } }),
    db.aiSystem.count({ where: { AND: [scope, { nextReviewDue: { lt: dayStart(today) } }] } }),
    db.aiSystem.count({ where: { AND: [scope, { nextReviewDue: { gte: dayStart(today), lte: dayStart(today, 30) } }] } }),
    Promise.all(POSTURE_SECTIONS.filter((s) => !s.permission || can(actor, s.permission)).map(async (s) => ({ key: s.key, title: s.title, description: s.description, figures: (await s.load(ctx)) as PostureFigure[] }))),
  ]);
  const cell = (lifecycle: string, tier: string) => grid.find((g) => g.lifecycle === lifecycle && g.riskTier === tier)?._count._all ?? 0;
  const total = grid.reduce((n, g) => n + g._count._all, 0);
  const byTier = RISK_TIERS.map((tier) => ({ key: tier, label: TIER_LABELS[tier]!, count: grid.filter((g) => g.riskTier === tier).reduce((n, g) => n + g._count._all, 0), href: `/systems?tier=${tier}` }));
  const lifecycle: PostureBar[] = LIFECYCLE_STATES.map((state) => {
    const segments = RISK_TIERS.map((tier) => ({ key: tier, label: TIER_LABELS[tier]!, count: cell(state, tier), href: `/systems?lifecycle=${state}&tier=${tier}` }));
    return { key: state, label: LIFECYCLE_LABELS[state]!, href: `/systems?lifecycle=${state}`, total: segments.reduce((n, s) => n + s.count, 0), segments };
  });
  const pillars: PostureBar[] = PILLARS.map((pillar) => {
    const counted = (band: string) => bands.find((b) => b.pillar === pillar.id && b.band === band)?._count._all ?? 0;
    const withRows = bands.filter((b) => b.pillar === pillar.id).reduce((n, b) => n + b._count._all, 0);
    const segments = [...READINESS_BANDS].reverse().map((band) => ({
      key: band,
      label: BAND_LABELS[band],
      count: band === "NO_CHECKLIST" ? total - withRows : counted(band),
      href: `/systems?pillar=${pillar.id}&band=${band}`,
    }));
    return { key: pillar.id, label: pillar.title, href: "/systems", total, segments };
  });
  return {
    total,
    byTier,
    lifecycle,
    pillars,
    reviews: {
      overdue: { count: overdue, href: "/systems?review=overdue" },
      dueSoon: { count: dueSoon, href: "/systems?review=due30" },
    },
    sections,
  };
}
export type Posture = Awaited<ReturnType<typeof portfolioPosture>>;

/** A product owner's own systems, least ready first, with per-pillar readiness and threat-model state. */
export async function mySystemsReadiness(ctx: HomeContext, take = 6) {
  const { actor, db } = ctx;
  assertCan(actor, "system:read");
  const where = liveSystems(ctx);
  const [count, rows] = await Promise.all([
    db.aiSystem.count({ where }),
    db.aiSystem.findMany({
      where,
      orderBy: [{ readiness: { percent: "asc" } }, { name: "asc" }, { id: "asc" }],
      take,
      select: {
        id: true,
        name: true,
        riskTier: true,
        lifecycle: true,
        nextReviewDue: true,
        readiness: { select: { total: true, done: true, percent: true, reviewerWaiting: true } },
        pillarReadiness: { select: { pillar: true, percent: true, band: true, total: true, done: true } },
        threatModels: { where: { status: { not: "SUPERSEDED" } }, orderBy: { version: "desc" }, take: 1, select: { status: true, version: true } },
      },
    }),
  ]);
  return {
    count,
    systems: rows.map((r) => ({
      id: r.id,
      name: r.name,
      riskTier: r.riskTier,
      lifecycle: r.lifecycle,
      nextReviewDue: r.nextReviewDue?.toISOString().slice(0, 10) ?? null,
      readiness: r.readiness,
      pillars: PILLARS.map((p) => r.pillarReadiness.find((x) => x.pillar === p.id) ?? null).map((x, i) => ({ pillar: PILLARS[i]!.id, title: PILLARS[i]!.title, percent: x?.percent ?? null, done: x?.done ?? 0, total: x?.total ?? 0 })),
      threatModel: r.threatModels[0] ?? null,
    })),
  };
}
