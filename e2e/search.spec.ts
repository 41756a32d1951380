import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createSystemViaApi, shootBothWidths, uniqueName } from "./helpers";
import { E2E_PORT } from "./users";

const origin = `http://localhost:${E2E_PORT}`;

/** Presses Tab until `isTarget` holds for the focused element (at most `max` presses); fails otherwise. */
async function tabTo(page: Page, isTarget: () => Promise<boolean>, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await isTarget()) return;
    await page.keyboard.press("Tab");
  }
  expect(await isTarget(), "reached by keyboard").toBe(true);
}

test.describe("[SEARCH] one search box in the top bar", () => {
  test("an owner finds their system, asset and evidence by keyboard, grouped by kind, and opens one; another owner finds none of it", async ({ page, sessions }) => {
    test.setTimeout(180_000);
    const word = uniqueName("Heron").replace(" ", "-");
    await sessions.actAs(page, "owner", "/about");
    const systemName = `${word} triage`;
    const systemId = await createSystemViaApi(page, systemName);
    const asset = await page.request.post(`/api/systems/${systemId}/assets`, { headers: { origin }, data: { kind: "MODEL", name: `${word} model`, version: "2" } });
    expect(asset.status(), await asset.text()).toBe(201);
    const evidence = await page.request.post(`/api/systems/${systemId}/evidence`, {
      headers: { origin },
      data: { kind: "NOTE", title: `${word} red-team notes`, effectiveDate: "2026-01-01", body: "Findings and fixes." },
    });
    expect(evidence.status(), await evidence.text()).toBe(201);
    const evidenceId = ((await evidence.json()) as { id: string }).id;

    // Keyboard only: Tab from the top of the page to the search box, type, Enter.
    await page.goto("/");
    await tabTo(page, () => page.evaluate(() => document.activeElement?.id === "header-search"));
    await page.keyboard.type(word);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${word}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Search: ${word}`);

    const systems = page.getByTestId("search-group-systems");
    await expect(systems.getByRole("heading", { name: "AI systems" })).toBeVisible();
    await expect(systems.getByRole("link", { name: systemName })).toHaveAttribute("href", `/systems/${systemId}`);
    await expect(page.getByTestId("search-group-assets").getByRole("link", { name: `${word} model` })).toBeVisible();
    await expect(page.getByTestId("search-group-evidence").getByRole("link", { name: `${word} red-team notes` })).toHaveAttribute(
      "href",
      `/systems/${systemId}/evidence?evidence=${evidenceId}#evidence-${evidenceId}`,
    );
    await expect(page.getByTestId("search-group-controls")).toContainText("No controls match.");
    await shootBothWidths(page, "search", "results");

    // The evidence hit opens its row on the system's evidence page.
    await page.getByTestId("search-group-evidence").getByRole("link", { name: `${word} red-team notes` }).click();
    await expect(page).toHaveURL(new RegExp(`/systems/${systemId}/evidence\\?evidence=${evidenceId}#evidence-${evidenceId}$`));
    await expect(page.locator(`#evidence-${evidenceId}`)).toContainText("Not attached to a checklist control yet.");
    await shootBothWidths(page, "search", "evidence-target");

    // Back on the results, Tab reaches the system's link and Enter opens it.
    await page.goto(`/search?q=${word}`);
    await page.locator("#search-q").focus();
    await tabTo(page, () => page.evaluate((name) => document.activeElement?.textContent === name, systemName));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/systems/${systemId}$`));

    // Controls: a code finds its control in the library.
    await page.goto("/search?q=DES-1.1");
    await page.getByTestId("search-group-controls").getByRole("link", { name: /^DES-1\.1 / }).click();
    await expect(page).toHaveURL(/\/library#DES-1\.1$/);

    // Another product owner finds nothing of it.
    await sessions.actAs(page, "owner2", `/search?q=${word}`);
    await expect(page.getByRole("heading", { name: `Nothing matches “${word}”` })).toBeVisible();
    const api = await page.request.get(`/api/search?q=${word}`);
    expect(api.status()).toBe(200);
    const groups = ((await api.json()) as { groups: { kind: string; total: number }[] }).groups;
    expect(groups.map((g) => [g.kind, g.total])).toEqual([["systems", 0], ["assets", 0], ["controls", 0], ["evidence", 0]]);
  });

  test("at 390 px the search box is in the top bar; an empty search explains itself; hostile input is refused, never a 500", async ({ page, sessions }) => {
    await sessions.actAs(page, "auditor");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    await expect(page.locator("#header-search")).toBeVisible();
    await page.locator("#header-search").fill("x");
    await page.locator("#header-search").press("Enter");
    await expect(page).toHaveURL(/\/search\?q=x$/);

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/search");
    await expect(page.getByRole("heading", { name: "Search across the dashboard" })).toBeVisible();
    await shootBothWidths(page, "search", "empty");

    for (const hostile of ["%00", "a%00b", "x".repeat(101), "%ED%A0%80", "%"]) {
      const answer = await page.request.get(`/search?q=${hostile}`, { failOnStatusCode: false });
      expect(answer.status(), hostile.slice(0, 12)).toBeLessThan(500);
    }
    await page.goto(`/search?q=${"x".repeat(101)}`);
    await expect(page.getByRole("status").filter({ hasText: "The search must be at most 100 characters." })).toBeVisible();
    const api = await page.request.get("/api/search?q=a%00b", { failOnStatusCode: false });
    expect(api.status()).toBe(400);
  });
});
