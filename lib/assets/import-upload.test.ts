import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { readImportUpload } from "./import-upload";

const URL_ = "http://localhost/api/systems/s1/assets/import";

function multipart(fields: Record<string, string | File>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return new Request(URL_, { method: "POST", body: form });
}

describe("[ASSETS] import upload reading", () => {
  it("reads a multipart upload with a file and a format", async () => {
    const file = new File(["kind,name\nMODEL,m\n"], "assets.txt", { type: "text/plain" });
    expect(await readImportUpload(multipart({ file, format: "csv" }))).toEqual({ format: "csv", text: "kind,name\nMODEL,m\n" });
  });

  it("guesses the format from the file name when none is given", async () => {
    const file = new File(['{"bomFormat":"CycloneDX"}'], "bom.cdx.json");
    expect((await readImportUpload(multipart({ file }))).format).toBe("cyclonedx");
  });

  it("asks for a file and a known format", async () => {
    await expect(readImportUpload(multipart({ format: "csv" }))).rejects.toThrow(/Choose a file/);
    const file = new File(["x"], "assets.xlsx");
    const error = await readImportUpload(multipart({ file, format: "xlsx" })).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.format).toEqual(['Choose the file format: "csv" or "cyclonedx".']);
  });

  it("reads raw CSV and CycloneDX bodies by content type", async () => {
    const csv = new Request(URL_, { method: "POST", headers: { "content-type": "text/csv; charset=utf-8" }, body: "kind,name\n" });
    expect(await readImportUpload(csv)).toEqual({ format: "csv", text: "kind,name\n" });
    const json = new Request(URL_, { method: "POST", headers: { "content-type": "application/vnd.cyclonedx+json" }, body: "{}" });
    expect(await readImportUpload(json)).toEqual({ format: "cyclonedx", text: "{}" });
    const xml = new Request(URL_, { method: "POST", headers: { "content-type": "application/xml" }, body: "<bom/>" });
    await expect(readImportUpload(xml)).rejects.toThrow(/multipart\/form-data/);
  });

  it("stops reading a raw body that passes the size limit", async () => {
    const big = new Request(URL_, { method: "POST", headers: { "content-type": "text/csv" }, body: "a".repeat(5 * 1024 * 1024 + 1) });
    await expect(readImportUpload(big)).rejects.toThrow(/larger than the 5.0 MB import limit/);
  });
});
