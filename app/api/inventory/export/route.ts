import { exportInventoryCsv } from "@/lib/assets/export-csv";
import { apiRoute } from "@/lib/http";

// GET /api/inventory/export - the inventory (or ?systemId= one system) as a CSV attachment
export const GET = apiRoute<Record<string, never>>(async (ctx, request) => {
  const systemId = new URL(request.url).searchParams.get("systemId") ?? undefined;
  const { filename, csv } = await exportInventoryCsv(ctx, { systemId });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
});
