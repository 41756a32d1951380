import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { toCsvRow, UTF8_BOM } from "@/lib/assets/rules/csv";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { CATEGORY_LABELS, incidentRef, STATUS_LABELS } from "./catalog";
import { INCIDENT_PAGE_SIZE, listIncidents } from "./queries";

export const INCIDENT_CSV_HEADER = ["reference", "title", "severity", "status", "category", "systems", "detected_at", "reported_at", "age_hours", "lead", "reporter", "overdue_duties"];

/** Most rows one export returns (pages of the list query). */
export const MAX_EXPORT_ROWS = 10_000;

/**
 * The incident list, with the same filters and order as the page (`ZListIncidents`), as CSV:
 * cells are safe against spreadsheet formula injection (the inventory export's escaping), the
 * file starts with a UTF-8 byte-order mark, and the export is audited. A product owner's file
 * holds their incidents and names only their systems.
 * @returns `{ filename, csv, rows }`.
 */
export async function exportIncidentsCsv(ctx: ServiceContext, rawQuery: unknown = {}) {
  assertCan(ctx.actor, "incident:read");
  let csv = UTF8_BOM + toCsvRow(INCIDENT_CSV_HEADER);
  let rows = 0;
  const query = { ...(rawQuery as Record<string, unknown>) };
  for (let page = 1; rows < MAX_EXPORT_ROWS; page++) {
    const result = await listIncidents(ctx, { ...query, page: String(page) });
    if (result.page !== page) break;
    for (const i of result.items) {
      csv += toCsvRow([
        incidentRef(i.number),
        i.title,
        i.severity,
        STATUS_LABELS[i.status as keyof typeof STATUS_LABELS],
        CATEGORY_LABELS[i.category as keyof typeof CATEGORY_LABELS],
        i.systems.map((s) => s.name).join("; "),
        i.detectedAt,
        i.reportedAt,
        i.ageHours,
        i.lead,
        i.reporter,
        i.overdueDuties,
      ]);
      rows++;
    }
    if (result.items.length < INCIDENT_PAGE_SIZE || page >= result.pages) break;
  }
  await withTransaction(ctx, async ({ db: tx }) => {
    await appendAudit(tx, ctx.actor, { action: "incidents.exported", entityType: "Incident", entityId: "*", summary: { format: "csv", rows, filters: query } }, ctx.meta);
  });
  return { filename: `incidents-${new Date().toISOString().slice(0, 10)}.csv`, csv, rows };
}
