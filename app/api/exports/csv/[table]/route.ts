import { z } from "zod";
import { exportListCsv } from "@/lib/exports/list-csv";
import { queryObject, route } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const params = z.object({ table: z.string().max(40) });

// GET /api/exports/csv/:table[?systemId=…] - a list page as CSV (systems, assets, checklist-items,
// evidence, threats, audit-log with the audit page's filters), formula-safe, streamed
export const GET = route({ params }, async ({ ctx, request, params: { table } }) => {
  const { fileName, lines } = await exportListCsv(ctx, table, queryObject(new URL(request.url)));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
});
