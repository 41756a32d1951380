import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { createSystem } from "@/lib/systems/create-system";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import { importAssetsCsv } from "./import-csv";
import { importAssetsCycloneDx } from "./import-cyclonedx";
import { ImportRejectedError } from "./import-errors";
import { listAssets } from "./queries";

// Every input in test/fixtures/field-reports (copied from the field reports of issue 7) is used here.
const t = useTestDatabase();
const FIXTURES = path.join(import.meta.dirname, "../../test/fixtures/field-reports");
const upload = (name: string) => ({ bytes: new Uint8Array(readFileSync(path.join(FIXTURES, name))), name: path.basename(name) });
const sha256Of = (name: string) => createHash("sha256").update(readFileSync(path.join(FIXTURES, name))).digest("hex");

async function ownedSystem() {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const system = await createSystem({ actor: owner, db: t.db }, systemInput());
  return { system, ctx: { actor: owner, db: t.db } };
}

async function assetCount(systemId: string) {
  return t.db.asset.count({ where: { systemId } });
}

describe("[ASSETS] field reports: CycloneDX files real tools write", () => {
  it("nested-metadata-components.json: nested components import, the application subject is skipped and counted", async () => {
    const { system, ctx } = await ownedSystem();
    const result = await importAssetsCycloneDx(ctx, system.id, upload("cyclonedx/nested-metadata-components.json"));
    expect(result).toMatchObject({ imported: 3, merged: 0, skipped: 1, message: "Imported 3 assets; skipped 1 component." });
    expect(result.skippedEntries).toEqual([{ row: "metadata.component", name: "com.example/app", type: "application", reason: expect.stringMatching(/^An application is a whole program/) }]);
    expect((await listAssets(ctx, system.id)).map((a) => [a.kind, a.name, a.version])).toEqual([
      ["LIBRARY", "com.example/module-a", "1.0.0"],
      ["LIBRARY", "com.example/module-b", "1.0.0"],
      ["LIBRARY", "org.slf4j/slf4j-api", "2.0.9"],
    ]);
  });

  it("model-only-in-metadata.json: the BOM's only model, in metadata.component, is imported", async () => {
    const { system, ctx } = await ownedSystem();
    const result = await importAssetsCycloneDx(ctx, system.id, upload("cyclonedx/model-only-in-metadata.json"));
    expect(result).toMatchObject({ imported: 1, skipped: 0, message: "Imported 1 asset." });
    expect(result.notices).toEqual(["metadata.component (sentiment-classifier): no SHA-256 digest recorded."]);
    const [model] = await listAssets(ctx, system.id);
    expect(model).toMatchObject({ kind: "MODEL", name: "sentiment-classifier", version: "1.0.0", supplier: "Example ML Team", licence: "Apache-2.0" });
  });

  it("same-component-twice.json: one component under two bom-refs is imported once and the merge is reported", async () => {
    const { system, ctx } = await ownedSystem();
    const result = await importAssetsCycloneDx(ctx, system.id, upload("cyclonedx/same-component-twice.json"));
    expect(result).toMatchObject({ imported: 1, merged: 1, message: "Imported 1 asset; merged 1 duplicate entry." });
    expect(result.mergedEntries).toEqual([{ row: "components[1]", into: "components[0]", message: expect.stringMatching(/^Listed again/) }]);
    expect(await assetCount(system.id)).toBe(1);
  });

  it("same-coordinates-different-hash.json: refused for that component, naming both entries; nothing written", async () => {
    const { system, ctx } = await ownedSystem();
    const error = await importAssetsCycloneDx(ctx, system.id, upload("cyclonedx/same-coordinates-different-hash.json")).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).status).toBe(422);
    expect((error as ImportRejectedError).message).toBe("2 components have problems; nothing was imported.");
    expect((error as ImportRejectedError).rows).toEqual([
      { row: "components[0]", field: "hashes", message: expect.stringMatching(/^Same kind, name and version as components\[1\] but a different SHA-256 digest/) },
      { row: "components[1]", field: "hashes", message: expect.stringMatching(/^Same kind, name and version as components\[0\] but a different SHA-256 digest/) },
    ]);
    expect(await assetCount(system.id)).toBe(0);
  });

  it("two-licences.json: both licences kept as an SPDX expression", async () => {
    const { system, ctx } = await ownedSystem();
    await importAssetsCycloneDx(ctx, system.id, upload("cyclonedx/two-licences.json"));
    expect((await listAssets(ctx, system.id))[0]).toMatchObject({ name: "pizzip", licence: "GPL-3.0-only AND MIT" });
  });

  it("non-sha256-digests.json: SHA-1/SHA-512/SHA3-256 kept with their algorithm; upper-case SHA-256 normalised", async () => {
    const { system, ctx } = await ownedSystem();
    const result = await importAssetsCycloneDx(ctx, system.id, upload("cyclonedx/non-sha256-digests.json"));
    expect(result.notices).toEqual(["components[0] (example/resnet-50): only SHA-1, SHA-512, SHA3-256 recorded; approval needs a SHA-256 digest."]);
    const [model] = await listAssets(ctx, system.id, { kind: "MODEL" });
    expect(model!.sha256).toBeNull();
    expect(model!.otherDigests).toEqual([
      { algorithm: "SHA_1", value: "861b79314b8cef27f506c007edb78bf1ad0df77c" },
      { algorithm: "SHA_512", value: expect.stringMatching(/^1af68694bcead74c[0-9a-f]{112}$/) },
      { algorithm: "SHA3_256", value: "a".repeat(64) },
    ]);
    const [dataset] = await listAssets(ctx, system.id, { kind: "DATASET" });
    expect(dataset).toMatchObject({ sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", otherDigests: [] });
  });

  it("nul-in-name.json: 422 naming the component and field, never a 500; nothing written", async () => {
    const { system, ctx } = await ownedSystem();
    const error = await importAssetsCycloneDx(ctx, system.id, upload("cyclonedx/nul-in-name.json")).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).rows).toEqual([{ row: "components[0]", field: "name", message: "Name contains a NUL character (U+0000), which cannot be stored." }]);
    expect(await assetCount(system.id)).toBe(0);
  });

  it("utf16le-with-bom.json: a PowerShell UTF-16 file is decoded and imported", async () => {
    const { system, ctx } = await ownedSystem();
    const result = await importAssetsCycloneDx(ctx, system.id, upload("cyclonedx/utf16le-with-bom.json"));
    expect(result.file).toEqual({ name: "utf16le-with-bom.json", encoding: "UTF-16LE", bytes: expect.any(Number), sha256: sha256Of("cyclonedx/utf16le-with-bom.json") });
    expect((await listAssets(ctx, system.id))[0]).toMatchObject({ kind: "MODEL", name: "intent-router", version: "2.1.0", supplier: "Société Générale de Modèles" });
  });

  it("specversion-as-number.json: says that specVersion must be the string \"1.6\"", async () => {
    const { system, ctx } = await ownedSystem();
    const error = await importAssetsCycloneDx(ctx, system.id, upload("cyclonedx/specversion-as-number.json")).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe('"specVersion" must be the string "1.6"; this file has the number 1.6. Write it in quotes: "specVersion": "1.6".');
    expect((error as ValidationError).fieldErrors.specVersion).toHaveLength(1);
  });

  it("one-unversioned-model.json sent twice in parallel: exactly one import wins", async () => {
    const { system, ctx } = await ownedSystem();
    const results = await Promise.allSettled([0, 1].map(() => importAssetsCycloneDx(ctx, system.id, upload("cyclonedx/one-unversioned-model.json"))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [loser] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(loser!.reason).toBeInstanceOf(ImportRejectedError);
    expect((loser!.reason as ImportRejectedError).rows).toEqual([{ row: "components[0]", field: "name", message: expect.stringMatching(/already exists in this system/) }]);
    expect(await t.db.asset.findMany({ where: { systemId: system.id }, select: { kind: true, name: true, version: true } })).toEqual([{ kind: "MODEL", name: "gpt-4o", version: null }]);
    expect(await t.db.auditEvent.count({ where: { action: "asset.imported", entityId: system.id } })).toBe(1);
  });

  it("bom.xml: refused with the reason (XML is not supported), whichever service reads it", async () => {
    const { system, ctx } = await ownedSystem();
    const error = await importAssetsCycloneDx(ctx, system.id, upload("cyclonedx/bom.xml")).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^This is an XML file\. Only CycloneDX JSON BOMs/);
  });
});

