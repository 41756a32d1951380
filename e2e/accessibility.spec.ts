import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { createSystemViaUi, signIn, uniqueName } from "./helpers";

/**
 * axe-core over the main pages, signed in as an admin (who sees every page), at desktop and
 * phone widths: no serious or critical violation. Moderate and minor findings are listed in the
 * test's output for a person to judge, but do not fail it.
 */
test.describe("Accessibility (axe-core)", () => {
  test("main pages have no serious or critical axe violations", async ({ page }) => {
    // Around twenty pages, each analysed twice on a loaded machine.
    test.setTimeout(360_000);
    await signIn(page, "admin");
    const id = await createSystemViaUi(page, uniqueName("Axe check"));
    const pages = [
      "/",
      "/systems",
      "/systems/new",
      `/systems/${id}`,
      `/systems/${id}/edit`,
      `/systems/${id}/assets`,
      `/systems/${id}/assets/new`,
      `/systems/${id}/checklist`,
      `/systems/${id}/threat-model`,
      `/systems/${id}/evidence`,
      `/systems/${id}/history`,
      "/library",
      "/audit",
      "/admin/users",
      "/admin/library",
      "/about",
      "/account/password",
      "/no-such-page",
    ];
    const failures: string[] = [];
    for (const size of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      for (const url of pages) {
        await page.goto(url);
        await expect(page.locator("h1").first()).toBeVisible();
        const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
        for (const v of result.violations) {
          const line = `${url} @${size.width}: [${v.impact}] ${v.id} — ${v.help} (${v.nodes.length}×: ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(" "))
            .join(" | ")})`;
          if (v.impact === "serious" || v.impact === "critical") failures.push(line);
          else test.info().annotations.push({ type: "axe-minor", description: line });
        }
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });
});
