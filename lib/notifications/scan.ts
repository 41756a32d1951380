import "server-only";
import type { Db } from "@/lib/db/create-client";
import { dayStart } from "@/lib/home/providers";
import { todayUtc } from "@/lib/evidence/rules";
import { notify } from "./notify";
import { APPROVAL_WARN_DAYS, approvalNotice } from "./rules";

/** How far ahead the scheduled scan warns about expiries and due reviews, in days. */
export const WARN_DAYS = 14;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The scheduled expiry and reminder scan: evidence and risk acceptances expiring within
 * WARN_DAYS, periodic reviews due within WARN_DAYS or overdue, and approvals in force expiring
 * within 30 days (a notice at 30 days and another at 7: APPROVAL_WARN_DAYS), on live systems.
 * Each event carries a de-duplication key (object + date, + the notice for approvals), so
 * running it again (or on two instances at once) adds nothing. Meant to run daily on the job queue (`systemActor`); safe to call by hand.
 *
 * @returns how many notifications were created per kind.
 */
export async function scanExpiries(db: Db, today = todayUtc()) {
  const until = dayStart(today, WARN_DAYS);
  const [evidence, acceptances, reviews, approvals] = await Promise.all([
    db.evidence.findMany({
      where: { deletedAt: null, revisedBy: { is: null }, expiresAt: { gte: dayStart(today), lte: until }, system: { archivedAt: null } },
      select: { id: true, systemId: true, title: true, expiresAt: true },
    }),
    db.riskAcceptance.findMany({
      where: { expiresOn: { gte: dayStart(today), lte: until }, threat: { threatModel: { status: "REVIEWED", system: { archivedAt: null } } } },
      select: { threatId: true, expiresOn: true, acceptedById: true, threat: { select: { title: true, threatModel: { select: { systemId: true } } } } },
    }),
    db.aiSystem.findMany({ where: { archivedAt: null, nextReviewDue: { lte: until } }, select: { id: true, nextReviewDue: true } }),
    db.approvalRequest.findMany({
      where: { state: "APPROVED", expiresAt: { gte: dayStart(today), lt: dayStart(today, APPROVAL_WARN_DAYS[0] + 1) }, system: { archivedAt: null } },
      select: { id: true, systemId: true, environment: true, expiresAt: true },
    }),
  ]);
  const counts = { evidence: 0, acceptances: 0, reviews: 0, approvals: 0 };
  for (const e of evidence) {
    counts.evidence += (await notify(db, { kind: "evidence.expiring", systemId: e.systemId, evidenceId: e.id, title: e.title, expiresOn: iso(e.expiresAt!) })).recipients.length;
  }
  for (const a of acceptances) {
    counts.acceptances += (
      await notify(db, { kind: "acceptance.expiring", systemId: a.threat.threatModel.systemId, threatId: a.threatId, title: a.threat.title, expiresOn: iso(a.expiresOn), acceptedById: a.acceptedById })
    ).recipients.length;
  }
  for (const s of reviews) {
    counts.reviews += (await notify(db, { kind: "review.due", systemId: s.id, dueOn: iso(s.nextReviewDue!) })).recipients.length;
  }
  for (const a of approvals) {
    const warnDays = approvalNotice(a.expiresAt!, today);
    if (warnDays === null) continue;
    counts.approvals += (
      await notify(db, { kind: "approval.expiring", systemId: a.systemId, approvalId: a.id, href: `/approvals/${a.id}`, expiresOn: iso(a.expiresAt!), warnDays, environment: a.environment })
    ).recipients.length;
  }
  return counts;
}
