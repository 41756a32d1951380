import { z } from "zod";
import { route } from "@/lib/http";
import { exportThreatModel } from "@/lib/threats/export";
import { zId, zInt } from "@/lib/validation/fields";
import { attachment } from "@/lib/http/attachment";

const params = z.object({ id: zId("The system id") });
const query = z.object({ version: zInt({ min: 1, label: "version" }).optional() });

// GET /api/systems/:id/threat-model/export?version=N - one threat-model version (default: the one in force) as a JSON attachment
export const GET = route({ scope: "systems:read", params, query }, async ({ ctx, params: { id }, query: { version } }) => {
  const { fileName, doc } = await exportThreatModel(ctx, id, version);
  return attachment(`${JSON.stringify(doc, null, 2)}\n`, { fileName, contentType: "application/json; charset=utf-8" });
});
