import "server-only";
import type { DbOrTx } from "@/lib/service-context";
import type { ExportRange } from "../system-data";
import type { TimelineEvent } from "./report-html";

/** Events per system a report's timeline shows (the audit extract has them all). */
export const TIMELINE_EVENTS = 50;

/**
 * The most recent audit events about each of `systemIds` in the period (events about the
 * system itself, or whose summary names it), newest first, at most `limit` per system.
 */
export async function loadTimelines(db: DbOrTx, systemIds: readonly string[], range: ExportRange, limit = TIMELINE_EVENTS): Promise<Map<string, TimelineEvent[]>> {
  const from = range.from ? new Date(`${range.from}T00:00:00.000Z`) : new Date("1970-01-01T00:00:00.000Z");
  const to = range.to ? new Date(`${range.to}T23:59:59.999Z`) : new Date("9999-12-31T23:59:59.999Z");
  const rows = await db.$queryRaw<{ sid: string; occurredAt: Date; actorLabel: string; action: string; entityType: string }[]>`
    SELECT sid, "occurredAt", "actorLabel", action, "entityType" FROM (
      SELECT e.*, row_number() OVER (PARTITION BY e.sid ORDER BY e.id DESC) AS n FROM (
        SELECT id, "occurredAt", "actorLabel", action, "entityType",
               CASE WHEN "entityType" = 'AiSystem' THEN "entityId" ELSE summary->>'systemId' END AS sid
        FROM "AuditEvent"
        WHERE "occurredAt" BETWEEN ${from} AND ${to}
          AND (("entityType" = 'AiSystem' AND "entityId" = ANY(${[...systemIds]}::text[])) OR (summary->>'systemId') = ANY(${[...systemIds]}::text[]))
      ) e
    ) ranked WHERE n <= ${limit} ORDER BY sid, "occurredAt" DESC`;
  const out = new Map<string, TimelineEvent[]>();
  for (const row of rows) {
    const list = out.get(row.sid) ?? [];
    list.push({ occurredAt: row.occurredAt.toISOString(), actorLabel: row.actorLabel, action: row.action, entityType: row.entityType });
    out.set(row.sid, list);
  }
  return out;
}
