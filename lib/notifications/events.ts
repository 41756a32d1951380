/**
 * Notification events: what happened, with the ids the fan-out rules need. Features raise them
 * with `notify(tx, event)` (./notify.ts) inside the transaction that made the change, so a
 * rolled-back change notifies nobody. Approvals and incidents raise the kinds reserved for them.
 */
import { z } from "zod";

const id = z.string().min(1).max(64);
const day = z.iso.date();
const text = z.string().max(300);

export const ZNotificationEvent = z.discriminatedUnion("kind", [
  /** A checklist item got a new owner. */
  z.object({ kind: z.literal("item.assigned"), actorId: id.nullable(), systemId: id, itemId: id, assigneeId: id, control: text }),
  /** A reviewer-only item was moved to IN_PROGRESS: a reviewer has to decide it. */
  z.object({ kind: z.literal("item.review_requested"), actorId: id.nullable(), systemId: id, itemId: id, control: text }),
  /** Current evidence expires on `expiresOn` (scheduled scan). */
  z.object({ kind: z.literal("evidence.expiring"), actorId: z.null().default(null), systemId: id, evidenceId: id, title: text, expiresOn: day }),
  /** A risk acceptance of the threat model in force expires on `expiresOn` (scheduled scan). */
  z.object({ kind: z.literal("acceptance.expiring"), actorId: z.null().default(null), systemId: id, threatId: id, title: text, expiresOn: day, acceptedById: id }),
  /** The system's periodic review is due on `dueOn` (scheduled scan; also when overdue). */
  z.object({ kind: z.literal("review.due"), actorId: z.null().default(null), systemId: id, dueOn: day }),
  // Reserved for the approvals feature.
  z.object({ kind: z.literal("approval.requested"), actorId: id.nullable(), systemId: id, approvalId: id, href: z.string().max(500), summary: text }),
  z.object({ kind: z.literal("approval.decided"), actorId: id.nullable(), systemId: id, approvalId: id, href: z.string().max(500), decision: text, requestedById: id }),
  z.object({ kind: z.literal("approval.expiring"), actorId: id.nullable().default(null), systemId: id, approvalId: id, href: z.string().max(500), expiresOn: day }),
  z.object({ kind: z.literal("approval.stale"), actorId: id.nullable().default(null), systemId: id, approvalId: id, href: z.string().max(500), waitingSince: day }),
  // Reserved for the incidents feature.
  z.object({ kind: z.literal("incident.reported"), actorId: id.nullable(), systemId: id, incidentId: id, href: z.string().max(500), severity: text, title: text }),
  z.object({ kind: z.literal("incident.escalated"), actorId: id.nullable(), systemId: id, incidentId: id, href: z.string().max(500), severity: text, title: text, leadId: id.nullable().default(null) }),
  /** The deployment gate denied a production deployment. */
  z.object({ kind: z.literal("gate.denied"), actorId: id.nullable(), systemId: id, environment: text, reason: text, href: z.string().max(500) }),
]);
export type NotificationEvent = z.input<typeof ZNotificationEvent>;
export type ParsedNotificationEvent = z.output<typeof ZNotificationEvent>;
export type NotificationKind = ParsedNotificationEvent["kind"];

export const NOTIFICATION_KINDS = [
  "item.assigned",
  "item.review_requested",
  "evidence.expiring",
  "acceptance.expiring",
  "review.due",
  "approval.requested",
  "approval.decided",
  "approval.expiring",
  "approval.stale",
  "incident.reported",
  "incident.escalated",
  "gate.denied",
] as const satisfies readonly NotificationKind[];

/** Labels for the preferences page. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  "item.assigned": "A checklist item is assigned to me",
  "item.review_requested": "A reviewer-only item waits for a reviewer's decision",
  "evidence.expiring": "Evidence on my systems is about to expire",
  "acceptance.expiring": "A risk acceptance is about to expire",
  "review.due": "A periodic review is due",
  "approval.requested": "An approval is requested",
  "approval.decided": "An approval I asked for is decided",
  "approval.expiring": "An approval is about to expire",
  "approval.stale": "An approval request has waited too long",
  "incident.reported": "An incident is reported",
  "incident.escalated": "An incident is escalated",
  "gate.denied": "The deployment gate denied a production deployment",
};
