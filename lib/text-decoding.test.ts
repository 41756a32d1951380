import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeText, decodeWindows1252, firstInvalidUtf8 } from "./text-decoding";

const fieldReport = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, "../test/fixtures/field-reports", name)));
const bytes = (...values: number[]) => new Uint8Array(values);

describe("[IMPORT] text decoding policy", () => {
  it("decodes UTF-16LE with a byte-order mark (PowerShell, Excel 'Unicode text')", () => {
    const json = decodeText(fieldReport("cyclonedx/utf16le-with-bom.json"));
    expect(json).toMatchObject({ ok: true, encoding: "UTF-16LE", byteOrderMark: true });
    expect(json.ok && json.text).toContain('"name": "Sociétégénérale de Modèles"'.replace("égé", "é Gé"));
    const csv = decodeText(fieldReport("csv/utf16le-with-bom.csv"), { windows1252Fallback: true });
    expect(csv.ok && csv.text.split("\r\n")[2]).toBe("dataset,Kundendaten-Export,2024,Société Générale,proprietary,Überprüft – enthält Umlaute");
  });

  it("decodes UTF-16BE with a mark, and UTF-16 without one from its zero bytes", () => {
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from("{}", "utf16le").swap16()]);
    expect(decodeText(be)).toMatchObject({ ok: true, encoding: "UTF-16BE", text: "{}" });
    expect(decodeText(new Uint8Array(Buffer.from('{"a":1}', "utf16le")))).toMatchObject({ ok: true, encoding: "UTF-16LE", byteOrderMark: false, text: '{"a":1}' });
    expect(decodeText(bytes(0xff, 0xfe, 0x41))).toMatchObject({ ok: false });
  });

  it("strips a UTF-8 byte-order mark and decodes strictly", () => {
    expect(decodeText(new Uint8Array(Buffer.from("\uFEFFkind,name\nMODEL,é\n")))).toMatchObject({ ok: true, encoding: "UTF-8", byteOrderMark: true, text: "kind,name\nMODEL,é\n" });
    expect(decodeText(fieldReport("csv/excel-sep-hint.csv"))).toMatchObject({ ok: true, encoding: "UTF-8", byteOrderMark: false });
  });

  it("never replaces invalid UTF-8 silently: refuses naming the line, unless the caller allows Windows-1252", () => {
    const ansi = fieldReport("csv/windows-1252.csv");
    expect(decodeText(ansi)).toEqual({ ok: false, line: 3, message: "The file is not valid UTF-8: the first invalid byte is on line 3." });
    const read = decodeText(ansi, { windows1252Fallback: true });
    expect(read).toMatchObject({ ok: true, encoding: "Windows-1252" });
    expect(read.ok && read.text).toContain("Société Générale,proprietary,Überprüft – enthält Umlaute");
    expect(read.ok && read.text).not.toContain("\uFFFD");
  });

  it("maps the Windows-1252 bytes 0x80-0x9F to their characters, not to control codes", () => {
    expect(decodeWindows1252(bytes(0x80, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9f, 0xe9, 0x41))).toBe("\u20ac\u201c\u201d\u2013\u2014\u2122\u0178éA");
  });

  it("refuses bytes that are neither UTF-8 nor Windows-1252", () => {
    const undefinedByte = new Uint8Array([...Buffer.from("kind,name\nMODEL,a"), 0x81, 0x0a]);
    expect(decodeText(undefinedByte, { windows1252Fallback: true })).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/neither UTF-8 nor Windows-1252: byte 0x81 on line 2/) });
  });

  it("finds the first invalid UTF-8 byte (overlong forms, surrogates, truncation)", () => {
    expect(firstInvalidUtf8(new Uint8Array(Buffer.from("aé€😀")))).toBe(10);
    expect(firstInvalidUtf8(bytes(0x61, 0xc0, 0x80))).toBe(1); // overlong
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(0); // UTF-16 surrogate
    expect(firstInvalidUtf8(bytes(0x61, 0x62, 0xe2, 0x82))).toBe(2); // truncated
    expect(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(0); // above U+10FFFF
  });
});
