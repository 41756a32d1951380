import { z } from "zod";
import { exportSystemAibom } from "@/lib/exports/system-exports";
import { route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";
import { attachment } from "@/lib/http/attachment";

const params = z.object({ id: zId("The system id") });

// GET /api/systems/:id/aibom - the system's CycloneDX 1.6 AI/ML-BOM as a JSON attachment
export const GET = route({ scope: "systems:read", params }, async ({ ctx, params: { id } }) => {
  const { fileName, text, sha256 } = await exportSystemAibom(ctx, id);
  return attachment(text, { fileName, contentType: "application/vnd.cyclonedx+json; version=1.6", sha256 });
});
