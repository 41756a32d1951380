import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/authz/actor";
import { useTestDatabase } from "@/test/db";
import { actorOf, createActor, createUser, systemInput } from "@/test/factories";
import { createSystem } from "@/lib/systems/create-system";
import { listSystems } from "@/lib/systems/queries";
import { todayUtc } from "@/lib/evidence/rules";
import { homeContext, loadTaskGroups, loadTaskList, portfolioPosture, providersFor } from "./queries";
import { dayStart } from "./providers";
import type { HomeContext } from "./types";
import { getReadinessCard } from "./readiness";
import { reportIncident } from "@/lib/incidents/report";
import { listIncidents } from "@/lib/incidents/queries";
import { listApprovals } from "@/lib/approvals/portfolio";

const t = useTestDatabase();
const today = todayUtc();
const day = (offset: number) => dayStart(today, offset);

type World = {
  poA: UserActor;
  poB: UserActor;
  reviewer: UserActor;
  auditor: UserActor;
  admin: UserActor;
  a1: string;
  shared: string;
  b1: string;
  archived: string;
  items: Record<string, string>;
  incidents: { severe: string; minor: string };
  approvals: Record<string, string>;
};
const w = {} as World;

async function firstItems(systemId: string, n: number, where: object = {}) {
  return t.db.checklistItem.findMany({ where: { checklist: { systemId }, applicable: true, ...where }, orderBy: { id: "asc" }, take: n, select: { id: true } });
}

/** All items of one task list, paged through as /tasks/<key> does. */
async function everything(ctx: HomeContext, key: string) {
  const out = [];
  for (let skip = 0; ; skip += 7) {
    const page = await loadTaskList(ctx, key, { skip, take: 7 });
    out.push(...page.items);
    if (page.items.length < 7) return { total: page.total, items: out };
  }
}

