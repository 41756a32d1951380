import { z } from "zod";
import { exportSystemOscal } from "@/lib/exports/system-exports";
import { route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";
import { attachment } from "@/lib/http/attachment";

const params = z.object({ id: zId("The system id") });

// GET /api/systems/:id/oscal - the system's checklist as OSCAL 1.0.6 assessment results (JSON attachment)
export const GET = route({ scope: "systems:read", params }, async ({ ctx, params: { id } }) => {
  const { fileName, text, sha256 } = await exportSystemOscal(ctx, id);
  return attachment(text, { fileName, contentType: "application/json; charset=utf-8", sha256 });
});
