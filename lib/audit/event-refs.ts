import "server-only";
import type { DbOrTx } from "@/lib/service-context";
import type { AuditRow } from "./queries";

/**
 * Names of the records a page of audit events points at, so each event can be told as a
 * sentence with links: people (actor and users named in the summary), systems (the event's
 * `summary.systemId` or an `AiSystem` entity), checklist items (control code and title),
 * incidents (reference number and title) and approval requests (release and environment).
 * Records deleted since are simply absent; the renderer then falls back to what the event
 * itself recorded (an email, a control code).
 */
export type EventRefs = {
  users: Record<string, { name: string; email: string }>;
  systems: Record<string, { name: string }>;
  items: Record<string, { code: string; title: string; systemId: string }>;
  /** Absent in refs built before incidents existed; the renderer then uses the event's own summary. */
  incidents?: Record<string, { number: number; title: string }>;
  /** Approval requests by id: release label and the environment's label. Absent = use the summary. */
  approvals?: Record<string, { releaseLabel: string; environment: string }>;
};

export const NO_REFS: EventRefs = { users: {}, systems: {}, items: {}, incidents: {}, approvals: {} };

function summaryOf(row: AuditRow): Record<string, unknown> {
  return row.summary && typeof row.summary === "object" ? (row.summary as Record<string, unknown>) : {};
}

/** The system an event is about (summary.systemId, or the entity itself for AiSystem events), or null. */
export function systemIdOf(row: Pick<AuditRow, "entityType" | "entityId" | "summary">): string | null {
  const s = row.summary && typeof row.summary === "object" ? (row.summary as Record<string, unknown>) : {};
  if (typeof s.systemId === "string") return s.systemId;
  if (row.entityType === "AiSystem") return row.entityId;
  return null;
}

/** The incident an event is about (an `Incident` entity other than the "*" of list exports), or null. */
export function incidentIdOf(row: Pick<AuditRow, "entityType" | "entityId" | "summary">): string | null {
  if (row.entityType === "Incident" && row.entityId !== "*") return row.entityId;
  const s = row.summary && typeof row.summary === "object" ? (row.summary as Record<string, unknown>) : {};
  return typeof s.incidentId === "string" ? s.incidentId : null;
}

/** The approval request an event is about (an `ApprovalRequest` entity), or null. */
export function approvalIdOf(row: Pick<AuditRow, "entityType" | "entityId">): string | null {
  return row.entityType === "ApprovalRequest" ? row.entityId : null;
}

/** Loads the names behind a page of events in five queries (at most a few hundred ids each). */
export async function loadEventRefs(db: DbOrTx, rows: readonly AuditRow[]): Promise<EventRefs> {
  const userIds = new Set<string>();
  const systemIds = new Set<string>();
  const itemIds = new Set<string>();
  const incidentIds = new Set<string>();
  const approvalIds = new Set<string>();
  for (const row of rows) {
    const s = summaryOf(row);
    if (row.actorId) userIds.add(row.actorId);
    if (row.entityType === "User") userIds.add(row.entityId);
    if (typeof s.ownerId === "string") userIds.add(s.ownerId);
    const systemId = systemIdOf(row);
    if (systemId) systemIds.add(systemId);
    if (row.entityType === "ChecklistItem") itemIds.add(row.entityId);
    const incidentId = incidentIdOf(row);
    if (incidentId) incidentIds.add(incidentId);
    const approvalId = approvalIdOf(row);
    if (approvalId) approvalIds.add(approvalId);
  }
  const [users, systems, items, incidents, approvals] = await Promise.all([
    userIds.size ? db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true, email: true } }) : [],
    systemIds.size ? db.aiSystem.findMany({ where: { id: { in: [...systemIds] } }, select: { id: true, name: true } }) : [],
    itemIds.size
      ? db.checklistItem.findMany({
          where: { id: { in: [...itemIds] } },
          select: { id: true, control: { select: { code: true, title: true } }, checklist: { select: { systemId: true } } },
        })
      : [],
    incidentIds.size ? db.incident.findMany({ where: { id: { in: [...incidentIds] } }, select: { id: true, number: true, title: true } }) : [],
    approvalIds.size
      ? db.approvalRequest.findMany({ where: { id: { in: [...approvalIds] } }, select: { id: true, releaseLabel: true, environmentRef: { select: { label: true } } } })
      : [],
  ]);
  return {
    users: Object.fromEntries(users.map((u) => [u.id, { name: u.name, email: u.email }])),
    systems: Object.fromEntries(systems.map((s) => [s.id, { name: s.name }])),
    items: Object.fromEntries(items.map((i) => [i.id, { code: i.control.code, title: i.control.title, systemId: i.checklist.systemId }])),
    incidents: Object.fromEntries(incidents.map((i) => [i.id, { number: i.number, title: i.title }])),
    approvals: Object.fromEntries(approvals.map((a) => [a.id, { releaseLabel: a.releaseLabel, environment: a.environmentRef.label }])),
  };
}
