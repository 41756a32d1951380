import { describe, expect, it } from "vitest";
import type { IncidentStatus } from "@/generated/prisma/enums";
import { STATUSES } from "./catalog";
import {
  deadlineFrom,
  decideIncidentTransition,
  DEFAULT_NOTIFICATION_RULES,
  dutiesFor,
  dutyState,
  eventsFrom,
  groupMetrics,
  INCIDENT_TRANSITIONS,
  normaliseRules,
  type IncidentEvent,
} from "./rules";
import { splitTags, ZReportIncident } from "./schema";

const base: { rootCause: string | null; lessonsLearned: string | null; comment: string | null } = { rootCause: null, lessonsLearned: null, comment: null };
const decide = (status: IncidentStatus, event: IncidentEvent, extra: Partial<typeof base> = {}) => decideIncidentTransition({ status, event, ...base, ...extra });

describe("[INCIDENTS] transition table", () => {
  it("OPEN → TRIAGED by triage", () => {
    expect(decide("OPEN", "triage")).toEqual({ ok: true, to: "TRIAGED" });
  });
  it("TRIAGED → CONTAINED by contain", () => {
    expect(decide("TRIAGED", "contain")).toEqual({ ok: true, to: "CONTAINED" });
  });
  it("CONTAINED → RESOLVED by resolve", () => {
    expect(decide("CONTAINED", "resolve")).toEqual({ ok: true, to: "RESOLVED" });
  });
  it("RESOLVED → CLOSED only with root cause and lessons learned", () => {
    expect(decide("RESOLVED", "close")).toEqual({ ok: false, reason: "Closing needs the root cause and the lessons learned." });
    expect(decide("RESOLVED", "close", { rootCause: "Unfiltered tool output" })).toEqual({ ok: false, reason: "Closing needs the lessons learned." });
    expect(decide("RESOLVED", "close", { rootCause: "  ", lessonsLearned: "Filter tool output" })).toEqual({ ok: false, reason: "Closing needs the root cause." });
    expect(decide("RESOLVED", "close", { rootCause: "Unfiltered tool output", lessonsLearned: "Filter tool output" })).toEqual({ ok: true, to: "CLOSED" });
  });
  it("CLOSED, RESOLVED and CONTAINED → OPEN by reopen, only with a reason", () => {
    for (const status of ["CLOSED", "RESOLVED", "CONTAINED"] as const) {
      expect(decide(status, "reopen")).toEqual({ ok: false, reason: "Say why the incident is reopened." });
      expect(decide(status, "reopen", { comment: "Same payload seen again" })).toEqual({ ok: true, to: "OPEN" });
    }
  });
  it("refuses every step the table does not list", () => {
    for (const status of STATUSES) {
      for (const event of Object.keys(INCIDENT_TRANSITIONS) as IncidentEvent[]) {
        const listed = (INCIDENT_TRANSITIONS[event].from as readonly string[]).includes(status);
        const d = decide(status, event, { rootCause: "x", lessonsLearned: "y", comment: "z" });
        expect(d.ok, `${status} ${event}`).toBe(listed);
      }
    }
    expect(decide("OPEN", "close", { rootCause: "x", lessonsLearned: "y" })).toEqual({ ok: false, reason: "An incident that is open cannot be moved to closed." });
    expect(decide("OPEN", "reopen", { comment: "x" })).toEqual({ ok: false, reason: "An incident that is open cannot be reopened." });
  });
  it("offers the events of each status", () => {
    expect(eventsFrom("OPEN")).toEqual(["triage"]);
    expect(eventsFrom("TRIAGED")).toEqual(["contain"]);
    expect(eventsFrom("CONTAINED")).toEqual(["resolve", "reopen"]);
    expect(eventsFrom("RESOLVED")).toEqual(["close", "reopen"]);
    expect(eventsFrom("CLOSED")).toEqual(["reopen"]);
  });
});

