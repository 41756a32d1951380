import { actorName, describeEvent } from "@/components/audit/sentences";
import { exportAuditCsv } from "@/lib/audit/export-csv";
import { ZAuditFilter } from "@/lib/audit/queries";
import { route } from "@/lib/http";
import { attachment, CSV_CONTENT_TYPE } from "@/lib/http/attachment";

// GET /api/audit/export?person=&system=&action=&entityType=&entityId=&from=&to= - the filtered audit log as a CSV attachment
export const GET = route({ scope: "audit:read", query: ZAuditFilter }, async ({ ctx, query }) => {
  const { filename, csv } = await exportAuditCsv(ctx, query, (row, refs) => ({ text: describeEvent(row, refs).text, person: actorName(row, refs) }));
  return attachment(csv, { fileName: filename, contentType: CSV_CONTENT_TYPE });
});
