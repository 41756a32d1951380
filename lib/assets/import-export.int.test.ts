import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { ForbiddenError, NotFoundError, PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { createSystem } from "@/lib/systems/create-system";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import { createAsset } from "./create-asset";
import { EXPORT_BATCH_SIZE, exportInventoryCsv, INVENTORY_CSV_HEADER } from "./export-csv";
import { importAssetsCsv } from "./import-csv";
import { importAssetsCycloneDx } from "./import-cyclonedx";
import { ImportRejectedError } from "./import-errors";
import { listAssets, type AssetDto } from "./queries";

const t = useTestDatabase();
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../../test/fixtures", name), "utf8");

async function ownedSystem(name?: string) {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const system = await createSystem({ actor: owner, db: t.db }, systemInput(name ? { name } : {}));
  return { owner, system, ctx: { actor: owner, db: t.db } };
}

async function importEvents(systemId: string) {
  return t.db.auditEvent.findMany({ where: { entityId: systemId, action: "asset.imported" } });
}

function parseCsv(csv: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
}

/** Asset content without identity, for comparing two systems' bills of materials. */
function content(assets: AssetDto[]) {
  return assets.map(({ id: _id, systemId: _s, rowVersion: _v, createdAt: _c, updatedAt: _u, ...rest }) => rest);
}

describe("[ASSETS] CSV import", () => {
  it("imports every row of a valid file with ONE audit event that names the assets and the file", async () => {
    const { system, ctx } = await ownedSystem();
    const bytes = new Uint8Array(readFileSync(path.join(import.meta.dirname, "../../test/fixtures/assets-valid.csv")));
    const result = await importAssetsCsv(ctx, system.id, { bytes, name: "assets-valid.csv" });
    expect(result).toMatchObject({ imported: 4, merged: 0, skipped: 0, message: "Imported 4 assets." });
    const assets = await listAssets(ctx, system.id);
    expect(assets.map((a) => a.kind).sort()).toEqual(["CREDENTIAL", "DATASET", "MODEL", "TOOL_CONNECTOR"]);
    expect(result.assets.map((a) => a.id).sort()).toEqual(assets.map((a) => a.id).sort());
    const events = await importEvents(system.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toEqual({
      systemId: system.id,
      source: "csv",
      count: 4,
      kinds: { MODEL: 1, DATASET: 1, TOOL_CONNECTOR: 1, CREDENTIAL: 1 },
      file: { name: "assets-valid.csv", sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.byteLength, encoding: "UTF-8" },
      bom: null,
      assets: result.assets,
      merged: 0,
      skipped: [],
    });
    expect(await t.db.auditEvent.count({ where: { action: "asset.created", entityId: { in: assets.map((a) => a.id) } } })).toBe(0);
  });

  it("a header-only file is refused with 422 \"no rows\", and nothing is audited", async () => {
    const { system, ctx } = await ownedSystem();
    const error = await importAssetsCsv(ctx, system.id, "kind,name,version\r\n").catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).status).toBe(422);
    expect((error as ValidationError).message).toBe("The file has a header row but no rows to import. Nothing was imported.");
    expect(await importEvents(system.id)).toHaveLength(0);
  });

  it("a file with one bad row imports nothing and names that row and field", async () => {
    const { system, ctx } = await ownedSystem();
    const auditBefore = await t.db.auditEvent.count();
    const error = await importAssetsCsv(ctx, system.id, fixture("assets-bad-row.csv")).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ImportRejectedError).message).toBe("1 row has problems; nothing was imported.");
    expect((error as ImportRejectedError).rows).toEqual([{ row: 4, field: "sha256", message: "SHA-256 digest must be 64 hexadecimal characters" }]);
    expect((error as ImportRejectedError).fieldErrors).toEqual({ "row 4: sha256": ["SHA-256 digest must be 64 hexadecimal characters"] });
    expect(await t.db.asset.count({ where: { systemId: system.id } })).toBe(0);
    expect(await t.db.auditEvent.count()).toBe(auditBefore);
  });

  it("rows that duplicate an existing asset are row errors too", async () => {
    const { system, ctx } = await ownedSystem();
    await createAsset(ctx, system.id, { kind: "CREDENTIAL", name: "crm-service-token" });
    const error = await importAssetsCsv(ctx, system.id, fixture("assets-valid.csv")).catch((e) => e);
    expect((error as ImportRejectedError).rows).toEqual([
      { row: 5, field: "name", message: "An asset of this kind with this name and version already exists in this system." },
    ]);
    expect(await t.db.asset.count({ where: { systemId: system.id } })).toBe(1);
  });

  it("secrets in a CSV are refused per row", async () => {
    const { system, ctx } = await ownedSystem();
    const csv = "kind,name,secret_location\nCREDENTIAL,ok,vault://kv/a\nCREDENTIAL,leaked,ghp_1234567890abcdefghijABCDEFGHIJ123456\n";
    const error = await importAssetsCsv(ctx, system.id, csv).catch((e) => e);
    expect((error as ImportRejectedError).rows).toEqual([
      { row: 3, field: "secret_location", message: expect.stringMatching(/looks like a secret/) },
    ]);
    expect(await t.db.asset.count({ where: { systemId: system.id } })).toBe(0);
  });

  it("only people who may edit the system can import into it", async () => {
    const { system } = await ownedSystem();
    const auditor = await createActor(t.db, "AUDITOR");
    const stranger = await createActor(t.db, "PRODUCT_OWNER");
    await expect(importAssetsCsv({ actor: auditor, db: t.db }, system.id, fixture("assets-valid.csv"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(importAssetsCsv({ actor: stranger, db: t.db }, system.id, fixture("assets-valid.csv"))).rejects.toBeInstanceOf(NotFoundError);
    await expect(importAssetsCycloneDx({ actor: stranger, db: t.db }, system.id, fixture("bom-valid.cdx.json"))).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.db.asset.count({ where: { systemId: system.id } })).toBe(0);
  });

  it("refuses a file over the configured size limit", async () => {
    const { system, ctx } = await ownedSystem();
    const huge = `kind,name,notes\n${"LIBRARY,x,".padEnd(6 * 1024 * 1024, "a")}\n`;
    await expect(importAssetsCsv(ctx, system.id, huge)).rejects.toBeInstanceOf(PayloadTooLargeError);
  });
});

