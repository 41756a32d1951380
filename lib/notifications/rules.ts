/**
 * Fan-out rules: who is told about an event, and what they read. Pure (no database): the
 * caller passes the system's people and the reviewer/admin lists. The person who caused the
 * event is never notified of their own action.
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
    case "approval.requested":
    case "approval.stale":
      ids = [...facts.reviewerIds];
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
      return { title: `Approval requested: ${systemName}`, body: event.summary, href: event.href, dedupeKey: `approval.requested:${event.approvalId}` };
    case "approval.decided":
      return { title: `Approval ${event.decision}: ${systemName}`, body: "", href: event.href, dedupeKey: `approval.decided:${event.approvalId}` };
    case "approval.expiring":
      return { title: `Approval expires on ${event.expiresOn}: ${systemName}`, body: "", href: event.href, dedupeKey: `approval.expiring:${event.approvalId}:${event.expiresOn}` };
    case "approval.stale":
      return { title: `Approval request waiting since ${event.waitingSince}: ${systemName}`, body: "", href: event.href, dedupeKey: `approval.stale:${event.approvalId}:${event.waitingSince}` };
    case "incident.reported":
      return { title: `Incident reported (${event.severity}): ${event.title}`, body: systemName, href: event.href, dedupeKey: `incident.reported:${event.incidentId}` };
    case "incident.escalated":
      return { title: `Incident escalated to ${event.severity}: ${event.title}`, body: systemName, href: event.href, dedupeKey: `incident.escalated:${event.incidentId}:${event.severity}` };
    case "gate.denied":
      return { title: `Deployment to ${event.environment} denied: ${systemName}`, body: event.reason, href: event.href, dedupeKey: null };
  }
}
