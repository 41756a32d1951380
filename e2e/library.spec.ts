import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";

/** The shipped library, as a plain object the test may change. */
function shippedLibrary() {
  return JSON.parse(fs.readFileSync(path.resolve("lib/controls/library/v1.json"), "utf8")) as {
    version: string;
    pillars: { principles: { controls: { id: string; title: string; mappings: Record<string, string[]> }[] }[] }[];
  };
}

function bump(version: string) {
  const [major, minor] = version.split(".").map(Number);
  return `${major}.${minor! + 1}.0`;
}

test.describe("[LIBRARY] browsing and publishing the control library", () => {
  test("an auditor browses the library and filters it by clicking a mapping chip", async ({ page, sessions }) => {
    await sessions.actAs(page, "auditor");
    await page.getByRole("link", { name: "Control library" }).click();
    await expect(page.getByRole("heading", { name: /Control library/ })).toBeVisible();
    const count = page.getByTestId("library-count");
    const total = Number((await count.locator("span").first().textContent())!.trim());
    expect(total).toBeGreaterThan(50);
    await expect(page.getByTestId("control-DES-1.1")).toBeVisible();

    const expected = shippedLibrary()
      .pillars.flatMap((p) => p.principles.flatMap((pr) => pr.controls))
      .filter((c) => (c.mappings.owaspLlm ?? []).includes("LLM01:2025"))
      .map((c) => c.id);
    await page.getByRole("link", { name: "Controls mapped to LLM01:2025 (Prompt Injection)" }).first().click();
    await expect(page).toHaveURL(/mapping=LLM01%3A2025/);
    await expect(count).toContainText(`${expected.length} match mapped to LLM01:2025`);
    await expect(page.getByLabel("Mapped to", { exact: true })).toHaveValue("LLM01:2025");
    const shown = await page.locator("[data-testid^='control-']:not([data-testid='control-usage'])").evaluateAll((rows) => rows.map((r) => r.id));
    expect(shown).toEqual(expected);

    // The filter form works as a plain GET form too: a search with no match shows the empty state.
    await page.getByLabel("Search", { exact: true }).fill("no control talks about this");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("No controls match these filters")).toBeVisible();
  });

  test("a product owner cannot open the library versions page, nor publish", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner");
    await expect(page.getByRole("link", { name: "Control library" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Library versions" })).toHaveCount(0);
    await page.goto("/admin/library");
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.getByLabel("Library file (JSON)")).toHaveCount(0);
  });

  test("an admin uploads an edited library, sees the diff and publishes it as current", async ({ page, sessions }) => {
    await sessions.actAs(page, "admin");
    await page.getByRole("link", { name: "Library versions" }).click();
    const currentRow = page.locator("[data-testid^='library-version-']", { has: page.getByText("Current") });
    const current = (await currentRow.getAttribute("data-testid"))!.replace("library-version-", "");

    const download = await page.request.get(`/api/library/${current}`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toContain(`control-library-${current}.json`);

    const doc = shippedLibrary();
    const next = bump(current);
    doc.version = next;
    doc.pillars[1]!.principles[0]!.controls[0]!.title = "Vet every model, dataset and package supplier";
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "library-")), `library-${next}.json`);
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));

    await page.getByLabel("Library file (JSON)").setInputFiles(file);
    await page.getByRole("button", { name: "Preview changes" }).click();
    const diff = page.getByTestId("library-diff");
    await expect(diff.getByTestId("library-diff-counts")).toContainText("0 added");
    await expect(diff.getByTestId("library-diff-counts")).toContainText("0 retired");
    await expect(diff.getByTestId("library-diff-counts")).toContainText("1 changed");
    await expect(diff.getByText("Vet every model, dataset and package supplier")).toBeVisible();

    await page.getByLabel("Release notes (optional)").fill("Reworded the supplier control");
    await page.getByRole("button", { name: `Publish version ${next}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: `Publish ${next}` }).click();
    await expect(page.getByText(`Version ${next} is now the current library`)).toBeVisible();
    await expect(page.getByTestId(`library-version-${next}`).getByText("Current")).toBeVisible();
    await expect(page.getByTestId(`library-version-${current}`).getByText("Current")).toHaveCount(0);

    await page.goto("/library");
    await expect(page.getByRole("heading", { name: new RegExp(`v${next.replaceAll(".", "\\.")}`) })).toBeVisible();
    await expect(page.getByTestId("control-DEV-1.1")).toContainText("Vet every model, dataset and package supplier");
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
