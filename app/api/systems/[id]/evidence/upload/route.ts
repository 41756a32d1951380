import { NextResponse } from "next/server";
import { ValidationError } from "@/lib/errors";
import { storeEvidenceFile } from "@/lib/evidence/store-file";
import { apiRoute } from "@/lib/http";

type Params = { id: string };

// Streams the body into PostgreSQL: Node's runtime, never prerendered or cached.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/systems/:id/evidence/upload - upload a file; the raw file is the body, its name and
// the evidence fields travel URI-encoded in the x-file-name and x-evidence-meta headers
export const POST = apiRoute<Params>(async (ctx, request, { id }) => {
  const fileName = decodeHeader(request, "x-file-name");
  const meta = parseMeta(decodeHeader(request, "x-evidence-meta"));
  const length = request.headers.get("content-length");
  const evidence = await storeEvidenceFile(ctx, id, meta, {
    fileName: fileName || "evidence",
    // Read as a stream (not formData()/arrayBuffer(), which would hold the whole file in memory).
    stream: request.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() }),
    declaredSize: length && /^\d+$/.test(length) ? Number(length) : null,
  });
  return NextResponse.json(evidence, { status: 201 });
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
