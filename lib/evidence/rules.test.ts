import { describe, expect, it } from "vitest";
import {
  contentDisposition,
  encodeRfc5987,
  evidenceState,
  MAX_FILE_NAME_LENGTH,
  safeFileName,
  satisfiesMet,
  sniffContentType,
  TEXT_SNIFF_BYTES,
} from "./rules";

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((v) => (typeof v === "string" ? [...Buffer.from(v, "latin1")] : [v])));
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

describe("[EVIDENCE] content type sniffing", () => {
  it.each([
    ["PDF", bytes("%PDF-1.7\n%", 0xe2, 0xe3), "report.pdf", "application/pdf"],
    ["PDF named .txt", bytes("%PDF-1.4\n"), "notes.txt", "application/pdf"],
    ["PNG", bytes(0x89, "PNG\r\n", 0x1a, "\n", 0, 0, 0, 13, "IHDR"), "shot.png", "image/png"],
    ["JPEG", bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, "JFIF"), "photo.jpg", "image/jpeg"],
    ["GIF87a", bytes("GIF87a", 1, 0), "a.gif", "image/gif"],
    ["GIF89a", bytes("GIF89a", 1, 0), "a.gif", "image/gif"],
    ["WEBP", bytes("RIFF", 0x24, 0, 0, 0, "WEBPVP8 "), "a.webp", "image/webp"],
    ["RIFF that is not WEBP (WAV)", bytes("RIFF", 0x24, 0, 0, 0, "WAVEfmt ", 0, 0), "a.webp", "application/octet-stream"],
    ["ZIP", bytes("PK", 3, 4, 20, 0), "bundle.zip", "application/zip"],
    ["empty ZIP", bytes("PK", 5, 6, 0, 0), "empty.zip", "application/zip"],
    ["DOCX", bytes("PK", 3, 4, 20, 0), "Policy.DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["XLSX", bytes("PK", 3, 4, 20, 0), "risks.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["PPTX", bytes("PK", 3, 4, 20, 0), "deck.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
    ["a .docx that is not a ZIP", utf8("hello"), "fake.docx", "text/plain; charset=utf-8"],
    ["GZIP", bytes(0x1f, 0x8b, 8, 0), "logs.tar.gz", "application/gzip"],
    ["JSON", utf8('{"model": "x"}'), "eval.json", "application/json"],
    ["JSON array with BOM", utf8('\uFEFF[1, 2]'), "eval.json", "application/json"],
    ["a .json that is not JSON-looking", utf8("hello"), "eval.json", "text/plain; charset=utf-8"],
    ["CSV", utf8("a,b\n1,2\n"), "table.csv", "text/csv; charset=utf-8"],
    ["Markdown", utf8("# Findings\n"), "README.md", "text/markdown; charset=utf-8"],
    ["plain text with accents", utf8("Évaluation réussie ✓"), "result.txt", "text/plain; charset=utf-8"],
    ["HTML is served as plain text", utf8("<html><script>alert(1)</script>"), "page.html", "text/plain; charset=utf-8"],
    ["SVG is served as plain text", utf8('<svg xmlns="http://www.w3.org/2000/svg"/>'), "x.svg", "text/plain; charset=utf-8"],
    ["text with a NUL", bytes("abc", 0, "def"), "x.txt", "application/octet-stream"],
    ["UTF-16 text", new Uint8Array(Buffer.from("\uFEFFhello", "utf16le")), "x.txt", "application/octet-stream"],
    ["invalid UTF-8", bytes("caf", 0xe9), "x.txt", "application/octet-stream"],
    ["random binary", bytes(0x00, 0x13, 0x37, 0xfe), "weights.bin", "application/octet-stream"],
    ["empty", new Uint8Array(), "x.txt", "application/octet-stream"],
  ])("%s", (_label, head, name, expected) => {
    expect(sniffContentType(head, name)).toBe(expected);
  });

  it("ignores the browser-declared extension for binary formats and looks only at the first 4 KiB for text", () => {
    const text = utf8("a".repeat(TEXT_SNIFF_BYTES) + "\u0000");
    expect(sniffContentType(text, "x.txt")).toBe("text/plain; charset=utf-8");
  });

  it("does not mistake a multi-byte character cut at the 4 KiB mark for binary", () => {
    // 4095 ASCII bytes then "é" (2 bytes): the sample ends in the middle of the character.
    const head = utf8("a".repeat(TEXT_SNIFF_BYTES - 1) + "é" + "b".repeat(100));
    expect(sniffContentType(head, "x.md")).toBe("text/markdown; charset=utf-8");
    // ...but a whole (short) file that ends inside a character is not text.
    expect(sniffContentType(bytes("ab", 0xc3), "x.txt")).toBe("application/octet-stream");
  });
});

describe("[EVIDENCE] safe file names", () => {
  it.each([
    ["report.pdf", "report.pdf"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\Desktop\\scan.png", "scan.png"],
    ["/abs/path/to/file.txt", "file.txt"],
    ["bad\u0000name\u0007.txt", "badname.txt"],
    ["line\r\nbreak.txt", "linebreak.txt"],
    ["invoice\u202Efdp.exe", "invoicefdp.exe"],
    ['what?<is>:"this"|*.csv', "what__is___this___.csv"],
    ["  spaced   out  .txt  ", "spaced out .txt"],
    [".env", "env"],
    ["trailing dots...", "trailing dots"],
    ["..", "evidence"],
    ["", "evidence"],
    ["\u0001\u0002", "evidence"],
    ["Prüfbericht ✓.pdf", "Prüfbericht ✓.pdf"],
    ["e\u0301.txt", "\u00e9.txt"],
  ])("%j -> %j", (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it("limits the length but keeps the extension", () => {
    const name = safeFileName(`${"x".repeat(500)}.pdf`);
    expect([...name]).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith(".pdf")).toBe(true);
    // Characters outside the BMP are never split in half.
    const emoji = safeFileName(`${"😀".repeat(300)}.txt`);
    expect([...emoji]).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(emoji.endsWith(".txt")).toBe(true);
    expect(emoji.isWellFormed()).toBe(true);
    // An absurd "extension" is not kept at the expense of the name.
    expect([...safeFileName(`a.${"y".repeat(400)}`)]).toHaveLength(MAX_FILE_NAME_LENGTH);
  });
});

describe("[EVIDENCE] Content-Disposition", () => {
  it("sends an ASCII fallback and the exact name in RFC 5987 form", () => {
    expect(contentDisposition("report.pdf")).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(contentDisposition("Prüfbericht 2026.pdf")).toBe(
      `attachment; filename="Pr_fbericht 2026.pdf"; filename*=UTF-8''Pr%C3%BCfbericht%202026.pdf`,
    );
  });

  it("cannot be broken out of: quotes and line breaks are neutralised, the rest is encoded", () => {
    const header = contentDisposition('a"; filename="evil.html\r\nSet-Cookie: x=1;.txt');
    expect(header).not.toMatch(/[\r\n]/);
    const [, fallback] = /filename="([^"]*)"/.exec(header)!;
    expect(fallback).toBe("a_; filename=_evil.htmlSet-Cookie_ x=1;.txt");
    expect(header).toContain(`filename*=UTF-8''a_%3B%20filename%3D_evil.htmlSet-Cookie_%20x%3D1%3B.txt`);
  });

  it("percent-encodes characters outside attr-char that encodeURIComponent leaves alone", () => {
    expect(encodeRfc5987("it's (v2)*.txt")).toBe("it%27s%20%28v2%29%2A.txt");
    expect(encodeRfc5987("a!~b")).toBe("a!~b");
    expect(decodeURIComponent(encodeRfc5987("日本語 ü.pdf"))).toBe("日本語 ü.pdf");
  });
});

describe("[EVIDENCE] state over time", () => {
  const base = { deletedAt: null, superseded: false, effectiveDate: "2026-01-01", expiresAt: "2026-12-31" };

  it.each([
    ["before the effective date", base, "2025-12-31", "NOT_YET_EFFECTIVE"],
    ["on the effective date", base, "2026-01-01", "VALID"],
    ["in the middle", base, "2026-06-15", "VALID"],
    ["on the expiry date (inclusive)", base, "2026-12-31", "VALID"],
    ["the day after expiry", base, "2027-01-01", "EXPIRED"],
    ["without expiry, years later", { ...base, expiresAt: null }, "2040-01-01", "VALID"],
    ["superseded by a revision", { ...base, superseded: true }, "2026-06-15", "SUPERSEDED"],
    ["superseded and expired", { ...base, superseded: true }, "2027-06-15", "SUPERSEDED"],
    ["deleted (wins over everything)", { ...base, superseded: true, deletedAt: new Date("2026-03-01T10:00:00Z") }, "2026-06-15", "DELETED"],
  ] as const)("%s", (_label, evidence, today, state) => {
    expect(evidenceState(evidence, today)).toBe(state);
    expect(satisfiesMet(evidence, today)).toBe(state === "VALID");
  });

  it("accepts DATE columns (UTC midnight) and a Date for today", () => {
    const evidence = { deletedAt: null, superseded: false, effectiveDate: new Date("2026-01-01"), expiresAt: new Date("2026-12-31") };
    expect(evidenceState(evidence, new Date("2026-12-31T23:59:59Z"))).toBe("VALID");
    expect(evidenceState(evidence, new Date("2027-01-01T00:00:00Z"))).toBe("EXPIRED");
  });
});
