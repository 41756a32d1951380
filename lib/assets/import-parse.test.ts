import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PayloadTooLargeError } from "@/lib/errors";
import { decodeImportFile, refuseRepeatedRows, validateCandidates } from "./import-common";
import { parseAssetsCsv } from "./import-csv";
import { ImportRejectedError } from "./import-errors";
import { readCycloneDx } from "./read-cyclonedx";
import { csvColumnOf } from "./rules/csv";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../../test/fixtures", name), "utf8");
const HEADER = "kind,name,version,supplier,licence,sha256,other_digests,signature_ref,sensitivity,permissions,due_diligence,capabilities,credential_type,human_approval_required,secret_location,rotation_days,notes";

describe("[ASSETS] CSV reading", () => {
  it("reads the valid fixture into validated assets with file row numbers", () => {
    const { candidates, errors } = parseAssetsCsv(fixture("assets-valid.csv"));
    expect(errors).toEqual([]);
    expect(candidates.map((c) => c.row)).toEqual([2, 3, 4, 5]);
    const result = validateCandidates(candidates, csvColumnOf);
    expect(result.errors).toEqual([]);
    expect(result.assets.map((a) => a.asset)).toMatchObject([
      { kind: "MODEL", name: "claims-summariser", sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", dueDiligence: "APPROVED" },
      { kind: "DATASET", dueDiligence: "IN_PROGRESS", sensitivity: "RESTRICTED" },
      { kind: "TOOL_CONNECTOR", permissions: ["crm.read", "crm.write"], capabilities: ["READ_INTERNAL_DATA", "SEND_MESSAGES"], humanApprovalRequired: true, notes: "Writes case notes, never deletes" },
      { kind: "CREDENTIAL", version: null, secretLocation: "vault://kv/prod/claims/crm-token", rotationDays: 90 },
    ]);
  });

  it("reports the bad row by its number in the file and its CSV column", () => {
    const { candidates } = parseAssetsCsv(fixture("assets-bad-row.csv"));
    const { errors } = validateCandidates(candidates, csvColumnOf);
    expect(errors).toEqual([{ row: 4, field: "sha256", message: "SHA-256 digest must be 64 hexadecimal characters" }]);
  });

  it("counts blank lines and multi-line cells like a spreadsheet does, and skips rows without asset data", () => {
    const csv = `\uFEFF${HEADER}\r\nMODEL,a,1,,,,,,,,,,,,,,"two\nlines"\r\n\r\n,,,,,,,,,,,,,,,,\r\nMODEL,b,1,,,,,,,,,,,,,,\r\n`;
    const { candidates, errors } = parseAssetsCsv(csv);
    expect(errors).toEqual([]);
    expect(candidates.map((c) => [c.row, c.input.name])).toEqual([
      [2, "a"],
      [5, "b"],
    ]);
  });

  it("finds duplicates inside the file, naming the first occurrence", () => {
    const { candidates } = parseAssetsCsv(`kind,name,version\nMODEL,m,1\nmodel,m,1\nMODEL,m,\nMODEL,m,\n`);
    const { assets, errors } = validateCandidates(candidates, csvColumnOf);
    expect(errors).toEqual([]);
    expect(refuseRepeatedRows(assets, csvColumnOf)).toEqual([
      { row: 3, field: "name", message: "Same kind, name and version as row 2." },
      { row: 5, field: "name", message: "Same kind, name and version as row 4." },
    ]);
  });

  it("takes back the quote that export adds against formula injection, and ignores system columns", () => {
    const { candidates } = parseAssetsCsv(`system_slug,kind,name,notes\nclaims,MODEL,m,"'- bullet point"\n`);
    expect(candidates[0]!.input).toMatchObject({ kind: "MODEL", name: "m", notes: "- bullet point" });
  });

  it("refuses unknown, repeated or missing columns as a header problem on row 1", () => {
    const error = (() => {
      try {
        parseAssetsCsv("kind,name,sha265,name\nMODEL,m,x,y\n");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ImportRejectedError);
    const rows = (error as ImportRejectedError).rows;
    expect(rows.every((r) => r.row === 1)).toBe(true);
    expect(rows.map((r) => r.message).join(" ")).toMatch(/Unknown column "sha265".*"name" appears more than once/);
    expect(() => parseAssetsCsv("kind;name;version\nMODEL;m;1\n")).toThrow(/nothing was imported/);
    expect(() => parseAssetsCsv("")).toThrow(/empty/);
  });

  it("reports an unterminated quote at the row where it starts", () => {
    const { errors } = parseAssetsCsv('kind,name,notes\nMODEL,a,ok\nMODEL,b,"never closed\nMODEL,c,x\n');
    expect(errors).toEqual([{ row: 3, field: "_row", message: "The CSV is malformed here: Quoted field unterminated." }]);
  });

  it("refuses rows with more cells than the header and more than 5,000 rows", () => {
    expect(parseAssetsCsv("kind,name\nMODEL,m,extra\n").errors).toEqual([
      { row: 2, field: "_row", message: "This row has 3 cells but the header has 2 columns." },
    ]);
    const big = `kind,name\n${Array.from({ length: 5001 }, (_, i) => `LIBRARY,lib-${i}`).join("\n")}\n`;
    expect(() => parseAssetsCsv(big)).toThrow(/5,001 rows; at most 5,000/);
  });

  it("refuses files above the byte limit before decoding", () => {
    expect(() => decodeImportFile("x".repeat(2048), "csv", 1024)).toThrow(PayloadTooLargeError);
    expect(() => decodeImportFile("x".repeat(2048), "csv", 1024)).toThrow(/the import limit is 1 KB/);
    expect(decodeImportFile("x".repeat(1024), "csv", 1024).file).toMatchObject({ bytes: 1024, encoding: "UTF-8", name: null });
  });
});

describe("[ASSETS] CycloneDX reading", () => {
  // The first BOM read compiles the official CycloneDX JSON schema (ajv): seconds on a loaded
  // 2-core machine, where the default 5 s limit was exceeded.
  it("maps components (nested too) and services of a valid 1.6 BOM", { timeout: 60_000 }, () => {
    const { candidates, skipped, bom } = readCycloneDx(fixture("bom-valid.cdx.json"));
    expect(bom).toEqual({ serialNumber: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", version: 1 });
    expect(skipped).toEqual([{ row: "metadata.component", name: "claims-triage-assistant", type: "application", reason: expect.stringMatching(/^An application is a whole program/) }]);
    const { assets, errors } = validateCandidates(candidates);
    expect(errors).toEqual([]);
    expect(assets.map((a) => [a.row, a.asset.kind, a.asset.name])).toEqual([
      ["components[0]", "MODEL", "meta-llama/Llama-3.1-8B-Instruct"],
      ["components[1]", "DATASET", "historic-claims-2023"],
      ["components[2]", "LIBRARY", "transformers"],
      ["components[2].components[0]", "LIBRARY", "tokenizers"],
      ["components[3]", "ENVIRONMENT", "inference-runtime"],
      ["services[0]", "VENDOR_API", "moderation-api"],
    ]);
    expect(assets[0]!.asset).toMatchObject({
      supplier: "Meta",
      licence: "Llama 3.1 Community License",
      sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      otherDigests: [{ algorithm: "SHA_1", value: "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3" }],
    });
    expect(assets[1]!.asset.supplier).toBe("Claims Operations");
    expect(assets[3]!.asset.licence).toBe("Apache-2.0 OR MIT");
    expect(assets[5]!.asset.supplier).toBe("OpenAI");
  });

  it("reports schema violations per component path", () => {
    let error: unknown;
    try {
      readCycloneDx(fixture("bom-invalid.cdx.json"));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportRejectedError);
    const rows = (error as ImportRejectedError).rows;
    expect(rows).toContainEqual(expect.objectContaining({ row: "components[0]", field: "hashes[0].content" }));
    expect(rows).toContainEqual(expect.objectContaining({ row: "components[1]", field: "type" }));
    expect(rows).toContainEqual({ row: "components[2]", field: "_component", message: 'missing required property "name"' });
  });

  it("refuses bad JSON, other formats and other spec versions with clear messages", () => {
    expect(() => readCycloneDx("{ not json")).toThrow(/not valid JSON/);
    expect(() => readCycloneDx("[]")).toThrow(/must be a JSON object/);
    expect(() => readCycloneDx(JSON.stringify({ spdxVersion: "SPDX-2.3" }))).toThrow(/"bomFormat" must be "CycloneDX"/);
    expect(() => readCycloneDx(JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.5" }))).toThrow(/Only CycloneDX 1.6.*1\.5/);
    expect(readCycloneDx(JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.6" }))).toMatchObject({ candidates: [], skipped: [] });
  });

  it("explains an unknown SPDX licence id without listing the whole SPDX list", () => {
    const bom = { bomFormat: "CycloneDX", specVersion: "1.6", components: [{ type: "library", name: "x", licenses: [{ license: { id: "Apache 2" } }] }] };
    let error: unknown;
    try {
      readCycloneDx(JSON.stringify(bom));
    } catch (e) {
      error = e;
    }
    expect((error as ImportRejectedError).rows).toContainEqual({
      row: "components[0]",
      field: "licenses[0].license.id",
      message: 'is not an SPDX licence identifier (put other licence names in "license.name")',
    });
  });

  it("rejects properties the official schema does not allow", () => {
    const bom = { bomFormat: "CycloneDX", specVersion: "1.6", components: [{ type: "library", name: "x", secretKey: "y" }] };
    expect(() => readCycloneDx(JSON.stringify(bom))).toThrow(ImportRejectedError);
  });
});
