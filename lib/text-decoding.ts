/**
 * Decoding uploaded text files (pure). Policy:
 * - A byte-order mark decides: UTF-8, UTF-16LE (what PowerShell's `>` and Excel's "Unicode
 *   text" write) or UTF-16BE. Without one, UTF-16 is recognised by its zero bytes in the first
 *   two characters (the detection RFC 4627 section 3 describes; our files start with ASCII).
 * - Otherwise the bytes must be valid UTF-8. Decoding is strict: an invalid byte is never
 *   turned into U+FFFD silently.
 * - Only where the caller allows it (CSV from spreadsheets), bytes that are not UTF-8 are read
 *   as Windows-1252, what Excel on Windows saves as "CSV", and the caller must tell the user.
 *   Bytes that Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) refuse the file.
 */

export type TextEncodingName = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "Windows-1252";

export type DecodedText = {
  ok: true;
  text: string;
  encoding: TextEncodingName;
  /** The file started with a byte-order mark (removed from `text`). */
  byteOrderMark: boolean;
};

export type DecodeFailure = { ok: false; message: string; line: number };

export type DecodeOptions = {
  /** Read non-UTF-8 bytes as Windows-1252 instead of refusing the file. */
  windows1252Fallback?: boolean;
};

const UNDEFINED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Windows-1252 bytes 0x80-0x9F (the WHATWG Encoding Standard's index); 0 marks the five
 * undefined bytes. Every other byte is the Unicode code point of the same number. Written out
 * because Node's TextDecoder("windows-1252") decodes these bytes as ISO-8859-1 controls.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Windows-1252 bytes -> text; the caller has checked that no undefined byte occurs. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (let start = 0; start < bytes.length; start += 8192) {
    const codes = Array.from(bytes.subarray(start, start + 8192), (b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : b));
    text += String.fromCharCode(...codes);
  }
  return text;
}

/**
 * Bytes -> text following the policy above.
 * @returns the text and the encoding used, or a failure whose message names the line (1-based)
 *   of the first byte that could not be decoded
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText | DecodeFailure {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return strictUtf8(bytes.subarray(3), true);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), "UTF-16LE", true);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), "UTF-16BE", true);
  if (bytes.length >= 4) {
    const [a, b, c, d] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
    if (a !== 0 && b === 0 && c !== 0 && d === 0) return utf16(bytes, "UTF-16LE", false);
    if (a === 0 && b !== 0 && c === 0 && d !== 0) return utf16(bytes, "UTF-16BE", false);
  }
  const utf8 = strictUtf8(bytes, false);
  if (utf8.ok || !options.windows1252Fallback) return utf8;

  const undefinedAt = bytes.findIndex((byte) => UNDEFINED_IN_WINDOWS_1252.has(byte));
  if (undefinedAt !== -1) {
    const line = lineOfByte(bytes, undefinedAt);
    return {
      ok: false,
      line,
      message: `The file is neither UTF-8 nor Windows-1252: byte 0x${bytes[undefinedAt]!.toString(16).toUpperCase()} on line ${line} is not a character in either. Save it as "CSV UTF-8".`,
    };
  }
  return { ok: true, text: decodeWindows1252(bytes), encoding: "Windows-1252", byteOrderMark: false };
}

function strictUtf8(bytes: Uint8Array, byteOrderMark: boolean): DecodedText | DecodeFailure {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), encoding: "UTF-8", byteOrderMark };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const line = lineOfByte(bytes, offset);
    return { ok: false, line, message: `The file is not valid UTF-8: the first invalid byte is on line ${line}.` };
  }
}

function utf16(bytes: Uint8Array, encoding: "UTF-16LE" | "UTF-16BE", byteOrderMark: boolean): DecodedText | DecodeFailure {
  const failure = (line: number): DecodeFailure => ({
    ok: false,
    line,
    message: `The file looks like ${encoding} but is not valid ${encoding}${line > 0 ? ` (line ${line})` : ""}.`,
  });
  if (bytes.length % 2 !== 0) return failure(0);
  try {
    const label = encoding === "UTF-16LE" ? "utf-16le" : "utf-16be";
    return { ok: true, text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes), encoding, byteOrderMark };
  } catch {
    const text = new TextDecoder(encoding === "UTF-16LE" ? "utf-16le" : "utf-16be", { ignoreBOM: true }).decode(bytes);
    const at = text.indexOf("\uFFFD");
    return failure(at === -1 ? 0 : text.slice(0, at).split("\n").length);
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
