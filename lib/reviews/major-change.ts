import "server-only";
import { appendAudit } from "@/lib/audit/append";
import type { Actor, RequestMeta } from "@/lib/authz/actor";
import { todayUtc } from "@/lib/evidence/rules";
import type { Tx } from "@/lib/service-context";
import { pullForward, type MajorChange, type Tier } from "./rules";
import { getReviewIntervals } from "./settings";

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * Pulls a system's next review forward after major changes (see `pullForward`) and records why,
 * inside the caller's transaction (the system edit or asset change that caused it), with a
 * `system.review_rescheduled` audit event. Does nothing when there is no change or the review
 * is already due sooner.
 * @returns the new due date and reason, or null.
 */
export async function applyMajorChanges(tx: Tx, actor: Actor, systemId: string, changes: readonly MajorChange[], meta?: RequestMeta, today = todayUtc()) {
  if (!changes.length) return null;
  const system = await tx.aiSystem.findUniqueOrThrow({ where: { id: systemId }, select: { riskTier: true, nextReviewDue: true, lastReviewedOn: true, createdAt: true } });
  const intervals = await getReviewIntervals(tx);
  const moved = pullForward({ current: iso(system.nextReviewDue), anchor: iso(system.lastReviewedOn) ?? iso(system.createdAt)!, tier: system.riskTier as Tier, today, changes }, intervals);
  if (!moved) return null;
  await tx.aiSystem.update({ where: { id: systemId }, data: { nextReviewDue: new Date(`${moved.due}T00:00:00.000Z`), reviewDueReason: moved.reason } });
  await appendAudit(tx, actor, { action: "system.review_rescheduled", entityType: "AiSystem", entityId: systemId, summary: { from: iso(system.nextReviewDue), to: moved.due, reason: moved.reason } }, meta);
  return moved;
}