describe("[ASSETS] field reports: CSV files spreadsheets write", () => {
  it("utf16le-with-bom.csv (Excel 'Unicode text'): decoded and imported with its accents", async () => {
    const { system, ctx } = await ownedSystem();
    const result = await importAssetsCsv(ctx, system.id, upload("csv/utf16le-with-bom.csv"));
    expect(result).toMatchObject({ imported: 2, notices: [], file: { encoding: "UTF-16LE" } });
    const [dataset] = await listAssets(ctx, system.id, { kind: "DATASET" });
    expect(dataset).toMatchObject({ name: "Kundendaten-Export", supplier: "Société Générale", notes: "Überprüft – enthält Umlaute" });
  });

  it("windows-1252.csv (Excel 'ANSI'): detected, decoded as Windows-1252 without U+FFFD, and the user is told which rows to check", async () => {
    const { system, ctx } = await ownedSystem();
    const result = await importAssetsCsv(ctx, system.id, upload("csv/windows-1252.csv"));
    expect(result.file.encoding).toBe("Windows-1252");
    expect(result.notices).toEqual(['The file is not UTF-8, so it was read as Windows-1252 (what Excel on Windows saves as "CSV"). Check the accented letters in row 3.']);
    const [dataset] = await listAssets(ctx, system.id, { kind: "DATASET" });
    expect(dataset).toMatchObject({ supplier: "Société Générale", notes: "Überprüft – enthält Umlaute" });
    expect(JSON.stringify(await listAssets(ctx, system.id))).not.toContain("\uFFFD");
  });

  it("trailing-empty-columns.csv: Excel's empty unnamed columns are ignored", async () => {
    const { system, ctx } = await ownedSystem();
    expect(await importAssetsCsv(ctx, system.id, upload("csv/trailing-empty-columns.csv"))).toMatchObject({ imported: 2, skipped: 0 });
    const assets = await listAssets(ctx, system.id);
    expect(assets.map((a) => [a.kind, a.name, a.version]).sort()).toEqual([
      ["DATASET", "faq-corpus", "v3"],
      ["MODEL", "claude-3-haiku", "20240307"],
    ]);
  });

  it("excel-sep-hint.csv: the sep=, line is ignored and UTF-8 accents survive", async () => {
    const { system, ctx } = await ownedSystem();
    expect(await importAssetsCsv(ctx, system.id, upload("csv/excel-sep-hint.csv"))).toMatchObject({ imported: 2, notices: [] });
    const [dataset] = await listAssets(ctx, system.id, { kind: "DATASET" });
    expect(dataset).toMatchObject({ supplier: "Société Générale", notes: "Überprüft – enthält Umlaute" });
  });

  it("nul-byte.csv: 422 naming the row and column; nothing written", async () => {
    const { system, ctx } = await ownedSystem();
    const error = await importAssetsCsv(ctx, system.id, upload("csv/nul-byte.csv")).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).rows).toEqual([{ row: 2, field: "name", message: "Name contains a NUL character (U+0000), which cannot be stored." }]);
    expect(await assetCount(system.id)).toBe(0);
  });
});
