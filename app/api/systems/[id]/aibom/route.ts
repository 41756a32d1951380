import { z } from "zod";
import { exportSystemAibom } from "@/lib/exports/system-exports";
import { route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

const params = z.object({ id: zId("The system id") });

// GET /api/systems/:id/aibom - the system's CycloneDX 1.6 AI/ML-BOM as a JSON attachment
export const GET = route({ scope: "systems:read", params }, async ({ ctx, params: { id } }) => {
  const { fileName, text, sha256 } = await exportSystemAibom(ctx, id);
  return new Response(text, {
    headers: {
      "Content-Type": "application/vnd.cyclonedx+json; version=1.6",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
      "Repr-Digest": `sha-256=:${Buffer.from(sha256, "hex").toString("base64")}:`,
    },
  });
});
