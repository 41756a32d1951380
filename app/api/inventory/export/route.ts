import { exportInventoryCsv, ZExportInventoryQuery } from "@/lib/assets/export-csv";
import { route } from "@/lib/http";

// GET /api/inventory/export - the inventory (or ?systemId= one system) as a CSV attachment
export const GET = route({ scope: ["systems:read", "export:run"], query: ZExportInventoryQuery }, async ({ ctx, query }) => {
  const { filename, csv } = await exportInventoryCsv(ctx, query);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
});
