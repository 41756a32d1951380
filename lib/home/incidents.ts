import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { incidentScopeWhere } from "@/lib/incidents/access";
import { incidentRef as ref, PARTY_LABELS, SEVERITIES, STATUS_LABELS } from "@/lib/incidents/catalog";
import { countIncidents } from "@/lib/incidents/queries";
import { OPEN_STATUSES, SEVERE } from "@/lib/incidents/rules";
import { AGE_LABELS, INCIDENT_AGES } from "@/lib/incidents/schema";
import type { HomeContext, PostureFigure, PostureSection, TaskItem, TaskProvider } from "./types";

// The incidents feature's part of the home page (lib/home/registry.ts lists these objects):
// the reviewer's "incidents I lead" and "notification duties due", and the portfolio's open
// incidents by severity and age. Scope is lib/incidents' own (incidentScopeWhere), so a figure
// counts exactly what the incident list it links to shows.

const incidentHref = (id: string) => `/incidents/${id}`;

function ledWhere(ctx: HomeContext): Prisma.IncidentWhereInput {
  return { AND: [incidentScopeWhere(ctx.actor), { leadId: ctx.actor.id, status: { in: [...OPEN_STATUSES] } }] };
}

/** Open incidents the person leads, most severe and oldest first. */
export const incidentsILead: TaskProvider = {
  key: "incidents-led",
  title: "Incidents you lead",
  description: "Open incidents where you are the lead: most severe first, then the oldest.",
  roles: ["SECURITY_REVIEWER", "ADMIN"],
  permission: "incident:manage",
  dateKind: "detected",
  empty: "You lead no open incident.",
  count: (ctx) => ctx.db.incident.count({ where: ledWhere(ctx) }),
  async list(ctx, { skip, take }) {
    const rows = await ctx.db.incident.findMany({
      where: ledWhere(ctx),
      orderBy: [{ severity: "asc" }, { detectedAt: "asc" }, { id: "asc" }],
      skip,
      take,
      select: { id: true, number: true, title: true, severity: true, status: true, detectedAt: true },
    });
    return rows.map(
      (r): TaskItem => ({
        id: r.id,
        title: `${ref(r.number)} ${r.title}`,
        detail: `${r.severity} · ${STATUS_LABELS[r.status]}`,
        href: incidentHref(r.id),
        date: r.detectedAt.toISOString().slice(0, 10),
        tone: (SEVERE as readonly string[]).includes(r.severity) ? "red" : "amber",
      }),
    );
  },
};

function dutiesWhere(ctx: HomeContext): Prisma.IncidentNotificationWhereInput {
  return { doneAt: null, dueAt: { not: null }, incident: incidentScopeWhere(ctx.actor) };
}

/** Notification duties (regulator, customers…) not yet done that have a deadline, soonest first. */
export const notificationDutiesDue: TaskProvider = {
  key: "notification-duties",
  title: "Notification duties due",
  description: "Parties an incident obliges you to notify, with the deadline from detection; overdue ones first.",
  roles: ["SECURITY_REVIEWER", "ADMIN"],
  permission: "incident:manage",
  dateKind: "due",
  empty: "No notification duty is open.",
  count: (ctx) => ctx.db.incidentNotification.count({ where: dutiesWhere(ctx) }),
  async list(ctx, { skip, take }) {
    const now = Date.now();
    const rows = await ctx.db.incidentNotification.findMany({
      where: dutiesWhere(ctx),
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      skip,
      take,
      select: { id: true, party: true, dueAt: true, incident: { select: { id: true, number: true, title: true } } },
    });
    return rows.map((r): TaskItem => {
      const due = r.dueAt!.getTime();
      return {
        id: r.id,
        title: `Notify ${PARTY_LABELS[r.party]}`,
        detail: `${ref(r.incident.number)} ${r.incident.title} · due ${r.dueAt!.toISOString().slice(0, 16).replace("T", " ")} UTC`,
        href: incidentHref(r.incident.id),
        date: r.dueAt!.toISOString().slice(0, 10),
        tone: due < now ? "red" : due < now + 86_400_000 ? "amber" : "slate",
      };
    });
  },
};

/** Open incidents by severity and by age, and those with an overdue duty; each links to the filtered incident list. */
export const openIncidentsPosture: PostureSection = {
  key: "incidents",
  title: "Open incidents",
  description: "By severity and by time since detection. Each number opens the incident list it counts.",
  permission: "incident:read",
  async load(ctx) {
    const now = new Date();
    const figure = async (key: string, label: string, query: Record<string, string>, tone: PostureFigure["tone"]): Promise<PostureFigure> => ({
      key,
      label,
      count: await countIncidents(ctx, query, now),
      href: `/incidents?${new URLSearchParams(query).toString()}`,
      tone,
    });
    return Promise.all([
      ...SEVERITIES.map((s) => figure(s.toLowerCase(), s, { status: "open", severity: s }, (SEVERE as readonly string[]).includes(s) ? "red" : "slate")),
      ...INCIDENT_AGES.map((a) => figure(`age-${a}`, AGE_LABELS[a], { status: "open", age: a }, a === "gt7d" ? "amber" : "slate")),
      figure("overdue-duty", "With an overdue notification duty", { status: "open", overdue: "true" }, "red"),
    ]);
  },
};
