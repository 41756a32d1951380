import "server-only";
import type { AuditEvent } from "@/generated/prisma/client";
import { toCsvRow, UTF8_BOM } from "@/lib/assets/rules/csv";
import { assertCan } from "@/lib/authz/policy";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { appendAudit } from "./append";
import { loadEventRefs, systemIdOf, type EventRefs } from "./event-refs";
import { auditWhere, toAuditRow, type AuditRow, type TAuditFilter } from "./queries";

/** Most events one export carries (newest first); the file says when it was cut. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;
const BATCH = 500;

export const AUDIT_CSV_HEADER = [
  "occurred_at_utc",
  "event",
  "person",
  "person_email_or_label",
  "action",
  "record_type",
  "record_id",
  "system_id",
  "system_name",
  "details_json",
  "event_number",
  "hash",
] as const;

/**
 * The audit events matching `filter` (the same filter as the audit log page, cursor and page
 * size ignored) as CSV, newest first, at most AUDIT_EXPORT_MAX_ROWS. Each row carries the
 * event as a sentence (`sentenceOf`, from the UI's renderer) and the raw fields. Cells are
 * formula-safe (lib/assets/rules/csv.ts); the text starts with a UTF-8 BOM for Excel. The
 * export itself is audited (`audit.exported`, with the filter and row count).
 *
 * @throws ForbiddenError without `audit:read`.
 */
export async function exportAuditCsv(
  ctx: ServiceContext,
  filter: TAuditFilter,
  sentenceOf: (row: AuditRow, refs: EventRefs) => { text: string; person: string },
): Promise<{ filename: string; csv: string; rows: number; truncated: boolean }> {
  const { actor, db } = ctx;
  assertCan(actor, "audit:read");
  const where = auditWhere(filter);
  let csv = UTF8_BOM + toCsvRow(AUDIT_CSV_HEADER);
  let rows = 0;
  let before: bigint | null = null;
  let truncated = false;
  for (;;) {
    const batch: AuditEvent[] = await db.auditEvent.findMany({
      where: before === null ? where : { AND: [where, { id: { lt: before } }] },
      orderBy: { id: "desc" },
      take: BATCH,
    });
    if (batch.length === 0) break;
    const page = batch.map(toAuditRow);
    const refs = await loadEventRefs(db, page);
    for (const row of page) {
      if (rows >= AUDIT_EXPORT_MAX_ROWS) {
        truncated = true;
        break;
      }
      const sentence = sentenceOf(row, refs);
      const systemId = systemIdOf(row);
      csv += toCsvRow([
        row.occurredAt,
        sentence.text,
        sentence.person,
        row.actorLabel,
        row.action,
        row.entityType,
        row.entityId,
        systemId,
        systemId ? (refs.systems[systemId]?.name ?? "") : "",
        JSON.stringify(row.summary),
        row.id,
        row.hash,
      ]);
      rows++;
    }
    if (truncated || batch.length < BATCH) break;
    before = batch[batch.length - 1]!.id;
  }

  const recordedFilter = Object.fromEntries(Object.entries(filter).filter(([k, v]) => k !== "limit" && k !== "before" && v !== undefined));
  await withTransaction(ctx, async ({ db: tx }) => {
    await appendAudit(tx, actor, { action: "audit.exported", entityType: "AuditLog", entityId: "*", summary: { format: "csv", rows, truncated, filter: recordedFilter } }, ctx.meta);
  });
  return { filename: `audit-log-${new Date().toISOString().slice(0, 10)}.csv`, csv, rows, truncated };
}