describe("[INCIDENTS] notification deadlines", () => {
  const detected = new Date("2026-11-30T10:00:00Z");
  it("computes deadlines from the detection time", () => {
    expect(deadlineFrom(detected, 72).toISOString()).toBe("2026-12-03T10:00:00.000Z");
    expect(deadlineFrom(detected, 1).toISOString()).toBe("2026-11-30T11:00:00.000Z");
  });
  it("ships a 72-hour regulator rule for SEV1 and SEV2 and none for SEV4", () => {
    expect(dutiesFor(DEFAULT_NOTIFICATION_RULES, "SEV1")).toContainEqual({ party: "REGULATOR", hours: 72 });
    expect(dutiesFor(DEFAULT_NOTIFICATION_RULES, "SEV2")).toContainEqual({ party: "REGULATOR", hours: 72 });
    expect(dutiesFor(DEFAULT_NOTIFICATION_RULES, "SEV4")).toEqual([]);
  });
  it("flags a duty overdue once its deadline passed, never when done", () => {
    const dueAt = deadlineFrom(detected, 72);
    expect(dutyState({ dueAt, doneAt: null }, new Date("2026-12-03T09:59:59Z"))).toBe("due");
    expect(dutyState({ dueAt, doneAt: null }, new Date("2026-12-03T10:00:01Z"))).toBe("overdue");
    expect(dutyState({ dueAt, doneAt: new Date("2026-12-04T00:00:00Z") }, new Date("2026-12-05T00:00:00Z"))).toBe("done");
    expect(dutyState({ dueAt: null, doneAt: null }, new Date())).toBe("no-deadline");
  });
  it("keeps only positive whole hours from stored rules", () => {
    const rules = normaliseRules({ SEV1: { REGULATOR: 48, VENDOR: -1, CUSTOMERS: 1.5, NOBODY: 3 }, SEV9: { REGULATOR: 1 } });
    expect(rules.SEV1).toEqual({ REGULATOR: 48 });
    expect(rules.SEV2).toEqual({});
    expect(normaliseRules(null)).toBe(DEFAULT_NOTIFICATION_RULES);
  });
});

describe("[INCIDENTS] metrics", () => {
  it("gives median hours to contain and close per system and category", () => {
    const t = (h: number) => new Date(Date.UTC(2026, 10, 1) + h * 3_600_000);
    const a = { id: "a", name: "Alpha" };
    const b = { id: "b", name: "Beta" };
    const rows = [
      { detectedAt: t(0), containedAt: t(2), closedAt: t(50), category: "JAILBREAK", systems: [a] },
      { detectedAt: t(0), containedAt: t(4), closedAt: null, category: "JAILBREAK", systems: [a, b] },
      { detectedAt: t(0), containedAt: null, closedAt: null, category: "OTHER", systems: [b] },
    ];
    const bySystem = groupMetrics(rows, "system");
    expect(bySystem).toEqual([
      { key: "a", label: "Alpha", incidents: 2, contained: 2, medianHoursToContain: 3, closed: 1, medianHoursToClose: 50 },
      { key: "b", label: "Beta", incidents: 2, contained: 1, medianHoursToContain: 4, closed: 0, medianHoursToClose: null },
    ]);
    expect(groupMetrics(rows, "category").map((r) => [r.key, r.incidents])).toEqual([
      ["JAILBREAK", 2],
      ["OTHER", 1],
    ]);
  });
});

describe("[INCIDENTS] report input", () => {
  const valid = {
    title: "Injected instructions in a support ticket",
    category: "PROMPT_INJECTION",
    severity: "SEV2",
    systemIds: ["sys1"],
    detectedAt: "2026-11-30T09:15",
    description: "The assistant followed instructions hidden in a ticket.",
    impact: "One customer's ticket history was shown to another.",
    tags: ["LLM01:2025", "AML.T0051.001", "ASI01"],
  };
  it("accepts allow-listed ATLAS and OWASP ids and splits them", () => {
    const parsed = ZReportIncident.parse(valid);
    expect(parsed.detectedAt.toISOString()).toBe("2026-11-30T09:15:00.000Z");
    expect(splitTags(parsed.tags)).toEqual({ atlas: ["AML.T0051.001"], owaspLlm: ["LLM01:2025"], owaspAgentic: ["ASI01"] });
  });
  it("refuses unknown tags, future detection and a missing system", () => {
    expect(ZReportIncident.safeParse({ ...valid, tags: ["AML.T9999"] }).success).toBe(false);
    expect(ZReportIncident.safeParse({ ...valid, tags: ["AML.M0005"] }).success).toBe(false);
    expect(ZReportIncident.safeParse({ ...valid, detectedAt: "2999-01-01T00:00" }).success).toBe(false);
    expect(ZReportIncident.safeParse({ ...valid, systemIds: [] }).success).toBe(false);
    expect(ZReportIncident.safeParse({ ...valid, detectedAt: "2026-02-30T10:00" }).success).toBe(false);
  });
});
