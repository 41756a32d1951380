import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { openAccountMenu, signIn, signOut } from "./helpers";
import { DESKTOP, MAIN_PAGES, openMainPage, PHONE, prepareMainPages, useSession, type MainPageIds } from "./main-pages";

/** Screenshots a person looks at (git-ignored folder /screenshots, or SHOTS_DIR), named after the page and width. */
async function shoot(page: Page, name: string) {
  const dir = path.resolve(process.env.SHOTS_DIR ?? "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const { width } = page.viewportSize()!;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(dir, `frame-${name}-${width}.png`), fullPage: false });
}

/** Width of the page's content beyond the viewport in CSS pixels (0 = no horizontal scroll). */
async function horizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Elements wider than the viewport that are not inside a box that scrolls sideways (for failure messages). */
async function overflowingElements(page: Page) {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      const r = el.getBoundingClientRect();
      if (r.right <= limit + 1 || r.width === 0) continue;
      // A box that scrolls sideways clips an absolutely positioned element only from its
      // containing block (nearest positioned ancestor) upwards; below that it escapes the box.
      let clipped = false;
      let needsContainingBlock = getComputedStyle(el).position === "absolute";
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (needsContainingBlock) {
          if (style.position === "static") continue;
          needsContainingBlock = false;
        }
        const o = style.overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden") {
          clipped = true;
          break;
        }
      }
      if (!clipped) out.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 80)} right=${Math.round(r.right)}`);
    }
    return out.slice(0, 8);
  });
}

/** The rule sets axe-core runs: WCAG 2.0/2.1 A and AA, and axe's best practices. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/**
 * axe-core over the page as it stands: the serious and critical violations (each a line naming
 * the page, width, rule and up to three elements). Moderate and minor findings are added to the
 * test's annotations for a person to judge; they do not fail it.
 */
async function seriousAxeViolations(page: Page, address: string): Promise<string[]> {
  const { width } = page.viewportSize()!;
  // Only violations are collected: axe still runs every rule, but skips gathering the (many) passing nodes.
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).options({ resultTypes: ["violations"] }).analyze();
  const failures: string[] = [];
  for (const v of result.violations) {
    const nodes = v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(" "))
      .join(" | ");
    const line = `${address} @${width}: [${v.impact}] ${v.id} — ${v.help} (${v.nodes.length}×: ${nodes})`;
    if (v.impact === "serious" || v.impact === "critical") failures.push(line);
    else test.info().annotations.push({ type: "axe-minor", description: line });
  }
  return failures;
}

let ids: MainPageIds | null = null;

// The admin's session and records, made once for the whole file (every test below may use them).
test.beforeAll(async ({ browser, storageStateOf }) => {
  test.setTimeout(180_000); // sign-in, a system, an incident and an approval request on a cold production server
  ids = await prepareMainPages(browser, await storageStateOf("admin"));
});

/**
 * One visit of a main page at one width: it must not scroll sideways, axe-core must find no
 * serious or critical violation (soft assertions naming the page and width, so the other width
 * is still checked), and the screenshot a person judges is taken. Where the time went goes into
 * the test's annotations (JSON report), to find a page that makes the pass slow.
 */
async function checkPage(page: Page, name: string, address: string, size: { width: number; height: number }) {
  await page.setViewportSize(size);
  const started = Date.now();
  await openMainPage(page, address);
  const opened = Date.now();
  const overflow = await horizontalOverflow(page);
  expect.soft(overflow, `${address} at ${size.width} px scrolls sideways by ${overflow} px: ${(await overflowingElements(page)).join("; ")}`).toBeLessThanOrEqual(0);
  const failures = await seriousAxeViolations(page, address);
  expect.soft(failures, failures.join("\n")).toEqual([]);
  const checked = Date.now();
  await shoot(page, name);
  test.info().annotations.push({ type: "timing", description: `${size.width} px: open ${opened - started} ms, axe ${checked - opened} ms, screenshot ${Date.now() - checked} ms` });
}

/**
 * Every main page (e2e/main-pages.ts) at a phone and a desktop width, signed in as an admin (who
 * sees every page): ONE visit per page and width that checks the page does not scroll sideways,
 * runs axe-core and takes the screenshot (checkPage).
 *
 * Two browser pages, one per width, serve every visit (the admin's session is made once; scripts
 * and fonts stay cached); a page's two visits run side by side, since axe-core is most of the
 * work and each browser page has its own renderer process. Each main page is its own test, so a
 * failure names its page and width, and a slow page has the whole test timeout to itself. Waits
 * only on conditions (the heading, fonts).
 */
test.describe("Every main page fits a phone and a desktop and passes axe-core", () => {
  let context: BrowserContext | null = null;
  let phone: Page | null = null;
  let desktop: Page | null = null;
  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext();
    await useSession(context, ids!);
    [phone, desktop] = await Promise.all([context.newPage(), context.newPage()]);
  });
  test.afterAll(async () => {
    await context?.close();
  });

  for (const { name, url } of MAIN_PAGES) {
    test(`${name} at ${PHONE.width} and ${DESKTOP.width} px: no sideways scroll, no serious or critical axe violation; screenshots`, async () => {
      // Two visits (one per width) in one test: room for both on a loaded 2-core machine.
      test.setTimeout(240_000);
      const address = url(ids!);
      // Both visits finish before the test does (a failed phone visit must not leave the desktop
      // page still loading into the next page's test); then the first failure is reported.
      const results = await Promise.allSettled([checkPage(phone!, name, address, PHONE), checkPage(desktop!, name, address, DESKTOP)]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw failed.reason;
    });
  }
});

test.describe("The app frame on a phone and on a desktop", () => {
  test("below the breakpoint the navigation is a menu button opening a dialog: focus stays inside, Escape closes", async ({ page, context }) => {
    await useSession(context, ids!);
    await page.setViewportSize(PHONE);
    await page.goto("/systems");
    // The sidebar is gone; the menu button replaces it.
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    const menuButton = page.getByRole("button", { name: "Menu", exact: true });
    await menuButton.click();
    const drawer = page.getByRole("dialog", { name: "Menu" });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole("link", { name: "AI systems" })).toHaveAttribute("aria-current", "page");
    await shoot(page, "menu-open");
    // Tab and Shift+Tab never leave the drawer.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      expect(await drawer.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Shift+Tab");
      expect(await drawer.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(menuButton).toBeFocused();
    // Keyboard only: open the menu and follow an entry.
    await page.keyboard.press("Enter");
    await expect(drawer).toBeVisible();
    await drawer.getByRole("link", { name: "Audit log" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/audit$/);
    await expect(drawer).toBeHidden();
    // At desktop width the sidebar shows the same entries and the menu button is gone.
    await page.setViewportSize(DESKTOP);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toHaveAttribute("aria-current", "page");
    await expect(menuButton).toBeHidden();
  });

  test("the system tab strip scrolls inside itself and every tab is reachable with the keyboard", async ({ page, context }) => {
    await useSession(context, ids!);
    await page.setViewportSize(PHONE);
    await page.goto(`/systems/${ids!.systemId}/history`);
    const strip = page.getByRole("navigation", { name: "System sections" });
    const history = strip.getByRole("link", { name: "History" });
    await expect(history).toHaveAttribute("aria-current", "page");
    // The strip is wider than the phone, so it scrolls, and the current (last) tab was scrolled into view.
    expect(await strip.evaluate((s) => s.scrollWidth > s.clientWidth)).toBe(true);
    await expect(history).toBeInViewport();
    // From the first tab, Tab walks through every tab in order to the last one.
    const tabs = strip.getByRole("link");
    const count = await tabs.count();
    await tabs.first().focus();
    for (let i = 1; i < count; i++) {
      await page.keyboard.press("Tab");
      await expect(tabs.nth(i)).toBeFocused();
    }
    await expect(history).toBeFocused();
    await expect(history).toBeInViewport();
  });

  test("the avatar opens an account menu with change password and sign out; the password page has a way back", async ({ page }) => {
    await signIn(page, "auditor");
    const account = page.getByRole("button", { name: /account menu/ });
    await account.click();
    await expect(page.getByRole("link", { name: "Change password" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("link", { name: "Change password" })).toBeHidden();
    await expect(account).toBeFocused();
    await openAccountMenu(page);
    await page.getByRole("link", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/account\/password$/);
    await page.getByRole("link", { name: /Back to the dashboard/ }).click();
    await expect(page).toHaveURL(/\/$/);
    await signOut(page);
  });

  test("unknown addresses show a branded 404 inside the frame with a way back", async ({ page, context }) => {
    await useSession(context, ids!);
    const response = await page.goto("/systems/no-such-system");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    const response2 = await page.goto("/there/is/nothing/here");
    expect(response2?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.getByRole("link", { name: "Back to overview" }).click();
    await expect(page).toHaveURL(/\/$/);
    // The frame is drawn once per response: Next.js puts the root not-found boundary into every
    // payload, so a frame there (as before) doubled each page's render (issue 8).
    const payload = await (await context.request.get("/about", { headers: { RSC: "1" } })).text();
    expect(payload.split("Skip to content").length - 1).toBe(1);
    // An unknown API address answers JSON, not a page or a redirect to sign-in.
    const api = await context.request.get("/api/no-such-endpoint");
    expect(api.status()).toBe(404);
    expect((await api.json()).error).toEqual({ code: "NOT_FOUND", message: "There is no API endpoint at /api/no-such-endpoint. The reference is at /api-reference." });
  });

  test("an unknown address sends someone not signed in to sign in, and an unknown API address answers JSON 404", async ({ page }) => {
    await page.goto("/there/is/nothing/here");
    await expect(page).toHaveURL(/\/login/);
    const api = await page.request.post("/api/v1/nothing", { data: {} });
    expect(api.status()).toBe(404);
    expect((await api.json()).error.code).toBe("NOT_FOUND");
  });
});
