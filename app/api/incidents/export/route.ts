import { z } from "zod";
import { route } from "@/lib/http";
import { exportIncidentsCsv } from "@/lib/incidents/export-csv";
import { ZListIncidents } from "@/lib/incidents/schema";
import { attachment, CSV_CONTENT_TYPE } from "@/lib/http/attachment";

// The list's filters; validated again by the service.
const query = z.record(z.string(), z.union([z.string(), z.array(z.string())])).superRefine((v, ctx) => {
  const parsed = ZListIncidents.safeParse(v);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

// GET /api/incidents/export?status=&severity=&category=&systemId=&q=&overdue= - the incident list as a CSV attachment
export const GET = route({ scope: "systems:read", query }, async ({ ctx, query: q }) => {
  // Only the list's own filters go on (and into the export's audit event): an unknown parameter
  // carrying a NUL reached the audit summary (jsonb) as a 500 (found by the hostile-input sweep).
  const known = Object.fromEntries(Object.entries(q).filter(([key]) => key in ZListIncidents.shape));
  const { filename, csv } = await exportIncidentsCsv(ctx, known);
  return attachment(csv, { fileName: filename, contentType: CSV_CONTENT_TYPE });
});