describe("[ASSETS] CycloneDX import", () => {
  it("imports a valid 1.6 BOM, including a machine-learning model with its SHA-256", async () => {
    const { system, ctx } = await ownedSystem();
    const result = await importAssetsCycloneDx(ctx, system.id, fixture("bom-valid.cdx.json"));
    expect(result).toMatchObject({ imported: 6, skipped: 1, message: "Imported 6 assets; skipped 1 component." });
    const [model] = await listAssets(ctx, system.id, { kind: "MODEL" });
    expect(model).toMatchObject({
      name: "meta-llama/Llama-3.1-8B-Instruct",
      version: "2024-07-23",
      supplier: "Meta",
      sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    });
    expect((await listAssets(ctx, system.id, { kind: "VENDOR_API" })).map((a) => a.name)).toEqual(["moderation-api"]);
    const events = await importEvents(system.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toMatchObject({
      count: 6,
      source: "cyclonedx",
      bom: { serialNumber: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", version: 1 },
      file: { sha256: createHash("sha256").update(fixture("bom-valid.cdx.json")).digest("hex"), encoding: "UTF-8", name: null },
      assets: expect.arrayContaining([{ id: model!.id, kind: "MODEL", name: "meta-llama/Llama-3.1-8B-Instruct", version: "2024-07-23" }]),
      skipped: [{ row: "metadata.component", name: "claims-triage-assistant", type: "application" }],
    });
  });

  it("an invalid document is rejected with schema errors and imports nothing", async () => {
    const { system, ctx } = await ownedSystem();
    const error = await importAssetsCycloneDx(ctx, system.id, fixture("bom-invalid.cdx.json")).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).rows.map((r) => r.row)).toEqual(expect.arrayContaining(["components[0]", "components[1]", "components[2]"]));
    expect(await t.db.asset.count({ where: { systemId: system.id } })).toBe(0);
    expect(await importEvents(system.id)).toHaveLength(0);
  });

  it("importing the same BOM twice reports every component as already present", async () => {
    const { system, ctx } = await ownedSystem();
    await importAssetsCycloneDx(ctx, system.id, fixture("bom-valid.cdx.json"));
    const error = await importAssetsCycloneDx(ctx, system.id, fixture("bom-valid.cdx.json")).catch((e) => e);
    expect((error as ImportRejectedError).rows).toHaveLength(6);
    expect((error as ImportRejectedError).message).toBe("6 components have problems; nothing was imported.");
    expect(await t.db.asset.count({ where: { systemId: system.id } })).toBe(6);
  });
});

