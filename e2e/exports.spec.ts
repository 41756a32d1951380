import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createPrismaClient } from "@/lib/db/create-client";
import { databaseUrl } from "@/test/pg-server";
import { createSystemViaUi, uniqueName } from "./helpers";
import { E2E_STATE_FILE, USERS } from "./users";

/** Screenshots a person looks at (git-ignored folder, or SHOTS_DIR), at desktop and phone sizes. */
async function shoot(page: Page, name: string) {
  const dir = path.resolve(process.env.SHOTS_DIR ?? "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(dir, `exports-${name}-${width}.png`), fullPage: width === 390 });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** The e2e server's own database (e2e/serve.ts). */
function e2eDb() {
  const state = JSON.parse(fs.readFileSync(E2E_STATE_FILE, "utf8")) as { adminUrl: string; database: string };
  return createPrismaClient(databaseUrl(state.adminUrl, state.database), 1);
}

test.describe("[EXPORTS] evidence packs on the queue, list CSVs, printable system card", () => {
  test("an auditor asks for a pack, watches it build, downloads it and it verifies with sha256sum; lists download as formula-safe CSV; the system card prints; owners see no Exports page", async ({ page, sessions }) => {
    test.setTimeout(300_000); // a production server, a background job and three sign-ins on a busy machine
    const name = uniqueName("=Export story");
    await sessions.actAs(page, "owner", "/systems/new");
    const systemId = await createSystemViaUi(page, name);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Exports" })).toHaveCount(0);
    await page.goto("/exports");
    await expect(page.getByText("Evidence packs are exported by auditors")).toBeVisible();

    await sessions.actAs(page, "auditor");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Exports" }).click();
    await expect(page.getByRole("heading", { name: "Exports", level: 1 })).toBeVisible();
    const form = page.getByRole("form", { name: "New evidence pack" });
    await form.getByLabel("Systems", { exact: true }).selectOption(systemId);
    await form.getByRole("button", { name: "Create evidence pack" }).click();
    await expect(page.getByText("Export requested.")).toBeVisible();
    const row = page.getByTestId("exports-table").locator("tbody tr").first();
    // The build job runs in the server's workers; the progress bar polls until the pack is ready.
    await expect(row.getByText("Ready")).toBeVisible({ timeout: 120_000 });
    await expect(row.getByText(/until .* UTC/)).toBeVisible();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-e2e-pack-"));
    try {
      const downloading = page.waitForEvent("download");
      await row.getByRole("link", { name: "Download" }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^evidence-pack-system-\d{4}-\d{2}-\d{2}\.zip$/);
      const zip = path.join(dir, "pack.zip");
      await download.saveAs(zip);
      execFileSync("unzip", ["-q", zip, "-d", path.join(dir, "pack")]);
      const sums = execFileSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: path.join(dir, "pack"), encoding: "utf8" });
      expect(sums).toContain("report.html: OK");
      expect(sums).toContain("data/approvals.json: OK");
      expect(sums).toContain("data/incidents.json: OK");
      const systems = JSON.parse(fs.readFileSync(path.join(dir, "pack/data/systems.json"), "utf8")) as { id: string }[];
      expect(systems.map((s) => s.id)).toEqual([systemId]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // A pack still building and one past its expiry, as the list shows them (staged rows: a
    // one-system pack builds in about a second, too fast to photograph).
    const db = e2eDb();
    try {
      const auditor = await db.user.findUniqueOrThrow({ where: { email: USERS.auditor.email } });
      const scope = { all: false, systemIds: [systemId], from: null, to: null };
      await db.exportPack.create({
        data: { requestedById: auditor.id, requestedByLabel: auditor.email, scope, systemCount: 1, fileName: "evidence-pack-system.zip", status: "EXPIRED", progress: 100, sizeBytes: 48_213n, createdAt: new Date(Date.now() - 3 * 86_400_000) },
      });
      await db.exportPack.create({
        data: { requestedById: auditor.id, requestedByLabel: auditor.email, scope: { ...scope, all: true, from: "2026-01-01" }, systemCount: 14, fileName: "evidence-pack-all.zip", status: "RUNNING", progress: 47, phase: "evidence", startedAt: new Date() },
      });
    } finally {
      await db.$disconnect();
    }
    await page.reload();
    const running = page.getByRole("progressbar");
    await expect(running).toHaveAttribute("aria-valuenow", "47");
    await expect(page.getByText("Adding evidence files · 47%")).toBeVisible();
    await expect(page.getByText("Expired", { exact: true })).toBeVisible();
    await shoot(page, "list");

    // List CSVs: formula-safe, audited like every export.
    for (const table of ["systems", "checklist-items", "evidence", "audit-log"]) {
      const response = await page.request.get(`/api/exports/csv/${table}${table === "audit-log" ? "" : `?systemId=${systemId}`}`);
      expect(response.status(), table).toBe(200);
      expect(response.headers()["content-type"]).toContain("text/csv");
      const text = await response.text();
      expect(text.startsWith("\uFEFF")).toBe(true);
      if (table === "systems") expect(text).toContain(`'${name}`);
      for (const line of text.replace(/^\uFEFF/, "").split("\n")) expect(line, table).not.toMatch(/(^|,)"?[=+\-@]/);
    }
    await page.goto(`/systems/${systemId}/checklist`);
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", `/api/exports/csv/checklist-items?systemId=${systemId}`);
    await page.goto("/audit?action=export.");
    // The audit log's own export (events as sentences, the page's filters) and the events as sentences.
    await expect(page.getByRole("link", { name: "Export these events (CSV)" })).toHaveAttribute("href", "/api/audit/export?action=export.");
    const sentences = page.getByTestId("audit-sentence");
    await expect(sentences.filter({ hasText: "created a signed evidence pack of" }).first()).toBeVisible();
    await expect(sentences.filter({ hasText: `${USERS.auditor.name} downloaded a signed evidence pack` }).first()).toBeVisible();
    await expect(sentences.filter({ hasText: `${USERS.auditor.name} exported the list of audit events as CSV` }).first()).toBeVisible();

    // The printable system card: one self-contained page.
    await page.goto(`/systems/${systemId}`);
    await expect(page.getByRole("link", { name: "Printable system card" })).toHaveAttribute("href", `/api/systems/${systemId}/card`);
    const card = await page.request.get(`/api/systems/${systemId}/card`);
    expect(card.status()).toBe(200);
    expect(card.headers()["content-security-policy"]).toContain("default-src 'none'");
    const html = await card.text();
    expect(html).toContain(`System card: ${name}`);
    expect(html).toContain("Bill of materials");
    expect(html).not.toMatch(/<script/i);
    await page.goto(`/api/systems/${systemId}/card`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("System card");
    await shoot(page, "system-card");
  });
});