beforeAll(async () => {
  w.poA = await createActor(t.db, "PRODUCT_OWNER");
  w.poB = await createActor(t.db, "PRODUCT_OWNER");
  w.reviewer = await createActor(t.db, "SECURITY_REVIEWER");
  w.auditor = await createActor(t.db, "AUDITOR");
  w.admin = await createActor(t.db, "ADMIN");
  await createUser(t.db, null, { name: "Waiting Newcomer" });
  const make = async (owner: UserActor, overrides: Record<string, unknown>) => (await createSystem({ actor: owner, db: t.db }, systemInput(overrides))).id;
  w.a1 = await make(w.poA, { riskTier: "HIGH", nextReviewDue: day(-3).toISOString().slice(0, 10) });
  w.shared = await make(w.poB, { riskTier: "LOW", contributorIds: [w.poA.id], nextReviewDue: day(20).toISOString().slice(0, 10) });
  w.b1 = await make(w.poB, { riskTier: "CRITICAL", autonomy: "AGENTIC", nextReviewDue: day(-40).toISOString().slice(0, 10) });
  w.archived = await make(w.poB, { riskTier: "CRITICAL", nextReviewDue: day(-40).toISOString().slice(0, 10) });

  // Assigned, overdue: one for each owner, one on the archived system (never shown).
  const [a1Item, a1Done] = await firstItems(w.a1, 2);
  const [b1Item] = await firstItems(w.b1, 1);
  const [arItem] = await firstItems(w.archived, 1);
  await t.db.checklistItem.update({ where: { id: a1Item!.id }, data: { ownerId: w.poA.id, dueDate: day(-2), status: "IN_PROGRESS" } });
  await t.db.checklistItem.update({ where: { id: a1Done!.id }, data: { ownerId: w.poA.id, dueDate: day(-2), status: "NOT_APPLICABLE", justification: "Does not apply because of the profile." } });
  await t.db.checklistItem.update({ where: { id: b1Item!.id }, data: { ownerId: w.poB.id, dueDate: day(-5) } });
  await t.db.checklistItem.update({ where: { id: arItem!.id }, data: { ownerId: w.poB.id, dueDate: day(-5) } });

  // Reviewer-only controls in progress on A1, B1 and the archived system.
  const reviewerOnly = { control: { reviewerOnly: true } };
  const [a1Rev] = await firstItems(w.a1, 1, reviewerOnly);
  const [b1Rev, b1Rev2] = await firstItems(w.b1, 2, reviewerOnly);
  const [arRev] = await firstItems(w.archived, 1, reviewerOnly);
  await t.db.checklistItem.updateMany({ where: { id: { in: [a1Rev!.id, b1Rev!.id, b1Rev2!.id, arRev!.id] } }, data: { status: "IN_PROGRESS" } });

  // Evidence: expiring in 10 days (A1, B1), expired and still relied on by a MET item (B1).
  const note = (systemId: string, uploadedById: string, expiresAt: Date | null, title: string) =>
    t.db.evidence.create({ data: { systemId, kind: "NOTE", title, noteBody: "x", effectiveDate: day(-100), expiresAt, uploadedById } });
  await note(w.a1, w.poA.id, day(10), "A1 pen test");
  await note(w.b1, w.poB.id, day(10), "B1 pen test");
  const expired = await note(w.b1, w.poB.id, day(-1), "B1 old DPIA");
  const [b1Met] = await firstItems(w.b1, 1, { id: { not: b1Item!.id }, status: "NOT_STARTED", control: { reviewerOnly: false } });
  await t.db.checklistItemEvidence.create({ data: { itemId: b1Met!.id, evidenceId: expired.id, linkedById: w.poB.id } });
  await t.db.checklistItem.update({ where: { id: b1Met!.id }, data: { status: "MET" } });
  // Decoys the expired-evidence list must not count: expired but linked only to an item that is
  // not MET; expired and MET-linked but revised since; expired and MET-linked on an archived system.
  const notMetLinked = await note(w.b1, w.poB.id, day(-2), "B1 linked to unmet");
  await t.db.checklistItemEvidence.create({ data: { itemId: b1Item!.id, evidenceId: notMetLinked.id, linkedById: w.poB.id } });
  const revised = await note(w.b1, w.poB.id, day(-3), "B1 revised DPIA");
  await t.db.checklistItemEvidence.create({ data: { itemId: b1Met!.id, evidenceId: revised.id, linkedById: w.poB.id } });
  await t.db.evidence.create({ data: { systemId: w.b1, kind: "NOTE", title: "B1 revised DPIA v2", noteBody: "x", effectiveDate: day(-1), uploadedById: w.poB.id, revisionOfId: revised.id } });
  const [arMet] = await firstItems(w.archived, 1, { id: { not: arRev!.id } });
  const archivedExpired = await note(w.archived, w.poA.id, day(-1), "Archived old DPIA");
  await t.db.checklistItemEvidence.create({ data: { itemId: arMet!.id, evidenceId: archivedExpired.id, linkedById: w.poA.id } });
  await t.db.checklistItem.update({ where: { id: arMet!.id }, data: { status: "MET" } });

  // Threat models: one waiting for review (A1), one in force on B1 with an acceptance expiring in 20 days.
  await t.db.threatModel.create({ data: { systemId: w.a1, version: 1, status: "IN_REVIEW", libraryVersion: "1.0.0", authorId: w.reviewer.id, submittedAt: day(-4) } });
  const tm = await t.db.threatModel.create({ data: { systemId: w.b1, version: 1, status: "DRAFT", libraryVersion: "1.0.0", authorId: w.reviewer.id } });
  const threat = await t.db.threat.create({ data: { threatModelId: tm.id, title: "Prompt injection through tickets", description: "x", likelihood: 3, impact: 4, position: 1, treatment: "ACCEPT" } });
  await t.db.riskAcceptance.create({ data: { threatId: threat.id, acceptedById: w.reviewer.id, rationale: "Low volume", expiresOn: day(20) } });
  await t.db.threatModel.update({ where: { id: tm.id }, data: { status: "REVIEWED", reviewedAt: day(-30) } });

  // Incidents: a SEV1 on B1 detected three days ago, led by the reviewer (its notification duties
  // are overdue), and a fresh SEV3 on A1 without a lead.
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString().slice(0, 16);
  const incident = (owner: UserActor, systemId: string, severity: string, detectedAt: string, extra: Record<string, unknown> = {}) =>
    reportIncident({ actor: owner, db: t.db }, { title: `${severity} on ${systemId}`, category: "PROMPT_INJECTION", severity, systemIds: [systemId], detectedAt, description: "Hidden instructions in a ticket.", impact: "One customer saw another's history.", tags: [], ...extra });
  w.incidents = {
    severe: (await incident(w.poB, w.b1, "SEV1", hoursAgo(72), { leadId: w.reviewer.id })).id,
    minor: (await incident(w.poA, w.a1, "SEV3", hoursAgo(2))).id,
  };

  // Approval requests (rows written directly: the home page's reading of them is under test).
  const request = async (systemId: string, requesterId: string, state: string, extra: Record<string, unknown> = {}) =>
    (await t.db.approvalRequest.create({ data: { systemId, requesterId, state: state as "DRAFT", releaseLabel: `${state.toLowerCase()}-${Math.random().toString(36).slice(2, 7)}`, environment: "production", round: state === "DRAFT" ? 0 : 1, submittedAt: state === "DRAFT" ? null : day(-5), ...extra } })).id;
  w.approvals = {
    // Waiting for reviewers: on B1 (poB's), on A1 already decided by the reviewer this round,
    // on the shared system decided by the reviewer in an earlier round only, opened by the admin, on the archived system.
    b1Submitted: await request(w.b1, w.poB.id, "SUBMITTED", { submittedAt: day(-6) }),
    a1Decided: await request(w.a1, w.poA.id, "SUBMITTED"),
    sharedRound2: await request(w.shared, w.poB.id, "SUBMITTED", { round: 2, submittedAt: day(-1) }),
    byAdmin: await request(w.b1, w.admin.id, "SUBMITTED", { submittedAt: day(-2) }),
    archived: await request(w.archived, w.poB.id, "SUBMITTED"),
    // Sent back: one to each owner.
    a1Back: await request(w.a1, w.poA.id, "CHANGES_REQUESTED", { stateReason: "Add the red-team report." }),
    b1Back: await request(w.b1, w.poB.id, "CHANGES_REQUESTED"),
    sharedDraft: await request(w.shared, w.poA.id, "DRAFT"),
    // B1 approved on an exception, expiring in 10 days; A1's last approval went stale 3 days ago.
    b1Approved: await request(w.b1, w.poB.id, "APPROVED", { approvedAt: day(-20), expiresAt: day(10), needsException: true }),
    a1Stale: await request(w.a1, w.poA.id, "STALE", { approvedAt: day(-40), closedAt: day(-3), stateReason: "The model changed." }),
  };
  await t.db.approvalDecision.create({ data: { requestId: w.approvals.a1Decided!, round: 1, reviewerId: w.reviewer.id, outcome: "APPROVE", comment: "Looks fine." } });
  await t.db.approvalDecision.create({ data: { requestId: w.approvals.sharedRound2!, round: 1, reviewerId: w.reviewer.id, outcome: "REQUEST_CHANGES", comment: "Fix the tests." } });
  await t.db.approvalException.create({ data: { requestId: w.approvals.b1Approved!, round: 1, reviewerId: w.reviewer.id, rationale: "Pen test booked.", expiresOn: day(20), failingRules: ["evidence-current"] } });

  await t.db.aiSystem.update({ where: { id: w.archived }, data: { archivedAt: new Date() } });
  w.items = { a1Item: a1Item!.id, a1Done: a1Done!.id, b1Item: b1Item!.id, arItem: arItem!.id, a1Rev: a1Rev!.id, b1Rev: b1Rev!.id, arRev: arRev!.id, b1Met: b1Met!.id };
}, 120_000);

