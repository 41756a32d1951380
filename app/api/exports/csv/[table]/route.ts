import { z } from "zod";
import { exportListCsv, LIST_CSV_TABLES } from "@/lib/exports/list-csv";
import { queryObject, route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";
import { attachment, CSV_CONTENT_TYPE } from "@/lib/http/attachment";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// An unknown list names nothing: 404. The audit log's filters are parsed by the service.
const params = z.object({ table: z.enum(LIST_CSV_TABLES) });
const query = z.looseObject({ systemId: zId("The system id").optional() });

// GET /api/exports/csv/:table[?systemId=…] - a list page as CSV (systems, assets, checklist-items,
// evidence, threats, audit-log with the audit page's filters), formula-safe, streamed
export const GET = route({ params, query }, async ({ ctx, request, params: { table } }) => {
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
  return attachment(body, { fileName, contentType: CSV_CONTENT_TYPE });
});
