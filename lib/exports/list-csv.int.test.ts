import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { exportInventoryCsv } from "@/lib/assets/export-csv";
import { BadRequestError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { useTestDatabase } from "@/test/db";
import { buildExportFixture, type ExportFixture } from "@/test/export-fixture";
import { createActor } from "@/test/factories";
import { exportListCsv, LIST_CSV_TABLES } from "./list-csv";
import { systemCardHtml } from "./system-card";

const t = useTestDatabase();
let fx: ExportFixture;
let other: ExportFixture;

async function text(lines: AsyncGenerator<string>) {
  let out = "";
  for await (const line of lines) out += line;
  return out;
}

function cells(csv: string): string[][] {
  return Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
}

beforeAll(async () => {
  fx = await buildExportFixture(t.db);
  other = await buildExportFixture(t.db);
});

describe("[EXPORTS] CSV of every list page", () => {
  it.each(LIST_CSV_TABLES)("%s: no cell a spreadsheet would run as a formula (CSV injection), the typed text kept after the quote", async (table) => {
    const auditor = await createActor(t.db, "AUDITOR");
    const { lines, fileName } = await exportListCsv({ actor: auditor, db: t.db }, table);
    expect(fileName).toMatch(new RegExp(`^${table}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const rows = cells(await text(lines));
    expect(rows.length).toBeGreaterThan(1);
    for (const cell of rows.flat()) expect(cell, `${table}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
    const escaped = rows.flat().filter((c) => /^'[=+\-@]/.test(c));
    const expected: Record<string, string | null> = {
      systems: null,
      assets: `'=HYPERLINK("http://evil.example","click")`,
      "checklist-items": "'=cmd|' /C calc'!A0",
      evidence: "'-Decision",
      threats: "'@SUM(1+1) prompt injection",
      "audit-log": null,
    };
    if (expected[table]) expect(escaped).toContain(expected[table]);
    const event = await t.db.auditEvent.findFirst({ where: { action: "export.list_exported", actorId: auditor.id } });
    expect(event?.summary).toMatchObject({ format: "csv", table });
  });

  it("the inventory CSV (systems page and assets tab) neutralises formulas the same way", async () => {
    const { csv } = await exportInventoryCsv({ actor: fx.owner, db: t.db }, { systemId: fx.systemId });
    const all = cells(csv).flat();
    for (const cell of all) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(all).toContain("'+cmd|' /C calc'!A0");
  });

  it("one system's list holds only that system; a product owner gets only their systems and no audit log", async () => {
    const auditor = await createActor(t.db, "AUDITOR");
    const one = cells(await text((await exportListCsv({ actor: auditor, db: t.db }, "evidence", { systemId: fx.systemId })).lines));
    const systemColumn = one[0]!.indexOf("systemId");
    expect(new Set(one.slice(1).map((r) => r[systemColumn]))).toEqual(new Set([fx.systemId]));
    const owned = cells(await text((await exportListCsv({ actor: other.owner, db: t.db }, "systems")).lines));
    expect(owned.slice(1).map((r) => r[0])).toEqual([other.systemId]);
    await expect(exportListCsv({ actor: other.owner, db: t.db }, "assets", { systemId: fx.systemId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportListCsv({ actor: other.owner, db: t.db }, "audit-log")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportListCsv({ actor: auditor, db: t.db }, "users")).rejects.toBeInstanceOf(BadRequestError);
    await expect(exportListCsv({ actor: auditor, db: t.db }, "audit-log", { from: "yesterday" })).rejects.toBeInstanceOf(BadRequestError);
  });
});

describe("[EXPORTS] printable system card", () => {
  it("is one self-contained page (no script, no remote resource) with the card, progress, checklist and threat model sections, text escaped", async () => {
    const { html } = await systemCardHtml({ actor: fx.owner, db: t.db }, fx.systemId);
    expect(html).not.toMatch(/<script|src="http/i);
    for (const heading of ["System card", "Bill of materials", "Pillar progress", "Checklist", "Threat model in force", "Timeline"]) expect(html).toContain(heading);
    expect(html).toContain("meta-llama/Llama-3.1-8B-Instruct");
    expect(html).toContain("=cmd|&#39; /C calc&#39;!A0");
    await expect(systemCardHtml({ actor: other.owner, db: t.db }, fx.systemId)).rejects.toBeInstanceOf(NotFoundError);
  });
});
