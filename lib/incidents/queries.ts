import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { IncidentStatus } from "@/generated/prisma/enums";
import { assertCan, can, systemScopeWhere } from "@/lib/authz/policy";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError } from "@/lib/errors";
import type { DbOrTx, ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { canManageIncidents, incidentScopeWhere, visibleSystemWhere } from "./access";
import { CATEGORY_LABELS } from "./catalog";
import { dutyState, eventsFrom, groupMetrics, OPEN_STATUSES, SEVERE, type DutyState } from "./rules";
import { ZListIncidents, type TListIncidents } from "./schema";

export const INCIDENT_PAGE_SIZE = 25;

function listWhere(actor: Actor, q: TListIncidents, now: Date): Prisma.IncidentWhereInput {
  const and: Prisma.IncidentWhereInput[] = [incidentScopeWhere(actor)];
  if (q.status === "open") and.push({ status: { in: [...OPEN_STATUSES] } });
  else if (q.status !== "all") and.push({ status: q.status as IncidentStatus });
  if (q.severity) and.push({ severity: q.severity });
  if (q.category) and.push({ category: q.category });
  if (q.systemId) and.push({ systems: { some: { systemId: q.systemId } } });
  if (q.q) {
    const text = q.q.replace(/[\\%_]/g, "\\$&");
    const number = /^(?:INC-)?0*(\d{1,9})$/i.exec(q.q)?.[1];
    and.push({ OR: [{ title: { contains: text, mode: "insensitive" } }, ...(number ? [{ number: Number(number) }] : [])] });
  }
  if (q.overdue) and.push({ notifications: { some: { doneAt: null, dueAt: { lt: now } } } });
  if (q.age) {
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    if (q.age === "lt1d") and.push({ detectedAt: { gte: daysAgo(1) } });
    else if (q.age === "1to7d") and.push({ detectedAt: { lt: daysAgo(1), gte: daysAgo(7) } });
    else and.push({ detectedAt: { lt: daysAgo(7) } });
  }
  return { AND: and };
}

/**
 * How many incidents the list would show for these filters (`ZListIncidents`), with the very
 * same scope and filters as `listIncidents`: the home page's incident figures count with it, so
 * each figure equals the total of the list its link opens.
 */
export async function countIncidents(ctx: ServiceContext, rawQuery: unknown, now: Date = new Date()): Promise<number> {
  assertCan(ctx.actor, "incident:read");
  return ctx.db.incident.count({ where: listWhere(ctx.actor, parseOrThrow(ZListIncidents, rawQuery), now) });
}

const LIST_SELECT = {
  id: true,
  number: true,
  title: true,
  category: true,
  severity: true,
  status: true,
  detectedAt: true,
  reportedAt: true,
  containedAt: true,
  closedAt: true,
  lead: { select: { id: true, name: true } },
  reporter: { select: { id: true, name: true } },
  notifications: { where: { doneAt: null }, select: { dueAt: true, doneAt: true } },
} satisfies Prisma.IncidentSelect;

export type IncidentListItem = {
  id: string;
  number: number;
  title: string;
  category: string;
  severity: string;
  status: string;
  detectedAt: string;
  reportedAt: string;
  ageHours: number;
  lead: string | null;
  reporter: string;
  systems: { id: string; name: string; slug: string }[];
  hiddenSystems: number;
  overdueDuties: number;
};

/**
 * Incidents the actor may read, filtered (`ZListIncidents`: status "open" (default) | "all" |
 * one status, severity, category, systemId, q (title or INC number), overdue) and ordered by
 * severity (SEV1 first), then age (oldest detection first), 25 a page.
 * @returns `{ items, total, page, pages }`.
 */
export async function listIncidents(ctx: ServiceContext, rawQuery: unknown, now: Date = new Date()) {
  assertCan(ctx.actor, "incident:read");
  const q = parseOrThrow(ZListIncidents, rawQuery);
  const where = listWhere(ctx.actor, q, now);
  const total = await ctx.db.incident.count({ where });
  const pages = Math.max(1, Math.ceil(total / INCIDENT_PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const rows = await ctx.db.incident.findMany({
    where,
    select: { ...LIST_SELECT, systems: { select: { system: { select: { id: true, name: true, slug: true, ownerId: true, contributors: { select: { userId: true } } } } } } },
    orderBy: [{ severity: "asc" }, { detectedAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * INCIDENT_PAGE_SIZE,
    take: INCIDENT_PAGE_SIZE,
  });
  return { items: rows.map((r) => toListItem(ctx.actor, r, now)), total, page, pages, query: q };
}

type ListRow = Prisma.IncidentGetPayload<{ select: typeof LIST_SELECT & { systems: { select: { system: { select: { id: true; name: true; slug: true; ownerId: true; contributors: { select: { userId: true } } } } } } } }>;

function seesSystem(actor: Actor, s: { ownerId: string; contributors: { userId: string }[] }) {
  return actor.role !== "PRODUCT_OWNER" || s.ownerId === actor.id || s.contributors.some((c) => c.userId === actor.id);
}

function toListItem(actor: Actor, r: ListRow, now: Date): IncidentListItem {
  const visible = r.systems.map((s) => s.system).filter((s) => seesSystem(actor, s));
  const end = r.closedAt ?? now;
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    category: r.category,
    severity: r.severity,
    status: r.status,
    detectedAt: r.detectedAt.toISOString(),
    reportedAt: r.reportedAt.toISOString(),
    ageHours: Math.max(0, Math.round((end.getTime() - r.detectedAt.getTime()) / 3_600_000)),
    lead: r.lead?.name ?? null,
    reporter: r.reporter.name,
    systems: visible.map((s) => ({ id: s.id, name: s.name, slug: s.slug })),
    hiddenSystems: r.systems.length - visible.length,
    overdueDuties: r.notifications.filter((n) => dutyState(n, now) === "overdue").length,
  };
}

export type IncidentDuty = { id: string; party: string; dueAt: string | null; ruleHours: number | null; doneAt: string | null; doneBy: string | null; evidence: { id: string; title: string } | null; note: string | null; state: DutyState; rowVersion: number };

/**
 * One incident with everything its page shows: affected systems (only those the actor can
 * see, plus a count of the others) and their lifecycle, assets, timeline (oldest first) with
 * attached evidence, notification duties with their state at `now`, follow-ups, the status
 * steps open to the actor and evidence that may be attached.
 * @throws ForbiddenError, NotFoundError.
 */
export async function getIncident(ctx: ServiceContext, incidentId: string, now: Date = new Date()) {
  assertCan(ctx.actor, "incident:read");
  const row = await ctx.db.incident.findFirst({
    where: { AND: [{ id: incidentId }, incidentScopeWhere(ctx.actor)] },
    include: {
      reporter: { select: { id: true, name: true } },
      lead: { select: { id: true, name: true } },
      systems: { include: { system: { select: { id: true, name: true, slug: true, lifecycle: true, ownerId: true, archivedAt: true, contributors: { select: { userId: true } } } } } },
      assets: true,
      entries: { orderBy: { id: "asc" } },
      notifications: { orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { party: "asc" }] },
      followUps: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!row) throw new NotFoundError("Incident not found.");
  const systems = row.systems.map((s) => s.system).filter((s) => seesSystem(ctx.actor, s));
  const visibleIds = systems.map((s) => s.id);
  const assets = await ctx.db.asset.findMany({ where: { id: { in: row.assets.map((a) => a.assetId) }, systemId: { in: visibleIds } }, select: { id: true, name: true, kind: true, version: true, systemId: true }, orderBy: { name: "asc" } });
  const evidenceIds = [...new Set([...row.entries.map((e) => e.evidenceId), ...row.notifications.map((n) => n.evidenceId)].filter((x): x is string => Boolean(x)))];
  const evidence = await ctx.db.evidence.findMany({ where: { id: { in: evidenceIds }, systemId: { in: visibleIds } }, select: { id: true, title: true, kind: true, fileName: true, deletedAt: true, systemId: true } });
  const evidenceById = new Map(evidence.map((e) => [e.id, e]));
  const people = await ctx.db.user.findMany({ where: { id: { in: row.notifications.map((n) => n.doneById).filter((x): x is string => Boolean(x)) } }, select: { id: true, name: true } });
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const manage = canManageIncidents(ctx.actor);
  const evidenceOptions = can(ctx.actor, "evidence:read")
    ? await ctx.db.evidence.findMany({ where: { systemId: { in: visibleIds }, deletedAt: null, revisedBy: null }, select: { id: true, title: true, kind: true, systemId: true, createdAt: true }, orderBy: { createdAt: "desc" }, take: 200 })
    : [];
  const followUpControls = manage
    ? await ctx.db.checklistItem.findMany({
        where: { checklist: { systemId: { in: visibleIds } }, applicable: true },
        select: { status: true, control: { select: { code: true, title: true } }, checklist: { select: { systemId: true } } },
        orderBy: { control: { position: "asc" } },
      })
    : [];
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    category: row.category,
    categoryLabel: CATEGORY_LABELS[row.category],
    severity: row.severity,
    status: row.status,
    detectedAt: row.detectedAt.toISOString(),
    reportedAt: row.reportedAt.toISOString(),
    triagedAt: row.triagedAt?.toISOString() ?? null,
    containedAt: row.containedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    reopenCount: row.reopenCount,
    reporter: row.reporter,
    lead: row.lead,
    description: row.description,
    impact: row.impact,
    tags: [...row.atlas, ...row.owaspLlm, ...row.owaspAgentic],
    rootCause: row.rootCause,
    lessonsLearned: row.lessonsLearned,
    rowVersion: row.rowVersion,
    systems: systems.map((s) => ({ id: s.id, name: s.name, slug: s.slug, lifecycle: s.lifecycle, archived: Boolean(s.archivedAt) })),
    hiddenSystems: row.systems.length - systems.length,
    assets,
    entries: row.entries.map((e) => {
      const ev = e.evidenceId ? evidenceById.get(e.evidenceId) : undefined;
      return {
        id: e.id.toString(),
        at: e.at.toISOString(),
        kind: e.kind,
        author: e.authorName,
        body: e.body,
        systemId: e.systemId && visibleIds.includes(e.systemId) ? e.systemId : null,
        evidence: ev ? { id: ev.id, title: ev.title, kind: ev.kind, fileName: ev.fileName, deleted: Boolean(ev.deletedAt) } : e.evidenceId ? { id: e.evidenceId, title: "Evidence of a system you cannot see", kind: "NOTE", fileName: null, deleted: false } : null,
      };
    }),
    notifications: row.notifications.map(
      (n): IncidentDuty => ({
        id: n.id,
        party: n.party,
        dueAt: n.dueAt?.toISOString() ?? null,
        ruleHours: n.ruleHours,
        doneAt: n.doneAt?.toISOString() ?? null,
        doneBy: n.doneById ? (nameOf.get(n.doneById) ?? "someone") : null,
        evidence: n.evidenceId ? { id: n.evidenceId, title: evidenceById.get(n.evidenceId)?.title ?? "Evidence" } : null,
        note: n.note,
        state: dutyState(n, now),
        rowVersion: n.rowVersion,
      }),
    ),
    followUps: row.followUps.filter((f) => visibleIds.includes(f.systemId)).map((f) => ({ id: f.id, kind: f.kind, title: f.title, systemId: f.systemId, checklistItemId: f.checklistItemId, threatId: f.threatId, createdAt: f.createdAt.toISOString() })),
    followUpControls: followUpControls.map((c) => ({ systemId: c.checklist.systemId, code: c.control.code, title: c.control.title, status: c.status })),
    evidenceOptions: evidenceOptions.map((e) => ({ id: e.id, title: e.title, kind: e.kind, systemId: e.systemId })),
    can: {
      manage,
      note: can(ctx.actor, "incident:report"),
      events: manage ? eventsFrom(row.status) : [],
      addEvidence: can(ctx.actor, "evidence:add"),
    },
  };
}
export type IncidentDetail = Awaited<ReturnType<typeof getIncident>>;

/**
 * Open SEV1/SEV2 incidents affecting a system: the input of the approval gate's "no open
 * severe incident" rule. Reads without an actor check: the gate decides who may ask it.
 * @returns `[{ id, number, title, severity, status }]`, most severe and oldest first.
 */
export async function openSevereIncidents(db: DbOrTx, systemId: string) {
  return db.incident.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, severity: { in: [...SEVERE] }, systems: { some: { systemId } } },
    select: { id: true, number: true, title: true, severity: true, status: true },
    orderBy: [{ severity: "asc" }, { detectedAt: "asc" }],
  });
}

/**
 * Time to contain and time to close, per affected system and per category, over the
 * incidents the actor may read (medians in hours; see `groupMetrics`). A product owner's
 * figures cover their own systems only.
 */
export async function incidentMetrics(ctx: ServiceContext) {
  assertCan(ctx.actor, "incident:read");
  const rows = await ctx.db.incident.findMany({
    where: incidentScopeWhere(ctx.actor),
    select: { detectedAt: true, containedAt: true, closedAt: true, category: true, systems: { where: { system: visibleSystemWhere(ctx.actor) }, select: { system: { select: { id: true, name: true } } } } },
  });
  const input = rows.map((r) => ({ ...r, systems: r.systems.map((s) => s.system) }));
  return {
    total: rows.length,
    bySystem: groupMetrics(input, "system"),
    byCategory: groupMetrics(input, "category", (k) => CATEGORY_LABELS[k as keyof typeof CATEGORY_LABELS] ?? k),
  };
}

/** People who may lead an incident (active reviewers and admins), for the lead picker. */
export async function incidentLeadOptions(db: DbOrTx) {
  return db.user.findMany({ where: { disabled: false, role: { in: ["SECURITY_REVIEWER", "ADMIN"] } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/**
 * What the report form offers: the systems the actor can see (not archived) with their
 * assets, and the people who may lead.
 */
export async function reportFormOptions(ctx: ServiceContext) {
  assertCan(ctx.actor, "incident:report");
  const systems = await ctx.db.aiSystem.findMany({
    where: { AND: [systemScopeWhere(ctx.actor), { archivedAt: null }] },
    select: { id: true, name: true, slug: true, lifecycle: true, assets: { where: { retiredAt: null }, select: { id: true, name: true, kind: true, version: true }, orderBy: { name: "asc" } } },
    orderBy: { name: "asc" },
    take: 500,
  });
  return { systems, leads: await incidentLeadOptions(ctx.db) };
}

/**
 * What the "Edit incident" panel offers (reviewers and admins: `incident:manage`): the people
 * who may lead, and the assets of every affected system that are not retired, plus those
 * already named even if retired since (so saving does not drop them silently).
 * @returns `{ leads: [{ id, name }], assets: [{ id, name, kind, version, systemId, systemName }] }`.
 * @throws ForbiddenError, NotFoundError.
 */
export async function incidentEditOptions(ctx: ServiceContext, incidentId: string) {
  assertCan(ctx.actor, "incident:manage");
  const row = await ctx.db.incident.findFirst({
    where: { AND: [{ id: incidentId }, incidentScopeWhere(ctx.actor)] },
    select: { systems: { select: { systemId: true } }, assets: { select: { assetId: true } } },
  });
  if (!row) throw new NotFoundError("Incident not found.");
  const assets = await ctx.db.asset.findMany({
    where: { systemId: { in: row.systems.map((s) => s.systemId) }, OR: [{ retiredAt: null }, { id: { in: row.assets.map((a) => a.assetId) } }] },
    select: { id: true, name: true, kind: true, version: true, system: { select: { id: true, name: true } } },
    orderBy: [{ system: { name: "asc" } }, { name: "asc" }],
    take: 500,
  });
  return {
    leads: await incidentLeadOptions(ctx.db),
    assets: assets.map((a) => ({ id: a.id, name: a.name, kind: a.kind, version: a.version, systemId: a.system.id, systemName: a.system.name })),
  };
}
