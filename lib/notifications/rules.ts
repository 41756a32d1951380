/**
 * Fan-out rules: who is told about an event, and what they read. Pure (no database): the
 * caller passes the system's people and the reviewer/admin lists. The person who caused the
 * event is never notified of their own action. Disabled users are dropped by `notify`.
 *
 * | kind | who |
 * |---|---|
 * | item.assigned | the new assignee |
 * | item.review_requested | every security reviewer |
 * | evidence.expiring, review.due, approval.expiring | the system's owner and contributors |
 * | acceptance.expiring | the owner, contributors and whoever accepted the risk |
 * | approval.requested | security reviewers who may decide it (not the system's owner or contributors) |
 * | approval.decided | the requester and the system's owner |
 * | approval.stale | the requester, the owner and contributors |
 * | incident.reported | security reviewers, the owner and contributors |
 * | incident.escalated | security reviewers, admins, the owner, contributors and the incident lead |
 * | gate.denied (production environments only) | the owner, contributors and security reviewers |
 */
import type { ParsedNotificationEvent } from "./events";

export type FanOutFacts = {
  systemName: string;
  ownerId: string;
  contributorIds: readonly string[];
  /** Active security reviewers. */
  reviewerIds: readonly string[];
  /** Active admins. */
  adminIds: readonly string[];
};

export type NotificationMessage = { title: string; body: string; href: string; dedupeKey: string | null };

/** The users to notify, without duplicates and without the actor. */
export function recipientsFor(event: ParsedNotificationEvent, facts: FanOutFacts): string[] {
  const team = [facts.ownerId, ...facts.contributorIds];
  let ids: string[];
  switch (event.kind) {
    case "item.assigned":
      ids = [event.assigneeId];
      break;
    case "item.review_requested":
      ids = [...facts.reviewerIds];
      break;
    case "approval.requested":
      // Reviewers who own or contribute to the system may not decide it (separation of duties).
      ids = facts.reviewerIds.filter((id) => !team.includes(id));
      break;
    case "evidence.expiring":
    case "review.due":
    case "approval.expiring":
      ids = team;
      break;
    case "acceptance.expiring":
      ids = [...team, event.acceptedById];
      break;
    case "approval.decided":
      ids = [event.requestedById, facts.ownerId];
      break;
    case "approval.stale":
      ids = [event.requestedById, ...team];
      break;
    case "incident.reported":
      ids = [...facts.reviewerIds, ...team];
      break;
    case "incident.escalated":
      ids = [...facts.reviewerIds, ...facts.adminIds, ...team, ...(event.leadId ? [event.leadId] : [])];
      break;
    case "gate.denied":
      ids = [...team, ...facts.reviewerIds];
      break;
  }
  return [...new Set(ids)].filter((id) => id !== event.actorId);
}

/** What the inbox (and the email) says, where one click leads, and the de-duplication key. */
export function messageFor(event: ParsedNotificationEvent, systemName: string): NotificationMessage {
  const sys = `/systems/${event.systemId}`;
  switch (event.kind) {
    case "item.assigned":
      if (event.count > 1) {
        // A bulk change: one notice for all its items, linking to the checklist filtered to the assignee.
        const who = event.actorName || "Someone";
        return { title: `${who} assigned you ${event.count} checklist items on ${systemName}`, body: systemName, href: `${sys}/checklist?owner=${event.assigneeId}`, dedupeKey: null };
      }
      return { title: `${event.control} is assigned to you`, body: systemName, href: `${sys}/checklist?item=${event.itemId}`, dedupeKey: null };
    case "item.review_requested":
      return { title: `${event.control} waits for a reviewer`, body: `${systemName}: a reviewer-only control is in progress.`, href: `${sys}/checklist?item=${event.itemId}`, dedupeKey: null };
    case "evidence.expiring":
      return { title: `Evidence expires on ${event.expiresOn}: ${event.title}`, body: `${systemName}: add a newer revision before it stops counting.`, href: `${sys}/evidence`, dedupeKey: `evidence.expiring:${event.evidenceId}:${event.expiresOn}` };
    case "acceptance.expiring":
      return { title: `Risk acceptance expires on ${event.expiresOn}: ${event.title}`, body: `${systemName}: renew or treat the risk.`, href: `${sys}/threat-model`, dedupeKey: `acceptance.expiring:${event.threatId}:${event.expiresOn}` };
    case "review.due":
      return { title: `Periodic review due on ${event.dueOn}`, body: systemName, href: sys, dedupeKey: `review.due:${event.systemId}:${event.dueOn}` };
    case "approval.requested":
      return { title: `Approval requested: ${systemName}`, body: event.summary, href: event.href, dedupeKey: `approval.requested:${event.approvalId}:${event.round}` };
    case "approval.decided":
      return {
        title: `Approval ${event.decision}: ${systemName}`,
        body: event.comment,
        href: event.href,
        dedupeKey: `approval.decided:${event.approvalId}:${event.round}:${event.decision}`,
      };
    case "approval.expiring":
      return {
        title: `Approval for ${event.environment} expires on ${event.expiresOn}: ${systemName}`,
        body: `Request a new approval before then, or deployments to ${event.environment} stop passing the gate.`,
        href: event.href,
        // One notice per threshold (30 days, then 7): a daily scan adds nothing in between.
        dedupeKey: `approval.expiring:${event.approvalId}:${event.expiresOn}:${event.warnDays}`,
      };
    case "approval.stale":
      return { title: `Approval for ${event.environment} turned stale: ${systemName}`, body: event.reason, href: event.href, dedupeKey: `approval.stale:${event.approvalId}` };
    case "incident.reported":
      return { title: `Incident reported (${event.severity}): ${event.title}`, body: systemName, href: event.href, dedupeKey: `incident.reported:${event.incidentId}` };
    case "incident.escalated":
      return {
        title: `Incident escalated to ${event.severity}: ${event.title}`,
        body: event.from ? `${systemName}: raised from ${event.from}.` : systemName,
        href: event.href,
        dedupeKey: `incident.escalated:${event.incidentId}:${event.severity}`,
      };
    case "gate.denied":
      return {
        title: `Deployment to ${event.environment} denied: ${systemName}`,
        body: event.reason,
        href: event.href,
        // Per system, environment, reasons and clock hour (UTC): a pipeline retrying the same
        // denied deployment all afternoon notifies once an hour, not once a call.
        dedupeKey: `gate.denied:${event.systemId}:${event.environment}:${event.reasonCodes.join("+")}:${event.checkedAt.slice(0, 13)}`,
      };
  }
}

/** Notices before an approval expires, in days: one when 30 days are left, another at 7. */
export const APPROVAL_WARN_DAYS = [30, 7] as const;

/**
 * Which notice an approval expiring at `expiresAt` is due for on `today` (UTC date): whole days
 * left from the start of today, and the smallest threshold they are within (30, then 7), or
 * null when more than 30 days are left. Pure.
 */
export function approvalNotice(expiresAt: Date, today: string): number | null {
  const daysLeft = Math.floor((expiresAt.getTime() - Date.parse(`${today}T00:00:00.000Z`)) / 86_400_000);
  const due = APPROVAL_WARN_DAYS.filter((d) => daysLeft <= d);
  return due.length ? Math.min(...due) : null;
}
