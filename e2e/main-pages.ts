import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { StorageState } from "./fixtures";
import { createSystemViaApi, reportIncidentViaUi, uniqueName } from "./helpers";
import { USERS } from "./users";

/**
 * The records the main-page checks open (one system, an incident on it and an approval request
 * for it submitted for review, made by an admin) and the admin's session cookies.
 */
export type MainPageIds = { systemId: string; incidentId: string; approvalId: string; cookies: Awaited<ReturnType<BrowserContext["cookies"]>> };

/** One main page: a short name (for screenshots and test titles) and its address. */
export type MainPage = { name: string; url: (ids: MainPageIds) => string };

/**
 * The main pages an admin (who may see every page) can open, for the one pass per page and width
 * that checks the frame and runs axe-core (e2e/frame.spec.ts). A new page belongs here: one line.
 */
export const MAIN_PAGES: readonly MainPage[] = [
  { name: "home", url: () => "/" },
  { name: "inbox", url: () => "/inbox" },
  { name: "inbox-preferences", url: () => "/inbox/preferences" },
  { name: "tasks-reviewer-decisions", url: () => "/tasks/reviewer-decisions" },
  { name: "systems", url: () => "/systems" },
  { name: "system-new", url: () => "/systems/new" },
  { name: "system-overview", url: (i) => `/systems/${i.systemId}` },
  { name: "system-edit", url: (i) => `/systems/${i.systemId}/edit` },
  { name: "system-assets", url: (i) => `/systems/${i.systemId}/assets` },
  { name: "system-asset-new", url: (i) => `/systems/${i.systemId}/assets/new` },
  { name: "system-checklist", url: (i) => `/systems/${i.systemId}/checklist` },
  { name: "system-threat-model", url: (i) => `/systems/${i.systemId}/threat-model` },
  { name: "system-approvals", url: (i) => `/systems/${i.systemId}/approvals` },
  { name: "system-incidents", url: (i) => `/systems/${i.systemId}/incidents` },
  { name: "system-decommissioning", url: (i) => `/systems/${i.systemId}/decommissioning` },
  { name: "system-evidence", url: (i) => `/systems/${i.systemId}/evidence` },
  { name: "system-history", url: (i) => `/systems/${i.systemId}/history` },
  { name: "approvals", url: () => "/approvals" },
  { name: "approvals-review", url: () => "/approvals/review" },
  { name: "approval-detail", url: (i) => `/approvals/${i.approvalId}` },
  { name: "incidents", url: () => "/incidents" },
  { name: "incident-new", url: () => "/incidents/new" },
  { name: "incident-detail", url: (i) => `/incidents/${i.incidentId}` },
  { name: "incident-metrics", url: () => "/incidents/metrics" },
  { name: "library", url: () => "/library" },
  // The admin's system is called "Main pages …": a search that finds it (and controls).
  { name: "search", url: () => "/search?q=main" },
  { name: "audit", url: () => "/audit" },
  { name: "exports", url: () => "/exports" },
  { name: "admin-users", url: () => "/admin/users" },
  { name: "admin-tokens", url: () => "/admin/tokens" },
  { name: "admin-library", url: () => "/admin/library" },
  { name: "admin-approvals", url: () => "/admin/approvals" },
  { name: "admin-review-cycles", url: () => "/admin/review-cycles" },
  { name: "admin-settings", url: () => "/admin/settings" },
  { name: "admin-incident-rules", url: () => "/admin/incident-rules" },
  { name: "api-reference", url: () => "/api-reference" },
  { name: "about", url: () => "/about" },
  { name: "account-password", url: () => "/account/password" },
  { name: "not-found", url: () => "/no-such-page" },
];

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/**
 * With the admin's session (`admin`: the worker's shared sign-in, e2e/fixtures.ts), registers a
 * system, reports an incident on it and requests approval of it, and keeps the session cookies
 * so each per-page test opens its page in a fresh context (`useSession`) without signing in
 * again. Waits only on conditions (no fixed sleeps).
 */
export async function prepareMainPages(browser: Browser, admin: StorageState): Promise<MainPageIds> {
  const context = await browser.newContext({ storageState: admin });
  const page = await context.newPage();
  try {
    await page.goto("/about");
    await expect(page.getByTestId("current-user")).toHaveText(USERS.admin.name);
    const systemId = await createSystemViaApi(page, uniqueName("Main pages"));
    const incidentId = await reportIncidentViaUi(page, systemId, uniqueName("Main pages incident"));
    const approvalId = await requestApprovalViaUi(page, systemId);
    return { systemId, incidentId, approvalId, cookies: await context.cookies() };
  } finally {
    await context.close();
  }
}

/**
 * Requests approval of a release of the system for production and submits it (the new system
 * fails the gate, so as "needs exception", confirmed in the dialog): the request page then shows
 * the gate result and the review queue lists it. Returns the request's id.
 */
async function requestApprovalViaUi(page: Page, systemId: string): Promise<string> {
  await page.goto(`/systems/${systemId}/approvals`);
  await page.getByLabel("Release label").fill("v1.0.0");
  await page.getByLabel("Environment").selectOption("production");
  await page.getByRole("button", { name: "Request approval" }).click();
  await expect(page).toHaveURL(/\/approvals\/[^/]+$/);
  const approvalId = new URL(page.url()).pathname.split("/")[2]!;
  await page.getByRole("button", { name: "Submit as needs exception" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Submit as needs exception" }).click();
  await expect(page.getByText("Awaiting review").first()).toBeVisible();
  return approvalId;
}

/** Gives a test's browser context the admin session made by `prepareMainPages`. */
export async function useSession(context: BrowserContext, ids: MainPageIds) {
  await context.addCookies(ids.cookies);
}

/** Opens a main page and waits until it has rendered: its first heading shows and web fonts are in. */
export async function openMainPage(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator("h1").first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}
