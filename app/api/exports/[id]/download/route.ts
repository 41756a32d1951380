import { z } from "zod";
import { openEvidencePackDownload } from "@/lib/exports/pack/stored-packs";
import { route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
const params = z.object({ id: zId("The export id") });

// GET /api/exports/:id/download - a finished evidence pack, streamed from the database
export const GET = route({ scope: "export:run", params }, async ({ ctx, params: { id } }) => {
  const pack = await openEvidencePackDownload(ctx, id);
  return new Response(pack.stream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${pack.fileName}"`,
      "Content-Length": String(pack.size),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store, no-transform",
      "X-Manifest-SHA256": pack.manifestSha256,
    },
  });
});
