import { exportInventoryCsv, ZExportInventoryQuery } from "@/lib/assets/export-csv";
import { route } from "@/lib/http";
import { attachment, CSV_CONTENT_TYPE } from "@/lib/http/attachment";

// GET /api/inventory/export - the inventory (or ?systemId= one system) as a CSV attachment
export const GET = route({ scope: ["systems:read", "export:run"], query: ZExportInventoryQuery }, async ({ ctx, query }) => {
  const { filename, csv } = await exportInventoryCsv(ctx, query);
  return attachment(csv, { fileName: filename, contentType: CSV_CONTENT_TYPE });
});
