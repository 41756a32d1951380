import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { ValidationError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation";
import { formatBytes } from "./import-common";

export type ImportFormat = "csv" | "cyclonedx";

/** Multipart overhead allowed on top of the file itself (boundaries, part headers, the format field). */
const MULTIPART_SLACK = 64 * 1024;

const ZUploadForm = z.object({
  format: z.enum(["csv", "cyclonedx"], { error: 'Choose the file format: "csv" or "cyclonedx".' }),
});

/**
 * Reads an import upload: multipart form-data with `file` and `format`, or a raw body sent as
 * text/csv or application/json. Oversized bodies are refused before they are read.
 */
export async function readImportUpload(request: Request): Promise<{ format: ImportFormat; text: string }> {
  const maxBytes = getConfig().MAX_IMPORT_BYTES;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes + MULTIPART_SLACK) throw tooLarge(maxBytes);
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

  if (contentType === "multipart/form-data") {
    const form = await request.formData().catch(() => {
      throw new ValidationError("The upload could not be read as form data.");
    });
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      throw new ValidationError("Choose a file to import.", { file: ["Choose a file to import."] });
    }
    if (file.size > maxBytes) throw tooLarge(maxBytes);
    const { format } = parseOrThrow(ZUploadForm, { format: form.get("format") ?? guessFormat(file.name) });
    return { format, text: await file.text() };
  }
  if (contentType === "text/csv") return { format: "csv", text: await readBoundedText(request, maxBytes) };
  if (contentType === "application/json" || contentType === "application/vnd.cyclonedx+json") {
    return { format: "cyclonedx", text: await readBoundedText(request, maxBytes) };
  }
  throw new ValidationError(
    "Send multipart/form-data with a file and a format, or a text/csv or application/vnd.cyclonedx+json body.",
  );
}

function guessFormat(filename: string): ImportFormat | undefined {
  const name = filename.toLowerCase();
  if (name.endsWith(".csv")) return "csv";
  if (name.endsWith(".json")) return "cyclonedx";
  return undefined;
}

/** Reads a raw body but stops as soon as it passes the limit (a missing Content-Length proves nothing). */
async function readBoundedText(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function tooLarge(maxBytes: number) {
  const message = `The file is larger than the ${formatBytes(maxBytes)} import limit.`;
  return new ValidationError(message, { file: [message] });
}
