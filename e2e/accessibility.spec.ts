import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DESKTOP, MAIN_PAGES, openMainPage, PHONE, prepareMainPages, useSession, type MainPageIds } from "./main-pages";

/**
 * axe-core over the main pages (e2e/main-pages.ts), signed in as an admin (who sees every page),
 * at desktop and phone widths: no serious or critical violation. Moderate and minor findings are
 * listed in the test's output for a person to judge, but do not fail it.
 *
 * One test per page and width: each has the whole test timeout to itself (a loaded machine
 * slows one page, not the sum of forty), waits only on conditions (the page's heading, fonts),
 * and a failure names its page.
 */
let ids: MainPageIds | null = null;

test.describe("Accessibility (axe-core)", () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000); // sign-in, a system and an incident on a cold production server
    ids = await prepareMainPages(browser);
  });
  test.beforeEach(async ({ context }) => useSession(context, ids!));

  for (const size of [DESKTOP, PHONE]) {
    for (const { name, url } of MAIN_PAGES) {
      test(`${name} at ${size.width} px has no serious or critical axe violations`, async ({ page }) => {
        await page.setViewportSize(size);
        const address = url(ids!);
        await openMainPage(page, address);
        const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
        const failures: string[] = [];
        for (const v of result.violations) {
          const line = `${address} @${size.width}: [${v.impact}] ${v.id} — ${v.help} (${v.nodes.length}×: ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(" "))
            .join(" | ")})`;
          if (v.impact === "serious" || v.impact === "critical") failures.push(line);
          else test.info().annotations.push({ type: "axe-minor", description: line });
        }
        expect(failures, failures.join("\n")).toEqual([]);
      });
    }
  }
});
