/** Pure rules for evidence: no database, no Next, no auth. */

// ---------------------------------------------------------------------------------------
// Content type sniffing: the browser's claim is never trusted
// ---------------------------------------------------------------------------------------

/** How much of the start of a file decides whether it is text. */
export const TEXT_SNIFF_BYTES = 4096;

export const OCTET_STREAM = "application/octet-stream";

const OOXML_TYPES: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};

/** Text types we are willing to name. Anything else that is text (HTML, SVG, scripts) is served as plain text. */
const TEXT_TYPES: Record<string, string> = {
  json: "application/json",
  csv: "text/csv; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
};

const PLAIN_TEXT = "text/plain; charset=utf-8";

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The content type of a file, decided from its first bytes (magic numbers) and, only to tell
 * apart formats that share a container (a .docx is a ZIP) or kinds of text, its extension.
 * Never returns a type a browser would render as active content (HTML, SVG, JavaScript).
 *
 * `firstBytes` is the start of the file; pass more than TEXT_SNIFF_BYTES when the file is
 * longer, so a multi-byte character cut off at the sample's end is not mistaken for binary.
 */
export function sniffContentType(firstBytes: Uint8Array, fileName: string): string {
  const ext = extensionOf(fileName);
  if (startsWith(firstBytes, ascii("%PDF-"))) return "application/pdf";
  if (startsWith(firstBytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(firstBytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(firstBytes, ascii("GIF87a")) || startsWith(firstBytes, ascii("GIF89a"))) return "image/gif";
  if (startsWith(firstBytes, ascii("RIFF")) && startsWith(firstBytes, ascii("WEBP"), 8)) return "image/webp";
  if (
    startsWith(firstBytes, [0x50, 0x4b, 0x03, 0x04]) ||
    startsWith(firstBytes, [0x50, 0x4b, 0x05, 0x06]) ||
    startsWith(firstBytes, [0x50, 0x4b, 0x07, 0x08])
  ) {
    return OOXML_TYPES[ext] ?? "application/zip";
  }
  if (startsWith(firstBytes, [0x1f, 0x8b])) return "application/gzip";
  if (isUtf8Text(firstBytes)) {
    const type = TEXT_TYPES[ext];
    if (type === "application/json" && !/^\s*[[{"]/.test(new TextDecoder().decode(firstBytes.subarray(0, 64)).replace(/^\uFEFF/, ""))) {
      return PLAIN_TEXT;
    }
    return type ?? PLAIN_TEXT;
  }
  return OCTET_STREAM;
}

/** Valid UTF-8 without NUL bytes in the first TEXT_SNIFF_BYTES (a sequence cut by the sample's end is fine). */
export function isUtf8Text(firstBytes: Uint8Array): boolean {
  if (firstBytes.length === 0) return false;
  const truncated = firstBytes.length > TEXT_SNIFF_BYTES;
  const sample = firstBytes.subarray(0, TEXT_SNIFF_BYTES);
  if (sample.includes(0)) return false;
  try {
    // `stream: true` keeps an incomplete trailing sequence for a next call instead of failing.
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: truncated });
    return true;
  } catch {
    return false;
  }
}

/** "Report.Final.PDF" -> "pdf"; no extension -> "". */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

// ---------------------------------------------------------------------------------------
// File names
// ---------------------------------------------------------------------------------------

export const MAX_FILE_NAME_LENGTH = 180;
const MAX_EXTENSION_LENGTH = 16;
const FALLBACK_FILE_NAME = "evidence";

/**
 * A file name safe to store and to send back: the last path segment only, no control or
 * bidirectional-override characters (which can disguise "evil‮fdp.exe" as "evilexe.pdf"), no
 * characters Windows refuses, at most MAX_FILE_NAME_LENGTH characters with the extension kept.
 */
export function safeFileName(name: string): string {
  const last = name.normalize("NFC").split(/[\\/]/).pop() ?? "";
  let cleaned = last
    // C0/C1 controls, DEL, bidi embeddings/overrides/isolates, zero-width and BOM characters.
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    // Windows drops trailing dots and spaces; leading dots make hidden files.
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (!cleaned) return FALLBACK_FILE_NAME;

  const chars = [...cleaned];
  if (chars.length > MAX_FILE_NAME_LENGTH) {
    const dot = cleaned.lastIndexOf(".");
    const ext = dot > 0 ? [...cleaned.slice(dot)] : [];
    const keepExt = ext.length > 1 && ext.length <= MAX_EXTENSION_LENGTH + 1 ? ext : [];
    const stem = [...cleaned.slice(0, keepExt.length ? dot : cleaned.length)];
    cleaned = stem.slice(0, MAX_FILE_NAME_LENGTH - keepExt.length).join("").trimEnd() + keepExt.join("");
  }
  return cleaned;
}

/**
 * `Content-Disposition: attachment` with a plain-ASCII `filename` for old clients and the exact
 * name in RFC 5987 / RFC 6266 `filename*` form.
 */
export function contentDisposition(fileName: string): string {
  const name = safeFileName(fileName);
  const fallback = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Percent-encodes everything outside RFC 5987's attr-char set. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// ---------------------------------------------------------------------------------------
// Validity over time
// ---------------------------------------------------------------------------------------

export const EVIDENCE_STATES = ["VALID", "EXPIRED", "NOT_YET_EFFECTIVE", "DELETED", "SUPERSEDED"] as const;
export type EvidenceState = (typeof EVIDENCE_STATES)[number];

export type EvidenceValidityFacts = {
  deletedAt: Date | string | null;
  /** A newer revision corrects this one. */
  superseded: boolean;
  effectiveDate: Date | string;
  /** The last day the evidence holds (inclusive); null = no expiry. */
  expiresAt: Date | string | null;
};

/** A calendar day as "YYYY-MM-DD" (DATE columns come back as UTC midnight). */
export function isoDay(value: Date | string): string {
  return typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** Today's date in UTC, the reference day for expiry. */
export function todayUtc(now = new Date()): string {
  return isoDay(now);
}

/**
 * Where evidence stands on `today`. Deletion wins over everything, then a newer revision;
 * expiry is inclusive: evidence expiring on 2026-12-31 still holds on that day.
 */
export function evidenceState(evidence: EvidenceValidityFacts, today: Date | string): EvidenceState {
  const day = isoDay(today);
  if (evidence.deletedAt) return "DELETED";
  if (evidence.superseded) return "SUPERSEDED";
  if (isoDay(evidence.effectiveDate) > day) return "NOT_YET_EFFECTIVE";
  if (evidence.expiresAt && isoDay(evidence.expiresAt) < day) return "EXPIRED";
  return "VALID";
}

/** Only current, effective, unexpired, undeleted evidence supports a MET checklist item. */
export function satisfiesMet(evidence: EvidenceValidityFacts, today: Date | string): boolean {
  return evidenceState(evidence, today) === "VALID";
}