const ctxOf = (actor: UserActor) => homeContext({ actor, db: t.db }, { today });

describe("[HOME] what needs me, per role", () => {
  it("a product owner sees only their own and contributed systems' tasks, never another owner's", async () => {
    const groups = await loadTaskGroups(await ctxOf(w.poA));
    const byKey = Object.fromEntries(groups.map((g) => [g.key, g]));
    expect(Object.keys(byKey).sort()).toEqual(["acceptances-expiring", "approvals-in-progress", "approvals-sent-back", "assigned", "evidence-expiring", "reviews-due", "waiting-on-reviewer"]);
    expect(byKey.assigned!.items.map((i) => i.id)).toEqual([w.items.a1Item]);
    expect(byKey.assigned!.items[0]!.tone).toBe("red");
    expect(byKey["waiting-on-reviewer"]!.items.map((i) => i.id)).toEqual([w.items.a1Rev]);
    expect(byKey["evidence-expiring"]!.items.map((i) => i.title)).toEqual(["A1 pen test"]);
    expect(byKey["reviews-due"]!.items.map((i) => i.id)).toEqual([w.a1, w.shared]);
    expect(byKey["acceptances-expiring"]!.count).toBe(0);

    const b = Object.fromEntries((await loadTaskGroups(await ctxOf(w.poB))).map((g) => [g.key, g]));
    expect(b.assigned!.items.map((i) => i.id)).toEqual([w.items.b1Item]);
    expect(b["waiting-on-reviewer"]!.count).toBe(2);
    expect(b["acceptances-expiring"]!.items.map((i) => i.title)).toEqual(["Prompt injection through tickets"]);
    expect(b["reviews-due"]!.items.map((i) => i.id)).toEqual([w.b1, w.shared]);
  });

  it("a security reviewer gets checklist decisions (oldest first, archived systems left out) and threat models to review", async () => {
    const groups = Object.fromEntries((await loadTaskGroups(await ctxOf(w.reviewer))).map((g) => [g.key, g]));
    expect(Object.keys(groups).sort()).toEqual(["acceptances-expiring", "approvals-to-decide", "assigned", "incidents-led", "notification-duties", "reviewer-decisions", "threat-reviews"]);
    expect(groups["incidents-led"]!.items.map((i) => i.href)).toEqual([`/incidents/${w.incidents.severe}`]);
    expect(groups["notification-duties"]!.count).toBeGreaterThan(0);
    expect(groups["notification-duties"]!.items[0]!.tone).toBe("red");
    expect(groups["reviewer-decisions"]!.count).toBe(3);
    expect(groups["reviewer-decisions"]!.items.map((i) => i.id)).not.toContain(w.items.arRev);
    expect(groups["threat-reviews"]!.items.map((i) => i.href)).toEqual([`/systems/${w.a1}/threat-model`]);
    expect(groups["reviewer-decisions"]!.items[0]!.href).toMatch(/^\/systems\/[^/]+\/checklist\?item=/);
  });

  it("an auditor gets changes since a day, expired evidence still relied on and exceptions in force", async () => {
    const groups = Object.fromEntries((await loadTaskGroups(await ctxOf(w.auditor))).map((g) => [g.key, g]));
    expect(Object.keys(groups).sort()).toEqual(["approval-exceptions", "changes-since", "exceptions-in-force", "expired-evidence", "systems-without-approval"]);
    expect(groups["changes-since"]!.count).toBeGreaterThanOrEqual(4);
    expect(groups["expired-evidence"]!.items.map((i) => i.title)).toEqual(["B1 old DPIA"]);
    expect(groups["expired-evidence"]!.count).toBe(1);
    expect(groups["exceptions-in-force"]!.count).toBe(1);
    const later = Object.fromEntries((await loadTaskGroups(await homeContext({ actor: w.auditor, db: t.db }, { today, since: dayStart(today, 1).toISOString().slice(0, 10) }))).map((g) => [g.key, g]));
    // A "since" after today is not accepted: the default (7 days back) applies.
    expect(later["changes-since"]!.count).toBe(groups["changes-since"]!.count);
  });

  it("an admin gets people waiting for access and the reviewer's queues", async () => {
    const groups = Object.fromEntries((await loadTaskGroups(await ctxOf(w.admin))).map((g) => [g.key, g]));
    expect(groups["users-awaiting-access"]!.items.map((i) => i.title)).toContain("Waiting Newcomer");
    expect(groups["reviewer-decisions"]!.count).toBe(3);
  });

  it("every list's count equals the number of items its full list pages through, for every role; a product owner's items all lie on their systems", async () => {
    for (const actor of [w.poA, w.poB, w.reviewer, w.auditor, w.admin]) {
      const ctx = await ctxOf(actor);
      const visible = new Set((await listSystems(ctx, { limit: 100 })).items.map((s) => s.id));
      for (const provider of providersFor(ctx)) {
        const { total, items } = await everything(ctx, provider.key);
        expect(items.length, `${actor.role} ${provider.key}`).toBe(total);
        expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
        if (actor.role === "PRODUCT_OWNER") {
          for (const item of items) {
            const requestId = item.href.match(/^\/approvals\/([^/?]+)$/)?.[1];
            const systemId = requestId ? (await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).systemId : item.href.match(/^\/systems\/([^/?]+)/)?.[1];
            expect(systemId && visible.has(systemId), `${provider.key} ${item.href}`).toBe(true);
          }
        }
      }
    }
  }, 120_000);

  it("a task list of another role is not found", async () => {
    await expect(loadTaskList(await ctxOf(w.poA), "reviewer-decisions", { skip: 0, take: 5 })).rejects.toThrow(/No such task list/);
    await expect(loadTaskList(await ctxOf(w.auditor), "nope", { skip: 0, take: 5 })).rejects.toThrow(/No such task list/);
  });
});

