import "server-only";
import type { ServiceContext } from "@/lib/service-context";
import { assertCan } from "@/lib/authz/policy";
import { loadSystemFacts } from "@/lib/systems/access";

/** Who last changed an item's status, and when (from the audit trail). */
export type StatusSetBy = { name: string; at: string };

/**
 * For each checklist item of the system, the most recent audit event that changed its status
 * (`checklist.item_updated`, or a `checklist.review_requested` that moved it to In progress, with
 * `changes.status`): the person's name (or the event's actor
 * label when the account is gone) and the ISO instant. Items whose status never changed are
 * absent. One query with DISTINCT ON over the audit index on (entityType, entityId).
 */
export async function lastStatusChanges(ctx: ServiceContext, systemId: string): Promise<Record<string, StatusSetBy>> {
  const { actor, db } = ctx;
  assertCan(actor, "checklist:read");
  await loadSystemFacts(db, actor, systemId);
  const rows = await db.$queryRaw<{ entityId: string; occurredAt: Date; actorLabel: string; name: string | null }[]>`
    SELECT DISTINCT ON (e."entityId") e."entityId", e."occurredAt", e."actorLabel", u."name"
    FROM "AuditEvent" e
    LEFT JOIN "User" u ON u."id" = e."actorId"
    WHERE e."entityType" = 'ChecklistItem'
      AND e."action" IN ('checklist.item_updated', 'checklist.review_requested')
      AND e."summary"->>'systemId' = ${systemId}
      AND e."summary"->'changes'->'status' IS NOT NULL
    ORDER BY e."entityId", e."id" DESC`;
  return Object.fromEntries(rows.map((r) => [r.entityId, { name: r.name ?? r.actorLabel, at: r.occurredAt.toISOString() }]));
}
