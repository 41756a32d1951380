import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { PASSWORD, USERS, type UserKey } from "./users";

export async function signIn(page: Page, who: UserKey, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(USERS[who].email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(USERS[who].name);
}

/** Signs out through the account menu (the avatar button in the top bar). */
export async function signOut(page: Page) {
  await openAccountMenu(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Opens the account menu (avatar button in the top bar), which holds "Change password" and "Sign out". */
export async function openAccountMenu(page: Page) {
  const button = page.getByRole("button", { name: /account menu/ });
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
}

let counter = 0;
export function uniqueName(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${(counter++).toString(36)}`;
}

/** Registers a system through the UI as the signed-in user (on /systems/new, opened unless it is the current page); returns its id from the URL. */
export async function createSystemViaUi(page: Page, name: string, opts: { tier?: string; autonomy?: string } = {}) {
  // Already open (a spec that just switched person there): no second load.
  if (new URL(page.url()).pathname !== "/systems/new" || new URL(page.url()).search) await page.goto("/systems/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Purpose and use case").fill("Answers employee questions about internal policies using retrieval.");
  await page.getByLabel("Risk tier").selectOption(opts.tier ?? "MEDIUM");
  await page.getByLabel("Data sensitivity").selectOption("INTERNAL");
  await page.getByLabel("Autonomy").selectOption(opts.autonomy ?? "ASSISTIVE");
  await page.getByLabel("Exposure").selectOption("INTERNAL");
  await page.getByRole("button", { name: "Register system" }).click();
  await expect(page).toHaveURL(/\/systems\/[^/]+\?created=1$/);
  const id = new URL(page.url()).pathname.split("/")[2]!;
  return id;
}

/**
 * Registers a system through the API (`POST /api/systems`, the same service as the form) as the
 * user signed in on `page`'s browser context; returns its id. For specs that need a system but
 * are not about registering one: it skips the form, its server action and the render of the new
 * system's overview. Registering through the form is tested in e2e/inventory.spec.ts
 * (createSystemViaUi). Fails the test on any status but 201.
 */
export async function createSystemViaApi(page: Page, name: string, opts: { tier?: string; autonomy?: string } = {}): Promise<string> {
  const res = await page.request.post("/api/systems", {
    data: {
      name,
      purpose: "Answers employee questions about internal policies using retrieval.",
      riskTier: opts.tier ?? "MEDIUM",
      dataSensitivity: "INTERNAL",
      autonomy: opts.autonomy ?? "ASSISTIVE",
      exposure: "INTERNAL",
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Signs in with an admin-issued temporary password (landing on the forced change). */
export async function signInWithTemporary(page: Page, email: string, temporary: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(temporary);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account\/password/);
}

/** Replaces the temporary password (which signs the user out) and signs in with the new one. */
export async function replaceTemporaryPassword(page: Page, email: string, temporary: string, password: string, name: string) {
  await page.getByLabel("Current or temporary password").fill(temporary);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password").fill(password);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/login\?changed=1/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(name);
}

/**
 * Reports an incident on one system through the UI as the signed-in user (category prompt
 * injection, SEV2); returns the incident's id from the detail page's address.
 */
export async function reportIncidentViaUi(page: Page, systemId: string, title: string) {
  await page.goto(`/incidents/new?systemId=${systemId}`);
  await expect(page.getByRole("heading", { name: "Report an incident" })).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Category").selectOption("PROMPT_INJECTION");
  await page.getByRole("radio", { name: /SEV2/ }).check();
  await page.getByLabel("Description").fill("The assistant followed instructions pasted into a ticket.");
  await page.getByLabel("User and data impact").fill("None seen so far.");
  await page.getByRole("button", { name: "Report incident" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[2]!;
}

/**
 * Full-page screenshots of the page as it stands at 1440×900 and 390×844, saved as
 * `screenshots/<prefix>-<name>-<width>.png` (git-ignored) for a person to judge; at each width the
 * page's main content must not scroll sideways (tables scroll in their own box). Leaves the page
 * reloaded at 1440×900.
 */
export async function shootBothWidths(page: Page, prefix: string, name: string) {
  const dir = path.resolve("screenshots");
  fs.mkdirSync(dir, { recursive: true });
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    expect(
      await page.evaluate(() => {
        const main = document.getElementById("main")!;
        return main.scrollWidth <= main.clientWidth + 1;
      }),
      `${name} at ${width} px scrolls sideways`,
    ).toBe(true);
    await page.screenshot({ path: path.join(dir, `${prefix}-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.reload();
}
