import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createSystemViaUi, openAccountMenu, signIn, signOut, uniqueName } from "./helpers";
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

let ids: MainPageIds | null = null;

test.describe("Every main page fits a phone and a desktop", () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000); // sign-in, a system and an incident on a cold production server
    ids = await prepareMainPages(browser);
  });
  test.beforeEach(async ({ context }) => useSession(context, ids!));

  // One test per page and width, so a slow page fails (or passes) alone and names itself.
  for (const size of [PHONE, DESKTOP]) {
    for (const { name, url } of MAIN_PAGES) {
      test(`${name} at ${size.width}x${size.height}: no sideways scroll; screenshot`, async ({ page }) => {
        await page.setViewportSize(size);
        const address = url(ids!);
        await openMainPage(page, address);
        const overflow = await horizontalOverflow(page);
        expect(overflow, `${address} at ${size.width} px scrolls sideways by ${overflow} px: ${(await overflowingElements(page)).join("; ")}`).toBeLessThanOrEqual(0);
        await shoot(page, name);
      });
    }
  }
});

test.describe("The app frame on a phone and on a desktop", () => {
  test("below the breakpoint the navigation is a menu button opening a dialog: focus stays inside, Escape closes", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signIn(page, "reviewer");
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

  test("the system tab strip scrolls inside itself and every tab is reachable with the keyboard", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signIn(page, "owner");
    const systemId = await createSystemViaUi(page, uniqueName("Tabs check"));
    await page.goto(`/systems/${systemId}/history`);
    const strip = page.getByRole("navigation", { name: "System sections" });
    const history = strip.getByRole("link", { name: "History" });
    await expect(history).toHaveAttribute("aria-current", "page");
    // The strip is wider than the phone, so it scrolls, and the current (last) tab was scrolled into view.
    expect(await strip.evaluate((s) => s.scrollWidth > s.clientWidth)).toBe(true);
    await expect(history).toBeInViewport();
    await strip.getByRole("link", { name: "Overview" }).focus();
    for (let i = 0; i < 7; i++) await page.keyboard.press("Tab");
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

  test("unknown addresses show a branded 404 inside the frame with a way back", async ({ page }) => {
    await signIn(page, "owner");
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
  });
});
