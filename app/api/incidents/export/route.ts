import { z } from "zod";
import { route } from "@/lib/http";
import { exportIncidentsCsv } from "@/lib/incidents/export-csv";
import { ZListIncidents } from "@/lib/incidents/schema";

// The list's filters; validated again by the service.
const query = z.record(z.string(), z.union([z.string(), z.array(z.string())])).superRefine((v, ctx) => {
  const parsed = ZListIncidents.safeParse(v);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

// GET /api/incidents/export?status=&severity=&category=&systemId=&q=&overdue= - the incident list as a CSV attachment
export const GET = route({ scope: "systems:read", query }, async ({ ctx, query: q }) => {
  const { filename, csv } = await exportIncidentsCsv(ctx, q);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
});
