import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { readImportUpload } from "./import-upload";

const URL_ = "http://localhost/api/systems/s1/assets/import";
const fieldReport = (name: string) => readFileSync(path.join(import.meta.dirname, "../../test/fixtures/field-reports", name));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function multipart(fields: Record<string, string | File>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return new Request(URL_, { method: "POST", body: form });
}

describe("[ASSETS] import upload reading", () => {
  it("reads a multipart upload with a file and a format, keeping the bytes and the name", async () => {
    const file = new File(["kind,name\nMODEL,m\n"], "assets.txt", { type: "text/plain" });
    const upload = await readImportUpload(multipart({ file, format: "csv" }));
    expect(upload.format).toBe("csv");
    expect(upload.file.name).toBe("assets.txt");
    expect(text(upload.file.bytes)).toBe("kind,name\nMODEL,m\n");
  });

  it("tells the format from the file name, then from the first character", async () => {
    const bom = new File(['{"bomFormat":"CycloneDX"}'], "bom.cdx.json");
    expect((await readImportUpload(multipart({ file: bom }))).format).toBe("cyclonedx");
    expect((await readImportUpload(multipart({ file: new File(["kind,name\n"], "a.CSV") }))).format).toBe("csv");
    expect((await readImportUpload(multipart({ file: new File(['  {"bomFormat":"CycloneDX"}'], "bom.txt") }))).format).toBe("cyclonedx");
    const utf16 = new File([fieldReport("cyclonedx/utf16le-with-bom.json")], "export");
    expect((await readImportUpload(multipart({ file: utf16 }))).format).toBe("cyclonedx");
    const unknown = await readImportUpload(multipart({ file: new File(["kind,name\n"], "assets.txt") })).catch((e) => e);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as ValidationError).message).toBe('The format of "assets.txt" cannot be told from its name: choose CSV or CycloneDX JSON under Format.');
  });

  it("says why an XML BOM is refused, whatever format was chosen (field report bom.xml)", async () => {
    const xml = fieldReport("cyclonedx/bom.xml");
    for (const format of [undefined, "cyclonedx", "csv"]) {
      const fields: Record<string, string | File> = { file: new File([xml], "bom.xml") };
      if (format) fields.format = format;
      const error = await readImportUpload(multipart(fields)).catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toMatch(/^This is an XML file\. Only CycloneDX JSON BOMs \(and CSV files\) can be imported/);
      expect((error as ValidationError).fieldErrors.file).toHaveLength(1);
    }
    const renamed = await readImportUpload(multipart({ file: new File([xml], "bom.txt") })).catch((e) => e);
    expect((renamed as ValidationError).message).toMatch(/^This is an XML file/);
    const raw = new Request(URL_, { method: "POST", headers: { "content-type": "application/vnd.cyclonedx+xml" }, body: xml });
    await expect(readImportUpload(raw)).rejects.toThrow(/^This is an XML file/);
  });

  it("asks for a file and a known format", async () => {
    await expect(readImportUpload(multipart({ format: "csv" }))).rejects.toThrow(/Choose a file/);
    const file = new File(["x"], "assets.xlsx");
    const error = await readImportUpload(multipart({ file, format: "xlsx" })).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe('Choose the file format: "csv" or "cyclonedx".');
    expect((error as ValidationError).fieldErrors.format).toEqual(['Choose the file format: "csv" or "cyclonedx".']);
  });

  it("reads raw CSV and CycloneDX bodies by content type", async () => {
    const csv = new Request(URL_, { method: "POST", headers: { "content-type": "text/csv; charset=utf-8" }, body: "kind,name\n" });
    const readCsv = await readImportUpload(csv);
    expect([readCsv.format, text(readCsv.file.bytes)]).toEqual(["csv", "kind,name\n"]);
    const json = new Request(URL_, { method: "POST", headers: { "content-type": "application/vnd.cyclonedx+json" }, body: "{}" });
    expect((await readImportUpload(json)).format).toBe("cyclonedx");
    const other = new Request(URL_, { method: "POST", headers: { "content-type": "application/pdf" }, body: "%PDF" });
    await expect(readImportUpload(other)).rejects.toThrow(/multipart\/form-data/);
  });

  it("refuses a raw body that passes the size limit with 413", async () => {
    const big = new Request(URL_, { method: "POST", headers: { "content-type": "text/csv" }, body: "a".repeat(5 * 1024 * 1024 + 1) });
    const error = await readImportUpload(big).catch((e) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).status).toBe(413);
    expect((error as PayloadTooLargeError).message).toBe("The file is larger than the 5 MB import limit.");
  });

  it("stops reading a chunked multipart upload at the limit, without Content-Length", async () => {
    // A multipart body far above the limit, produced lazily: the reader must stop pulling.
    const boundary = "----limit-test";
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\nkind,name\r\n`);
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = pulled === 0 ? head : chunk;
        pulled += next.byteLength;
        if (pulled > 200 * 1024 * 1024) controller.close();
        else controller.enqueue(next);
      },
    });
    const request = new Request(URL_, {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: "half",
    } as RequestInit);
    expect(request.headers.get("content-length")).toBeNull();
    await expect(readImportUpload(request)).rejects.toBeInstanceOf(PayloadTooLargeError);
    // Limit 5 MiB + 64 KiB multipart slack; the stream may run a few chunks ahead of the reader.
    expect(pulled).toBeLessThan(6 * 1024 * 1024);
  });
});
