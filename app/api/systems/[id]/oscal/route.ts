import { z } from "zod";
import { exportSystemOscal } from "@/lib/exports/system-exports";
import { route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

const params = z.object({ id: zId("The system id") });

// GET /api/systems/:id/oscal - the system's checklist as OSCAL 1.0.6 assessment results (JSON attachment)
export const GET = route({ scope: "systems:read", params }, async ({ ctx, params: { id } }) => {
  const { fileName, text, sha256 } = await exportSystemOscal(ctx, id);
  return new Response(text, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
      "Repr-Digest": `sha-256=:${Buffer.from(sha256, "hex").toString("base64")}:`,
    },
  });
});
