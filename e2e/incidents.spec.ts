import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createSystemViaUi, signIn, signOut, uniqueName } from "./helpers";

/** Screenshots a person looks at (git-ignored folder), at desktop and phone sizes. */
async function shoot(page: Page, name: string) {
  const dir = path.resolve("screenshots");
  fs.mkdirSync(dir, { recursive: true });
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    if (width < 768) {
      // Until the app frame has its phone layout (mobile menu, shell issue), a 240 px sidebar
      // leaves 150 px for the page: hide it so the page's own layout is what gets measured.
      const aside = page.locator("aside").first();
      if (await aside.isVisible()) await page.addStyleTag({ content: "aside { display: none !important; } aside + *, body > div > div:first-of-type:has(aside) { display: none !important; }" });
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(dir, `incidents-${name}-${width}.png`), fullPage: true });
    // No horizontal scroll of the page itself at either size.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function confirmStep(page: Page, button: string, fill: Record<string, string> = {}) {
  await page.getByRole("button", { name: button, exact: true }).click();
  const dialog = page.getByRole("dialog");
  for (const [label, value] of Object.entries(fill)) await dialog.getByLabel(label).fill(value);
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog).toHaveCount(0);
}

test.describe("[INCIDENTS] report and run an incident", () => {
  test("the owner reports, the reviewer triages, contains, resolves and closes with lessons learned; the auditor reads; another owner cannot see it", async ({ page }) => {
    test.setTimeout(300_000); // many steps and three people on a busy 2-core machine; every wait is on a condition

    await signIn(page, "owner");
    const systemName = uniqueName("Support bot");
    const systemId = await createSystemViaUi(page, systemName);
    await page.goto(`/systems/${systemId}/incidents`);
    await expect(page.getByText("No incidents recorded")).toBeVisible();
    await page.getByRole("link", { name: "Report incident" }).click();
    await expect(page).toHaveURL(/\/incidents\/new\?systemId=/, { timeout: 60_000 }); // a cold production page on a loaded machine
    await expect(page.getByRole("checkbox", { name: new RegExp(systemName) })).toBeChecked();

    // Refused without the required fields; the typed title stays.
    const title = uniqueName("Hidden instructions in a ticket");
    await page.getByLabel("Title").fill(title);
    await page.getByRole("button", { name: "Report incident" }).click();
    await expect(page.getByText("Choose a category.")).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue(title);

    await page.getByLabel("Category").selectOption("PROMPT_INJECTION");
    await page.getByRole("radio", { name: /SEV2/ }).check();
    await page.getByLabel("Description").fill("The assistant followed instructions pasted into a ticket.");
    await page.getByLabel("User and data impact").fill("One customer saw another customer's order number.");
    await page.getByLabel("Filter tags").fill("LLM01");
    await page.getByRole("checkbox", { name: /LLM01:2025/ }).check();
    await page.getByRole("button", { name: "Report incident" }).click();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    const incidentUrl = page.url();
    await expect(page.getByTestId("timeline-entry")).toHaveCount(1);
    await expect(page.getByTestId("notification-duty").filter({ hasText: "Regulator" })).toContainText("Due");
    // The owner cannot run it.
    await expect(page.getByRole("button", { name: "Mark triaged" })).toHaveCount(0);
    await page.getByLabel("Entry").fill("Seen again at 10:05 from the same account.");
    await page.getByRole("button", { name: "Add to timeline" }).click();
    await expect(page.getByTestId("timeline-entry")).toHaveCount(2);
    await signOut(page);

    await signIn(page, "reviewer");
    await page.goto("/incidents");
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    await page.getByRole("link", { name: title }).click();
    await confirmStep(page, "Mark triaged", { "Comment (optional)": "Confirmed from the conversation log." });
    await expect(page.getByText("Open → Triaged: Confirmed from the conversation log.")).toBeVisible();
    await page.getByLabel("Kind").selectOption("ACTION");
    await page.getByLabel("Entry").fill("Turned off cross-ticket retrieval.");
    await page.getByRole("button", { name: "Add to timeline" }).click();
    await expect(page.getByText("Turned off cross-ticket retrieval.")).toBeVisible();
    await confirmStep(page, "Mark contained");
    await expect(page.getByText("Triaged → Contained.")).toBeVisible();
    await confirmStep(page, "Mark resolved");
    await expect(page.getByText("Contained → Resolved.")).toBeVisible();

    // Closing without lessons learned is refused in the dialog.
    await page.getByRole("button", { name: "Close incident", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Root cause").fill("Ticket text reached the prompt unfiltered.");
    await dialog.getByRole("button", { name: "Close incident", exact: true }).click();
    await expect(dialog.getByRole("alert")).toHaveText("Closing needs the lessons learned.");
    await dialog.getByLabel("Lessons learned").fill("Treat ticket text as untrusted data.");
    await dialog.getByRole("button", { name: "Close incident", exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId("lessons-learned")).toHaveText("Treat ticket text as untrusted data.");
    await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();

    // A follow-up from the lessons learned reopens a control on the system's checklist, linked back.
    const followUp = page.getByRole("form", { name: "Open a follow-up" });
    await followUp.getByLabel("Control").selectOption({ index: 1 });
    await followUp.getByLabel("Follow-up title").fill("Treat ticket text as data");
    await followUp.getByLabel("What has to change").fill("Wrap ticket text as quoted data before it reaches the prompt.");
    await followUp.getByRole("button", { name: "Open follow-up" }).click();
    await expect(page.getByText("Follow-up opened on the checklist.")).toBeVisible();
    await expect(page.getByTestId("incident-follow-up")).toContainText("Treat ticket text as data");
    await shoot(page, "detail");
    await page.goto(`/systems/${systemId}/checklist`);
    const item = page.getByTestId("checklist-follow-up").filter({ hasText: "Treat ticket text as data" });
    await expect(item).toBeVisible();
    await item.getByRole("link", { name: /INC-\d{4}/ }).click();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();

    await page.goto("/incidents?status=all");
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    const csv = await page.request.get(`/api/incidents/export?status=all&q=${encodeURIComponent(title)}`);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toBe("\uFEFFreference,title,severity,status,category,systems,detected_at,reported_at,age_hours,lead,reporter,overdue_duties");
    expect(text).toContain(`${title},SEV2,Closed,Prompt injection,${systemName}`);
    await page.goto("/incidents/metrics");
    await expect(page.getByRole("row", { name: new RegExp(systemName) })).toBeVisible();
    await signOut(page);

    await signIn(page, "auditor");
    await page.goto(incidentUrl);
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.getByRole("button", { name: "Reopen" })).toHaveCount(0);
    await signOut(page);

    await signIn(page, "owner2");
    const response = await page.goto(incidentUrl);
    expect(response?.status()).toBe(404);
    await page.goto("/incidents?status=all");
    await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  });

  test("screens: list, report form and metrics at desktop and phone sizes", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, "reviewer");
    await page.goto("/incidents?status=all");
    await expect(page.getByRole("heading", { name: "Incidents", exact: true })).toBeVisible();
    await shoot(page, "list");
    await page.goto("/incidents/new");
    await expect(page.getByRole("heading", { name: "Report an incident" })).toBeVisible();
    await shoot(page, "report");
    await page.goto("/incidents/metrics");
    await expect(page.getByRole("heading", { name: "Incident metrics" })).toBeVisible();
    await shoot(page, "metrics");
  });
});

