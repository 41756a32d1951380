import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { storeEvidenceFile } from "@/lib/evidence/store-file";
import { created, route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

const params = z.object({ id: zId("The system id") });

// Streams the body into PostgreSQL: Node's runtime, never prerendered or cached.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/systems/:id/evidence/upload - upload a file; the raw file is the body, its name and
// the evidence fields travel URI-encoded in the x-file-name and x-evidence-meta headers
export const POST = route({ scope: "evidence:write", params }, async ({ ctx, request, params: { id } }) => {
  const fileName = decodeHeader(request, "x-file-name");
  const meta = parseMeta(decodeHeader(request, "x-evidence-meta"));
  const length = request.headers.get("content-length");
  const evidence = await storeEvidenceFile(ctx, id, meta, {
    fileName: fileName || "evidence",
    // Read as a stream (not formData()/arrayBuffer(), which would hold the whole file in memory);
    // storeEvidenceFile counts the bytes against the upload limit as they arrive.
    stream: request.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() }),
    declaredSize: length && /^\d{1,15}$/.test(length) ? Number(length) : null,
  });
  return created(evidence);
});

function decodeHeader(request: Request, name: string): string {
  try {
    return decodeURIComponent(request.headers.get(name) ?? "");
  } catch {
    throw new ValidationError(`The ${name} header must be URI-encoded.`);
  }
}

function parseMeta(text: string): unknown {
  if (!text) throw new ValidationError("Describe the evidence: the x-evidence-meta header is missing.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError("The x-evidence-meta header must be URI-encoded JSON.");
  }
}
