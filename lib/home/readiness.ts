import "server-only";
import { assertCan } from "@/lib/authz/policy";
import { PILLARS } from "@/lib/controls/library-schema";
import { todayUtc } from "@/lib/evidence/rules";
import type { ServiceContext } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { dayStart } from "./providers";

export type NextStep = { text: string; href: string; tone: "red" | "amber" | "blue" | "green" };

/**
 * A system's readiness card: applicable controls done (MET or NOT_APPLICABLE, from
 * SystemReadiness), per pillar, how many wait for a reviewer, and the one next step, chosen in
 * this order: no checklist → overdue items → reviewer decisions → open items without an owner →
 * the first open control of the least complete pillar → done.
 * @throws NotFoundError when the actor may not see the system; ForbiddenError without checklist:read.
 */
export async function getReadinessCard(ctx: ServiceContext, systemId: string, today = todayUtc()) {
  const { actor, db } = ctx;
  assertCan(actor, "checklist:read");
  await loadSystemFacts(db, actor, systemId);
  const open = { checklist: { systemId }, applicable: true, status: { notIn: ["MET", "NOT_APPLICABLE"] as ("MET" | "NOT_APPLICABLE")[] } };
  const [readiness, pillars, overdue, unowned] = await Promise.all([
    db.systemReadiness.findUnique({ where: { systemId } }),
    db.systemPillarReadiness.findMany({ where: { systemId } }),
    db.checklistItem.count({ where: { ...open, dueDate: { lt: dayStart(today) } } }),
    db.checklistItem.count({ where: { ...open, ownerId: null } }),
  ]);
  const base = `/systems/${systemId}/checklist`;
  const byPillar = PILLARS.map((p) => {
    const row = pillars.find((x) => x.pillar === p.id);
    return { pillar: p.id, title: p.title, done: row?.done ?? 0, total: row?.total ?? 0, percent: row ? row.percent : null };
  });
  let next: NextStep;
  const isReviewer = actor.role === "SECURITY_REVIEWER" || actor.role === "ADMIN";
  if (!readiness) {
    next = { text: "This system has no checklist yet: open the Checklist tab to create it from the control library.", href: base, tone: "amber" };
  } else if (overdue) {
    next = { text: `${overdue} open ${overdue === 1 ? "control is" : "controls are"} past due: bring ${overdue === 1 ? "it" : "them"} up to date.`, href: `${base}?overdue=1`, tone: "red" };
  } else if (readiness.reviewerWaiting) {
    const n = readiness.reviewerWaiting;
    next = isReviewer
      ? { text: `Decide ${n} reviewer-only ${n === 1 ? "control" : "controls"} the team has worked on.`, href: `${base}?status=IN_PROGRESS`, tone: "amber" }
      : { text: `${n} reviewer-only ${n === 1 ? "control waits" : "controls wait"} for a security reviewer's decision.`, href: `${base}?status=IN_PROGRESS`, tone: "blue" };
  } else if (unowned) {
    next = { text: `Give an owner to ${unowned} open ${unowned === 1 ? "control" : "controls"}.`, href: `${base}?owner=none`, tone: "blue" };
  } else if (readiness.done < readiness.total) {
    const pillar = byPillar.filter((p) => p.total > p.done).sort((a, b) => (a.percent ?? 0) - (b.percent ?? 0))[0]!;
    const first = await db.checklistItem.findFirst({
      where: { ...open, control: { pillar: pillar.pillar } },
      orderBy: { control: { position: "asc" } },
      select: { id: true, control: { select: { code: true, title: true } } },
    });
    next = first
      ? { text: `Next: ${first.control.code} ${first.control.title} (${pillar.title}, the least complete pillar).`, href: `${base}?item=${first.id}`, tone: "blue" }
      : { text: "Work through the open controls.", href: base, tone: "blue" };
  } else {
    next = { text: "Every applicable control is done. Keep evidence current before it expires.", href: `/systems/${systemId}/evidence`, tone: "green" };
  }
  return {
    hasChecklist: Boolean(readiness),
    total: readiness?.total ?? 0,
    done: readiness?.done ?? 0,
    percent: readiness?.percent ?? 0,
    reviewerWaiting: readiness?.reviewerWaiting ?? 0,
    overdue,
    unowned,
    pillars: byPillar,
    next,
  };
}
export type ReadinessCardData = Awaited<ReturnType<typeof getReadinessCard>>;
