import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { apiRoute } from "@/lib/http";
import { exportThreatModel } from "@/lib/threats/export";

const ZQuery = z.object({ version: z.coerce.number({ error: "version must be a version number." }).int("version must be a whole number.").min(1, "version must be at least 1.").optional() });

// GET /api/systems/:id/threat-model/export?version=N - one threat-model version as a JSON attachment
export const GET = apiRoute<{ id: string }>(async (ctx, request, { id }) => {
  const raw = new URL(request.url).searchParams.get("version");
  const parsed = ZQuery.safeParse({ version: raw === null || raw === "" ? undefined : raw });
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0].message, { version: [parsed.error.issues[0].message] });
  const { fileName, doc } = await exportThreatModel(ctx, id, parsed.data.version);
  return new Response(`${JSON.stringify(doc, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
});
