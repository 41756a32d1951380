import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { formatBytes } from "@/lib/format-bytes";
import { readBodyBytes, readFormDataBody } from "@/lib/http/read-body";
import { parseOrThrow } from "@/lib/validation";
import { XML_MESSAGE } from "./read-cyclonedx";
import { displayText } from "./rules/text";

export type ImportFormat = "csv" | "cyclonedx";
export type ImportUpload = { format: ImportFormat; file: { bytes: Uint8Array; name: string | null } };

/** Multipart overhead allowed on top of the file itself (boundaries, part headers, the format field). */
const MULTIPART_SLACK = 64 * 1024;

const FORMAT_MESSAGE = 'Choose the file format: "csv" or "cyclonedx".';
const ZUploadForm = z.object({ format: z.enum(["csv", "cyclonedx"], { error: FORMAT_MESSAGE }) });

/**
 * Reads an import upload: multipart form-data with `file` and an optional `format` (else
 * told from the file name, then from the first character), or a raw body sent as text/csv or
 * application/(vnd.cyclonedx+)json. Bytes are counted as they arrive (lib/http/read-body.ts),
 * so a body without Content-Length stops at the limit too. XML is refused with the reason.
 * @throws PayloadTooLargeError (413) above MAX_IMPORT_BYTES; ValidationError (422) naming the problem
 */
export async function readImportUpload(request: Request): Promise<ImportUpload> {
  const maxBytes = getConfig().MAX_IMPORT_BYTES;
  const tooLargeMessage = () => `The file is larger than the ${formatBytes(maxBytes)} import limit.`;
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

  if (contentType === "multipart/form-data") {
    const form = await readFormDataBody(request, { maxBytes: maxBytes + MULTIPART_SLACK, tooLargeMessage });
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      throw new ValidationError("Choose a file to import.", { file: ["Choose a file to import."] });
    }
    if (file.size > maxBytes) throw new PayloadTooLargeError(tooLargeMessage(), maxBytes);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const name = displayText(file.name, 255);
    const format = chooseFormat(form.get("format"), name, bytes);
    return { format, file: { bytes, name } };
  }
  if (contentType === "text/csv") {
    return { format: "csv", file: { bytes: await readBodyBytes(request, { maxBytes, tooLargeMessage }), name: null } };
  }
  if (contentType === "application/json" || contentType === "application/vnd.cyclonedx+json") {
    return { format: "cyclonedx", file: { bytes: await readBodyBytes(request, { maxBytes, tooLargeMessage }), name: null } };
  }
  await request.body?.cancel().catch(() => undefined);
  if (/[/+]xml$/.test(contentType)) throw new ValidationError(XML_MESSAGE, { file: [XML_MESSAGE] });
  throw new ValidationError(
    "Send multipart/form-data with a file and a format, or a text/csv or application/vnd.cyclonedx+json body.",
  );
}

/**
 * The format the user chose, else the one the file name says (.csv, .json), else the one the
 * first character says ("{" is JSON). XML is refused whatever was chosen, with the reason.
 */
function chooseFormat(chosen: FormDataEntryValue | null, name: string, bytes: Uint8Array): ImportFormat {
  const lower = name.toLowerCase();
  const first = firstCharacter(bytes);
  if (lower.endsWith(".xml") || first === "<") throw new ValidationError(XML_MESSAGE, { file: [XML_MESSAGE] });
  if (chosen !== null && chosen !== "") return parseOrThrow(ZUploadForm, { format: chosen }, FORMAT_MESSAGE).format;
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".json")) return "cyclonedx";
  if (first === "{") return "cyclonedx";
  const message = `The format of "${name}" cannot be told from its name: choose CSV or CycloneDX JSON under Format.`;
  throw new ValidationError(message, { format: [message] });
}

/** The first visible character of a file in UTF-8 or UTF-16 (byte-order marks and zero bytes skipped). */
function firstCharacter(bytes: Uint8Array): string | undefined {
  for (const byte of bytes.subarray(0, 64)) {
    if (byte === 0 || byte === 0xef || byte === 0xbb || byte === 0xbf || byte === 0xff || byte === 0xfe) continue;
    const c = String.fromCharCode(byte);
    if (!/\s/.test(c)) return c;
  }
  return undefined;
}
