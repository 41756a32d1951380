/**
 * Notification events: what happened, with the ids the fan-out rules need. Features raise them
 * with `notify(tx, event)` (./notify.ts) inside the transaction that made the change, so a
 * rolled-back change notifies nobody. Where each kind is raised: item.* in lib/checklists and
 * lib/reviews; evidence.expiring, acceptance.expiring, review.due and approval.expiring in the
 * daily scan (./scan.ts); approval.requested / decided / stale in lib/approvals (submit, decide
 * and revoke, the staleness hook); incident.reported / escalated in lib/incidents (report,
 * update); gate.denied in lib/gate/fold.ts. Outgoing webhooks subscribe to the same kinds.
 */
import { z } from "zod";

const id = z.string().min(1).max(64);
const day = z.iso.date();
const text = z.string().max(300);

export const ZNotificationEvent = z.discriminatedUnion("kind", [
  /**
   * A checklist item got a new owner; a bulk change raises ONE event for all its items, with
   * `count` (> 1: "… assigned you N checklist items on …") and `itemId`/`control` of the first.
   */
  z.object({
    kind: z.literal("item.assigned"),
    actorId: id.nullable(),
    actorName: text.default(""),
    systemId: id,
    itemId: id,
    assigneeId: id,
    control: text,
    count: z.number().int().min(1).default(1),
  }),
  /** A reviewer-only item was moved to IN_PROGRESS: a reviewer has to decide it. */
  z.object({ kind: z.literal("item.review_requested"), actorId: id.nullable(), systemId: id, itemId: id, control: text }),
  /** Current evidence expires on `expiresOn` (scheduled scan). */
  z.object({ kind: z.literal("evidence.expiring"), actorId: z.null().default(null), systemId: id, evidenceId: id, title: text, expiresOn: day }),
  /** A risk acceptance of the threat model in force expires on `expiresOn` (scheduled scan). */
  z.object({ kind: z.literal("acceptance.expiring"), actorId: z.null().default(null), systemId: id, threatId: id, title: text, expiresOn: day, acceptedById: id }),
  /** The system's periodic review is due on `dueOn` (scheduled scan; also when overdue). */
  z.object({ kind: z.literal("review.due"), actorId: z.null().default(null), systemId: id, dueOn: day }),
  /** A request was submitted (round n: a request sent back and submitted again notifies again). */
  z.object({ kind: z.literal("approval.requested"), actorId: id.nullable(), systemId: id, approvalId: id, href: z.string().max(500), summary: text, round: z.number().int().min(1) }),
  /** A request reached a decision (approved, rejected, sent back) or an approval was revoked. */
  z.object({ kind: z.literal("approval.decided"), actorId: id.nullable(), systemId: id, approvalId: id, href: z.string().max(500), decision: text, round: z.number().int().min(0), requestedById: id, comment: text.default("") }),
  /** An approval in force expires on `expiresOn`; `warnDays` is the notice (30, then 7 days) (scheduled scan). */
  z.object({ kind: z.literal("approval.expiring"), actorId: id.nullable().default(null), systemId: id, approvalId: id, href: z.string().max(500), expiresOn: day, warnDays: z.number().int().min(0), environment: text }),
  /** A submitted or approved request turned STALE: what it pinned changed (digest, assets, gated item, threat model). */
  z.object({ kind: z.literal("approval.stale"), actorId: id.nullable().default(null), systemId: id, approvalId: id, href: z.string().max(500), environment: text, reason: text, requestedById: id }),
  /** A new incident on the system. */
  z.object({ kind: z.literal("incident.reported"), actorId: id.nullable(), systemId: id, incidentId: id, href: z.string().max(500), severity: text, title: text }),
  /** An incident's severity was raised (towards SEV1). */
  z.object({ kind: z.literal("incident.escalated"), actorId: id.nullable(), systemId: id, incidentId: id, href: z.string().max(500), severity: text, title: text, leadId: id.nullable().default(null), from: text.default("") }),
  /**
   * The deployment gate denied a deployment to a production environment (raised when the gate
   * checks are sealed, lib/gate/fold.ts, not on the gate's hot path). One per system, environment,
   * set of reason codes and clock hour (UTC) of `checkedAt`.
   */
  z.object({ kind: z.literal("gate.denied"), actorId: id.nullable(), systemId: id, environment: text, reasonCodes: z.array(z.string().max(40)).min(1).max(20), reason: text, checkedAt: z.iso.datetime(), href: z.string().max(500) }),
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
  "approval.decided": "An approval I asked for, or of my system, is decided or revoked",
  "approval.expiring": "An approval is about to expire",
  "approval.stale": "An approval turned stale (something it pinned changed)",
  "incident.reported": "An incident is reported",
  "incident.escalated": "An incident is escalated",
  "gate.denied": "The deployment gate denied a production deployment",
};