describe("[ASSETS] inventory CSV export", () => {
  it("round-trips: one system's export imports into a second system unchanged", async () => {
    const { system, ctx } = await ownedSystem();
    await importAssetsCsv(ctx, system.id, fixture("assets-valid.csv"));
    await createAsset(ctx, system.id, {
      kind: "PROMPT",
      name: "=HYPERLINK(\"http://evil.test\",\"click\")",
      version: "-1",
      notes: "- first point\n- second, with \"quotes\"",
      permissions: ["@mention", "+plus"],
    });
    await createAsset(ctx, system.id, {
      kind: "DATASET",
      name: "Kundendaten-Export — Société Générale 😀",
      supplier: "Überprüft – enthält Umlaute",
      otherDigests: "SHA-512:" + "ab".repeat(64) + "; SHA-1:" + "cd".repeat(20),
    });
    const { csv, filename, rows } = await exportInventoryCsv(ctx, { systemId: system.id });
    expect(filename).toMatch(new RegExp(`^ai-inventory-${system.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(rows).toBe(6);
    expect(csv).toContain(`SHA-1:${"cd".repeat(20)};SHA-512:${"ab".repeat(64)}`);

    expect(csv.startsWith("\uFEFFsystem_slug,")).toBe(true);

    // Through bytes, as a browser download and re-upload would: the mark is read and dropped.
    const second = await createSystem(ctx, systemInput());
    const bytes = new Uint8Array(Buffer.from(csv, "utf8"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await importAssetsCsv(ctx, second.id, { bytes, name: "export.csv" })).toMatchObject({ imported: 6, file: { encoding: "UTF-8" } });
    expect(content(await listAssets(ctx, second.id))).toEqual(content(await listAssets(ctx, system.id)));
  });

  it("escapes cells that a spreadsheet would run as formulas", async () => {
    const { system, ctx } = await ownedSystem();
    await createAsset(ctx, system.id, { kind: "PROMPT", name: "=cmd|' /C calc'!A0", supplier: "@SUM(1+1)", notes: "+1 and more" });
    const { csv } = await exportInventoryCsv(ctx, { systemId: system.id });
    const [row] = parseCsv(csv);
    expect(row).toMatchObject({ name: "'=cmd|' /C calc'!A0", supplier: "'@SUM(1+1)", notes: "'+1 and more" });
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });

  it("a product owner exports only their systems; systems without assets still get a row; the export is audited", async () => {
    const mine = await ownedSystem();
    const empty = await createSystem(mine.ctx, systemInput({ name: "Empty system" }));
    await createAsset(mine.ctx, mine.system.id, { kind: "MODEL", name: "m1" });
    await createAsset(mine.ctx, mine.system.id, { kind: "DATASET", name: "d1" });
    const theirs = await ownedSystem();
    await createAsset(theirs.ctx, theirs.system.id, { kind: "MODEL", name: "secret-project-model" });

    const { csv, rows } = await exportInventoryCsv(mine.ctx, {});
    expect(csv.split("\r\n")[0]).toBe(`\uFEFF${INVENTORY_CSV_HEADER.join(",")}`);
    const records = parseCsv(csv);
    expect(rows).toBe(3);
    expect(new Set(records.map((r) => r.system_slug))).toEqual(new Set([mine.system.slug, empty.slug]));
    expect(records.find((r) => r.system_slug === empty.slug)).toMatchObject({ system_name: "Empty system", kind: "", name: "" });
    expect(records.filter((r) => r.system_slug === mine.system.slug).map((r) => r.system_owner_email)).toEqual([mine.owner.email, mine.owner.email]);
    expect(csv).not.toContain("secret-project-model");

    const [event] = await t.db.auditEvent.findMany({ where: { action: "inventory.exported", actorId: mine.owner.id } });
    expect(event).toMatchObject({ entityType: "Inventory", entityId: "*" });
    expect(event!.summary).toMatchObject({ rows: 3, systems: 2, systemId: null, format: "csv" });

    await expect(exportInventoryCsv(mine.ctx, { systemId: theirs.system.id })).rejects.toBeInstanceOf(NotFoundError);
    const auditor = await createActor(t.db, "AUDITOR");
    const all = parseCsv((await exportInventoryCsv({ actor: auditor, db: t.db }, {})).csv);
    expect(all.map((r) => r.name)).toEqual(expect.arrayContaining(["m1", "d1", "secret-project-model"]));
  });

  it("pages through large systems by batch and lists every asset exactly once, grouped by system", async () => {
    const big = await ownedSystem("Big system");
    const small = await createSystem(big.ctx, systemInput({ name: "Small system" }));
    const total = EXPORT_BATCH_SIZE * 2 + 123;
    await t.db.asset.createMany({ data: Array.from({ length: total }, (_, i) => ({ systemId: big.system.id, kind: "LIBRARY" as const, name: `lib-${i}`, version: "1.0" })) });
    await createAsset(big.ctx, small.id, { kind: "MODEL", name: "tiny" });

    const { csv, rows } = await exportInventoryCsv(big.ctx, {});
    const records = parseCsv(csv);
    expect(rows).toBe(total + 1);
    expect(records).toHaveLength(total + 1);
    const bigNames = records.filter((r) => r.system_slug === big.system.slug).map((r) => r.name);
    expect(new Set(bigNames).size).toBe(total);
    // Rows of one system are contiguous.
    const slugs = records.map((r) => r.system_slug);
    expect(slugs.filter((s, i) => i === 0 || s !== slugs[i - 1])).toHaveLength(2);
  });

  it("a user without a role cannot export", async () => {
    const noRole = await createActor(t.db, "PRODUCT_OWNER");
    await expect(exportInventoryCsv({ actor: { ...noRole, role: null }, db: t.db }, {})).rejects.toBeInstanceOf(ForbiddenError);
  });
});
