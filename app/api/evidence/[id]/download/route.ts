import { contentDisposition } from "@/lib/evidence/rules";
import { openEvidenceDownload } from "@/lib/evidence/queries";
import { z } from "zod";
import { route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

const params = z.object({ id: zId("The evidence id") });

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/evidence/:id/download - the stored file, streamed, always as an attachment that no browser renders
export const GET = route({ scope: "systems:read", params }, async ({ ctx, params: { id } }) => {
  const file = await openEvidenceDownload(ctx, id);
  return new Response(file.stream, {
    headers: {
      // The type sniffed at upload, never the uploader's claim; nosniff stops browsers guessing.
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(file.fileName),
      "Content-Length": String(file.size),
      "X-Content-Type-Options": "nosniff",
      // no-transform: nothing (including Next's own gzip) may re-encode the bytes or drop Content-Length.
      "Cache-Control": "private, no-store, no-transform",
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "Cross-Origin-Resource-Policy": "same-origin",
      ETag: `"sha256-${file.sha256}"`,
      "X-Evidence-SHA256": file.sha256,
      "Repr-Digest": `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`,
    },
  });
});
