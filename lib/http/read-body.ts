import { PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { formatBytes } from "@/lib/format-bytes";

/**
 * Request bodies read with a byte limit that holds whatever the framing. A Content-Length
 * above the limit is refused before reading; without one (chunked transfer, or a client that
 * lies) bytes are counted as they arrive and reading stops at the first chunk past the limit,
 * so memory stays bounded by the limit plus one chunk. Route handlers should read bodies only
 * through these functions, never `request.json()`, `request.text()` or `request.formData()`,
 * which buffer the whole body first.
 */

/** Limit for JSON bodies of forms and API calls when a route names none (1 MiB). */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export type ReadBodyOptions = {
  /** Largest body accepted, in bytes. */
  maxBytes?: number;
  /** Message of the 413 error; default "The request body is larger than the 1 MB limit." */
  tooLargeMessage?: (maxBytes: number) => string;
};

function tooLarge(maxBytes: number, options: ReadBodyOptions): PayloadTooLargeError {
  const message = options.tooLargeMessage?.(maxBytes) ?? `The request body is larger than the ${formatBytes(maxBytes)} limit.`;
  return new PayloadTooLargeError(message, maxBytes);
}

/**
 * The raw body, at most `maxBytes` long.
 * @throws PayloadTooLargeError (413) when the declared or received size passes the limit
 */
export async function readBodyBytes(request: Request, options: ReadBodyOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const maxBytes = options.maxBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes, options);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes, options);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * A JSON body (UTF-8, as RFC 8259 requires), parsed; an empty body is refused.
 * @throws PayloadTooLargeError (413) above the limit; ValidationError (422) for an empty body,
 *   bytes that are not UTF-8, or malformed JSON
 */
export async function readJsonBody(request: Request, options: ReadBodyOptions = {}): Promise<unknown> {
  const bytes = await readBodyBytes(request, options);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError("The request body must be UTF-8 encoded JSON.");
  }
  if (text.trim() === "") throw new ValidationError("The request body is empty: send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError("The request body must be valid JSON.");
  }
}

/**
 * A multipart/form-data (or urlencoded) body, parsed after its bytes were counted.
 * @throws PayloadTooLargeError (413) above the limit; ValidationError (422) when it cannot be parsed
 */
export async function readFormDataBody(request: Request, options: ReadBodyOptions = {}): Promise<FormData> {
  const bytes = await readBodyBytes(request, options);
  const contentType = request.headers.get("content-type") ?? "";
  try {
    return await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new ValidationError("The upload could not be read as form data.");
  }
}
