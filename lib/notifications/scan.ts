import "server-only";
import type { Db } from "@/lib/db/create-client";
import { dayStart } from "@/lib/home/providers";
import { todayUtc } from "@/lib/evidence/rules";
import { notify } from "./notify";

/** How far ahead the scheduled scan warns about expiries and due reviews, in days. */
export const WARN_DAYS = 14;

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The scheduled expiry and reminder scan: evidence and risk acceptances expiring within
 * WARN_DAYS, and periodic reviews due within WARN_DAYS or overdue, on live systems. Each event
 * carries a de-duplication key (object + date), so running it again (or on two instances at
 * once) adds nothing. Meant to run daily on the job queue (`systemActor`); safe to call by hand.
 *
 * @returns how many notifications were created per kind.
 */
export async function scanExpiries(db: Db, today = todayUtc()) {
  const until = dayStart(today, WARN_DAYS);
  const [evidence, acceptances, reviews] = await Promise.all([
    db.evidence.findMany({
      where: { deletedAt: null, revisedBy: { is: null }, expiresAt: { gte: dayStart(today), lte: until }, system: { archivedAt: null } },
      select: { id: true, systemId: true, title: true, expiresAt: true },
    }),
    db.riskAcceptance.findMany({
      where: { expiresOn: { gte: dayStart(today), lte: until }, threat: { threatModel: { status: "REVIEWED", system: { archivedAt: null } } } },
      select: { threatId: true, expiresOn: true, acceptedById: true, threat: { select: { title: true, threatModel: { select: { systemId: true } } } } },
    }),
    db.aiSystem.findMany({ where: { archivedAt: null, nextReviewDue: { lte: until } }, select: { id: true, nextReviewDue: true } }),
  ]);
  const counts = { evidence: 0, acceptances: 0, reviews: 0 };
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
  return counts;
}
