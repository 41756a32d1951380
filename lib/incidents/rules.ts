/**
 * Pure rules of the incident feature (no database): the status transition table, who may
 * take each step, what closing needs, notification deadlines and overdue checks. Services in
 * this folder call these inside their transactions; unit tests cover each rule.
 */
import type { IncidentSeverity, IncidentStatus, NotificationParty } from "@/generated/prisma/enums";
import { PARTIES, SEVERITIES, STATUS_LABELS } from "./catalog";

export type IncidentEvent = "triage" | "contain" | "resolve" | "close" | "reopen";

/**
 * The transition table: event → statuses it may start from → the status it leads to.
 * OPEN → TRIAGED → CONTAINED → RESOLVED → CLOSED, one step at a time; `reopen` takes a
 * RESOLVED or CLOSED incident (or one contained too early) back to OPEN and is logged.
 */
export const INCIDENT_TRANSITIONS = {
  triage: { from: ["OPEN"], to: "TRIAGED" },
  contain: { from: ["TRIAGED"], to: "CONTAINED" },
  resolve: { from: ["CONTAINED"], to: "RESOLVED" },
  close: { from: ["RESOLVED"], to: "CLOSED" },
  reopen: { from: ["CONTAINED", "RESOLVED", "CLOSED"], to: "OPEN" },
} as const satisfies Record<IncidentEvent, { from: readonly IncidentStatus[]; to: IncidentStatus }>;

export const EVENT_LABELS = {
  triage: "Mark triaged",
  contain: "Mark contained",
  resolve: "Mark resolved",
  close: "Close incident",
  reopen: "Reopen",
} as const satisfies Record<IncidentEvent, string>;

export type TransitionFacts = {
  status: IncidentStatus;
  event: IncidentEvent;
  /** Root cause and lessons learned as they will be after the step (input or stored). */
  rootCause: string | null;
  lessonsLearned: string | null;
  /** The reason given with the step (required to reopen). */
  comment: string | null;
};

export type TransitionDecision = { ok: true; to: IncidentStatus } | { ok: false; reason: string };

/** Events available from a status, in display order. */
export function eventsFrom(status: IncidentStatus): IncidentEvent[] {
  return (Object.keys(INCIDENT_TRANSITIONS) as IncidentEvent[]).filter((e) => (INCIDENT_TRANSITIONS[e].from as readonly IncidentStatus[]).includes(status));
}

/**
 * Decides one status step. Refuses events not allowed from the current status, closing
 * without a root cause and lessons learned, and reopening without a reason.
 */
export function decideIncidentTransition(f: TransitionFacts): TransitionDecision {
  const rule = INCIDENT_TRANSITIONS[f.event];
  if (!(rule.from as readonly IncidentStatus[]).includes(f.status)) {
    return { ok: false, reason: `An incident that is ${STATUS_LABELS[f.status].toLowerCase()} cannot be ${f.event === "reopen" ? "reopened" : `moved to ${STATUS_LABELS[rule.to].toLowerCase()}`}.` };
  }
  if (f.event === "close") {
    const missing = [!f.rootCause?.trim() ? "the root cause" : null, !f.lessonsLearned?.trim() ? "the lessons learned" : null].filter(Boolean);
    if (missing.length) return { ok: false, reason: `Closing needs ${missing.join(" and ")}.` };
  }
  if (f.event === "reopen" && !f.comment?.trim()) return { ok: false, reason: "Say why the incident is reopened." };
  return { ok: true, to: rule.to };
}

/** Which timestamp column a step sets (first time only, so metrics measure the first containment). */
export const STEP_TIMESTAMP = {
  triage: "triagedAt",
  contain: "containedAt",
  resolve: "resolvedAt",
  close: "closedAt",
} as const satisfies Partial<Record<IncidentEvent, string>>;

/** Open means: not closed. Severe means SEV1 or SEV2 (these fail the approval gate while open). */
export const OPEN_STATUSES = ["OPEN", "TRIAGED", "CONTAINED", "RESOLVED"] as const satisfies readonly IncidentStatus[];
export const SEVERE = ["SEV1", "SEV2"] as const satisfies readonly IncidentSeverity[];

// ---------------------------------------------------------------------------------------
// Notification duties
// ---------------------------------------------------------------------------------------

/** Hours after detection by which each party must be told, per severity; null/absent = no duty. */
export type NotificationRules = Record<IncidentSeverity, Partial<Record<NotificationParty, number | null>>>;