describe("[HOME] portfolio posture", () => {
  it("every number equals the total of the systems list its link opens, for every role", async () => {
    for (const actor of [w.poA, w.poB, w.reviewer, w.auditor, w.admin]) {
      const ctx = await ctxOf(actor);
      const posture = await portfolioPosture(ctx);
      const figures = [
        { count: posture.total, href: "/systems" },
        posture.reviews.overdue,
        posture.reviews.dueSoon,
        ...posture.byTier,
        ...posture.lifecycle.flatMap((r) => [{ count: r.total, href: r.href }, ...r.segments]),
        ...posture.pillars.flatMap((r) => [{ count: r.total, href: r.href }, ...r.segments]),
      ];
      for (const f of figures) {
        const url = new URL(f.href, "http://x");
        const query: Record<string, string | string[]> = {};
        for (const key of new Set(url.searchParams.keys())) {
          const all = url.searchParams.getAll(key);
          query[key] = all.length > 1 ? all : all[0]!;
        }
        const list = await listSystems(ctx, query, today);
        expect(list.total, `${actor.role} ${f.href}`).toBe(f.count);
      }
    }
    // About 250 list queries: 17 s on a loaded two-core machine, so a generous limit.
  }, 300_000);

  it("counts what each role may see: the archived system is out, a product owner sees own and contributed systems only", async () => {
    expect((await portfolioPosture(await ctxOf(w.admin))).total).toBeGreaterThanOrEqual(3);
    const a = await portfolioPosture(await ctxOf(w.poA));
    expect(a.total).toBe(2);
    expect(a.reviews.overdue.count).toBe(1);
    expect(a.reviews.dueSoon.count).toBe(1);
    const b = await portfolioPosture(await ctxOf(w.poB));
    expect(b.total).toBe(2);
    expect(b.byTier.find((x) => x.key === "CRITICAL")!.count).toBe(1);
  });

  it("readiness follows item changes (trigger): done, total and reviewer-waiting match the items", async () => {
    const check = async (systemId: string) => {
      const items = await t.db.checklistItem.findMany({ where: { checklist: { systemId } }, select: { applicable: true, status: true, control: { select: { reviewerOnly: true, pillar: true } } } });
      const applicable = items.filter((i) => i.applicable);
      const done = applicable.filter((i) => i.status === "MET" || i.status === "NOT_APPLICABLE").length;
      const r = await t.db.systemReadiness.findUniqueOrThrow({ where: { systemId } });
      expect(r.total).toBe(applicable.length);
      expect(r.done).toBe(done);
      expect(r.percent).toBe(Math.floor((100 * done) / applicable.length));
      expect(r.reviewerWaiting).toBe(applicable.filter((i) => i.control.reviewerOnly && i.status === "IN_PROGRESS").length);
      const pillars = await t.db.systemPillarReadiness.findMany({ where: { systemId } });
      expect(pillars.reduce((n, p) => n + p.total, 0)).toBe(applicable.length);
      expect(pillars.reduce((n, p) => n + p.done, 0)).toBe(done);
      return r;
    };
    const before = await check(w.a1);
    expect(before.done).toBe(1);
    await t.db.checklistItem.updateMany({ where: { checklist: { systemId: w.a1 }, applicable: true, control: { pillar: "DES" } }, data: { status: "NOT_APPLICABLE", justification: "Covered by the platform team's controls." } });
    const after = await check(w.a1);
    expect(after.done).toBeGreaterThan(before.done);
    const des = await t.db.systemPillarReadiness.findUniqueOrThrow({ where: { systemId_pillar: { systemId: w.a1, pillar: "DES" } } });
    expect(des.band).toBe("COMPLETE");
    const list = await listSystems(await ctxOf(w.poA), { pillar: "DES", band: "COMPLETE" }, today);
    expect(list.items.map((s) => s.id)).toEqual([w.a1]);
    await check(w.b1);
  });

  it("the systems list sorts by readiness in both directions and pages through every system once", async () => {
    for (const dir of ["asc", "desc"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let percents: (number | null)[] = [];
      do {
        const page = await listSystems(await ctxOf(w.admin), { sort: "readiness", dir, limit: 2, cursor, archived: "all" });
        seen.push(...page.items.map((s) => s.id));
        percents = [...percents, ...page.items.map((s) => s.readiness?.percent ?? null)];
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const total = (await listSystems(await ctxOf(w.admin), { archived: "all" })).total;
      expect(seen.length).toBe(total);
      expect(new Set(seen).size).toBe(total);
      const numbers = percents.filter((p): p is number => p !== null);
      expect(numbers).toEqual([...numbers].sort((x, y) => (dir === "asc" ? x - y : y - x)));
    }
  });
});

describe("[HOME] readiness card", () => {
  it("counts done and reviewer-waiting controls and picks the next step; another owner gets not found", async () => {
    const card = await getReadinessCard({ actor: w.poB, db: t.db }, w.b1, today);
    const r = await t.db.systemReadiness.findUniqueOrThrow({ where: { systemId: w.b1 } });
    expect([card.done, card.total, card.reviewerWaiting]).toEqual([r.done, r.total, 2]);
    // B1 has an overdue item assigned: that comes first.
    expect(card.overdue).toBe(1);
    expect(card.next.href).toBe(`/systems/${w.b1}/checklist?overdue=1`);
    await t.db.checklistItem.update({ where: { id: w.items.b1Item }, data: { dueDate: null } });
    const reviewer = await getReadinessCard({ actor: w.reviewer, db: t.db }, w.b1, today);
    expect(reviewer.next.text).toMatch(/^Decide 2 reviewer-only controls/);
    await expect(getReadinessCard({ actor: w.poA, db: t.db }, w.b1, today)).rejects.toThrow(/not found/);
  });
});

describe("[HOME] open incidents", () => {
  it("every incident figure equals the total of the incident list its link opens, for every role; owners count only their systems' incidents", async () => {
    for (const actor of [w.poA, w.poB, w.reviewer, w.auditor, w.admin]) {
      const posture = await portfolioPosture(await ctxOf(actor));
      const section = posture.sections.find((s) => s.key === "incidents")!;
      expect(section.figures.length).toBe(8);
      for (const f of section.figures) {
        const url = new URL(f.href, "http://x");
        expect(url.pathname).toBe("/incidents");
        const list = await listIncidents({ actor, db: t.db }, Object.fromEntries(url.searchParams));
        expect(list.total, `${actor.role} ${f.href}`).toBe(f.count);
      }
    }
    const figures = async (actor: UserActor) => Object.fromEntries((await portfolioPosture(await ctxOf(actor))).sections.find((s) => s.key === "incidents")!.figures.map((f) => [f.key, f.count]));
    expect(await figures(w.poA)).toMatchObject({ sev1: 0, sev3: 1, "age-lt1d": 1, "age-1to7d": 0 });
    expect(await figures(w.poB)).toMatchObject({ sev1: 1, sev3: 0, "age-1to7d": 1, "overdue-duty": 1 });
    expect(await figures(w.reviewer)).toMatchObject({ sev1: 1, sev3: 1, "age-lt1d": 1, "age-1to7d": 1, "age-gt7d": 0 });
  }, 120_000);
});

describe("[HOME] approvals", () => {
  const groupsOf = async (actor: UserActor) => Object.fromEntries((await loadTaskGroups(await ctxOf(actor))).map((g) => [g.key, g]));

  it("a reviewer gets the submitted requests they may decide, oldest first with their age, each opening the request", async () => {
    const reviewer = (await groupsOf(w.reviewer))["approvals-to-decide"]!;
    // Not A1's (already decided this round), not the archived system's; the shared one's new round is back.
    expect(reviewer.items.map((i) => i.id)).toEqual([w.approvals.b1Submitted, w.approvals.byAdmin, w.approvals.sharedRound2]);
    expect(reviewer.count).toBe(3);
    expect(reviewer.items[0]!.href).toBe(`/approvals/${w.approvals.b1Submitted}`);
    expect(reviewer.items[0]!.detail).toMatch(/^Waiting 6 days/);
    expect(reviewer.items[0]!.tone).toBe("amber");
    // The admin never gets their own request.
    const admin = (await groupsOf(w.admin))["approvals-to-decide"]!;
    expect(admin.items.map((i) => i.id)).toEqual([w.approvals.b1Submitted, w.approvals.a1Decided, w.approvals.sharedRound2]);
    // Owners and auditors have no such list.
    expect((await groupsOf(w.poB))["approvals-to-decide"]).toBeUndefined();
    await expect(loadTaskList(await ctxOf(w.auditor), "approvals-to-decide", { skip: 0, take: 5 })).rejects.toThrow(/No such task list/);
  });

  it("a product owner gets the requests sent back to them and their requests in progress, never another owner's", async () => {
    const a = await groupsOf(w.poA);
    expect(a["approvals-sent-back"]!.items.map((i) => i.id)).toEqual([w.approvals.a1Back]);
    expect(a["approvals-sent-back"]!.items[0]!.detail).toBe("Changes requested · Add the red-team report.");
    expect(a["approvals-in-progress"]!.items.map((i) => i.id).sort()).toEqual([w.approvals.a1Decided, w.approvals.sharedDraft, w.approvals.sharedRound2].sort());
    const b = await groupsOf(w.poB);
    expect(b["approvals-sent-back"]!.items.map((i) => i.id)).toEqual([w.approvals.b1Back]);
    expect(b["approvals-in-progress"]!.items.map((i) => i.id)).not.toContain(w.approvals.a1Decided);
    expect(b["approvals-in-progress"]!.items.map((i) => i.id)).not.toContain(w.approvals.archived);
  });

  it("an auditor gets approvals resting on an exception in force and systems without a valid approval", async () => {
    const g = await groupsOf(w.auditor);
    expect(g["approval-exceptions"]!.items.map((i) => [i.id, i.date])).toEqual([[w.approvals.b1Approved, day(20).toISOString().slice(0, 10)]]);
    const without = g["systems-without-approval"]!.items.map((i) => i.id);
    expect(without).toContain(w.a1);
    expect(without).toContain(w.shared);
    expect(without).not.toContain(w.b1);
    expect(without).not.toContain(w.archived);
  });

  it("every approval figure equals the total of the approvals list its link opens, for every role", async () => {
    for (const actor of [w.poA, w.poB, w.reviewer, w.auditor, w.admin]) {
      const section = (await portfolioPosture(await ctxOf(actor))).sections.find((s) => s.key === "approvals")!;
      expect(section.figures.map((f) => f.key)).toEqual(["pending", "expiring", "stale"]);
      for (const f of section.figures) {
        const url = new URL(f.href, "http://x");
        expect(url.pathname).toBe("/approvals");
        expect(url.searchParams.get("view")).toBe("all");
        const list = await listApprovals({ actor, db: t.db }, Object.fromEntries(url.searchParams));
        expect(list.total, `${actor.role} ${f.href}`).toBe(f.count);
        expect(list.items.length).toBe(Math.min(list.total, list.pageSize));
      }
    }
    const figures = async (actor: UserActor) => Object.fromEntries((await portfolioPosture(await ctxOf(actor))).sections.find((s) => s.key === "approvals")!.figures.map((f) => [f.key, f.count]));
    expect(await figures(w.reviewer)).toEqual({ pending: 4, expiring: 1, stale: 1 });
    expect(await figures(w.poA)).toEqual({ pending: 2, expiring: 0, stale: 1 });
    expect(await figures(w.poB)).toEqual({ pending: 3, expiring: 1, stale: 0 });
  }, 120_000);
});

describe("[HOME] context", () => {
  it("a malformed since falls back to seven days back", async () => {
    const ctx = await homeContext({ actor: actorOf({ id: "x", email: "x@x", name: "X", role: "AUDITOR" }), db: t.db }, { today: "2026-11-30", since: "2026-02-31x" });
    expect(ctx.since).toBe("2026-11-23");
  });
});