/**
 * Shipped defaults, to be replaced by the organisation's own rules (the UI says so). The 72
 * hours for a regulator follow the common breach-notification window (e.g. GDPR Art. 33 for
 * personal-data breaches); the others are illustrative starting points, not legal advice.
 */
export const DEFAULT_NOTIFICATION_RULES: NotificationRules = {
  SEV1: { REGULATOR: 72, AFFECTED_USERS: 72, CUSTOMERS: 24, VENDOR: 24 },
  SEV2: { REGULATOR: 72, CUSTOMERS: 72, VENDOR: 48 },
  SEV3: { VENDOR: 120 },
  SEV4: {},
};

/** Longest deadline a rule may set: one year, in hours. */
export const MAX_RULE_HOURS = 24 * 366;

/** The duties a severity calls for: party and hours, in the parties' display order. */
export function dutiesFor(rules: NotificationRules, severity: IncidentSeverity): { party: NotificationParty; hours: number }[] {
  const row = rules[severity] ?? {};
  return PARTIES.flatMap((party) => {
    const hours = row[party];
    return typeof hours === "number" && hours > 0 ? [{ party, hours }] : [];
  });
}

/** Deadline = detection time + hours (exact hours, no business-day logic). */
export function deadlineFrom(detectedAt: Date, hours: number): Date {
  return new Date(detectedAt.getTime() + hours * 3_600_000);
}

export type DutyState = "done" | "overdue" | "due" | "no-deadline";

/** A duty's state at `now`: done wins; otherwise overdue once the deadline has passed. */
export function dutyState(duty: { doneAt: Date | null; dueAt: Date | null }, now: Date): DutyState {
  if (duty.doneAt) return "done";
  if (!duty.dueAt) return "no-deadline";
  return duty.dueAt.getTime() < now.getTime() ? "overdue" : "due";
}

/** Merges stored rules over nothing: unknown keys dropped, only positive whole hours kept. */
export function normaliseRules(raw: unknown): NotificationRules {
  const out = { SEV1: {}, SEV2: {}, SEV3: {}, SEV4: {} } as NotificationRules;
  if (!raw || typeof raw !== "object") return DEFAULT_NOTIFICATION_RULES;
  for (const sev of SEVERITIES) {
    const row = (raw as Record<string, unknown>)[sev];
    if (!row || typeof row !== "object") continue;
    for (const party of PARTIES) {
      const h = (row as Record<string, unknown>)[party];
      if (typeof h === "number" && Number.isInteger(h) && h > 0 && h <= MAX_RULE_HOURS) out[sev][party] = h;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Metrics
// ---------------------------------------------------------------------------------------

export type MetricInput = { detectedAt: Date; containedAt: Date | null; closedAt: Date | null; category: string; systems: { id: string; name: string }[] };
export type MetricRow = { key: string; label: string; incidents: number; contained: number; medianHoursToContain: number | null; closed: number; medianHoursToClose: number | null };

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const m = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return Math.round(m * 10) / 10;
}

const hoursBetween = (a: Date, b: Date) => Math.max(0, (b.getTime() - a.getTime()) / 3_600_000);

/**
 * Time to contain (detection → first containment) and time to close (detection → closing),
 * in hours, as medians per group. An incident affecting two systems counts for each.
 */
export function groupMetrics(rows: MetricInput[], by: "system" | "category", labelOf: (key: string) => string = (k) => k): MetricRow[] {
  const groups = new Map<string, { label: string; items: MetricInput[] }>();
  for (const row of rows) {
    const keys = by === "category" ? [{ key: row.category, label: labelOf(row.category) }] : row.systems.map((s) => ({ key: s.id, label: s.name }));
    for (const k of keys) {
      const g = groups.get(k.key) ?? { label: k.label, items: [] };
      g.items.push(row);
      groups.set(k.key, g);
    }
  }
  return [...groups.entries()]
    .map(([key, g]) => {
      const contain = g.items.filter((r) => r.containedAt).map((r) => hoursBetween(r.detectedAt, r.containedAt!));
      const close = g.items.filter((r) => r.closedAt).map((r) => hoursBetween(r.detectedAt, r.closedAt!));
      return { key, label: g.label, incidents: g.items.length, contained: contain.length, medianHoursToContain: median(contain), closed: close.length, medianHoursToClose: median(close) };
    })
    .sort((a, b) => b.incidents - a.incidents || a.label.localeCompare(b.label));
}
