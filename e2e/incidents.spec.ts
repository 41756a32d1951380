import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import pg from "pg";
import { createSystemViaApi, uniqueName } from "./helpers";
import { E2E_STATE_FILE } from "./users";

/** Screenshots a person looks at (git-ignored folder), at desktop and phone sizes. */
async function shoot(page: Page, name: string) {
  const dir = path.resolve("screenshots");
  fs.mkdirSync(dir, { recursive: true });
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
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
  test("the owner reports, the reviewer triages, contains, resolves and closes with lessons learned; the auditor reads; another owner cannot see it", async ({ page, sessions }) => {
    test.setTimeout(300_000); // many steps and three people on a busy 2-core machine; every wait is on a condition

    await sessions.actAs(page, "owner", "/about");
    const systemName = uniqueName("Support bot");
    const systemId = await createSystemViaApi(page, systemName);
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
    await page.getByLabel("Search tags").fill("LLM01");
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

    await sessions.actAs(page, "reviewer", "/incidents");
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
    await shoot(page, "detail");

    await page.goto("/incidents?status=all");
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    const csv = await page.request.get(`/api/incidents/export?status=all&q=${encodeURIComponent(title)}`);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toBe("\uFEFFreference,title,severity,status,category,systems,detected_at,reported_at,age_hours,lead,reporter,overdue_duties");
    expect(text).toContain(`${title},SEV2,Closed,Prompt injection,${systemName}`);
    await page.goto("/incidents/metrics");
    await expect(page.getByRole("row", { name: new RegExp(systemName) })).toBeVisible();

    await sessions.actAs(page, "auditor", incidentUrl);
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.getByRole("button", { name: "Reopen" })).toHaveCount(0);

    await sessions.actAs(page, "owner2");
    const response = await page.goto(incidentUrl);
    expect(response?.status()).toBe(404);
    await page.goto("/incidents?status=all");
    await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  });

  test("a reviewer escalates an incident from its page: the severity, the timeline and the duties follow; the owner gets no edit button", async ({ page, sessions }) => {
    test.setTimeout(240_000);
    await sessions.actAs(page, "owner", "/about");
    const systemId = await createSystemViaApi(page, uniqueName("Escalation bot"));
    await page.goto(`/incidents/new?systemId=${systemId}`);
    const title = uniqueName("Odd replies after a vendor update");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Category").selectOption("DRIFT_BEHAVIOUR_CHANGE");
    await page.getByRole("radio", { name: /SEV3/ }).check();
    await page.getByLabel("Description").fill("Replies changed tone after the vendor's model update.");
    await page.getByLabel("User and data impact").fill("Unknown yet.");
    // The tag list stays out of the tab order until searched or opened.
    await expect(page.getByRole("checkbox", { name: /LLM01:2025/ })).toBeHidden();
    await page.getByLabel("Search tags").focus();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: /^Browse all \d+ tags$/ })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Cancel" })).toBeFocused();
    await page.getByRole("button", { name: "Report incident" }).click();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    const incidentUrl = page.url();
    await expect(page.getByRole("button", { name: "Edit incident" })).toHaveCount(0);

    await sessions.actAs(page, "reviewer", incidentUrl);
    await expect(page.getByTestId("notification-duty").filter({ hasText: "Regulator" })).toHaveCount(0);
    await page.getByRole("button", { name: "Edit incident" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit incident" });
    await dialog.getByRole("radio", { name: /SEV1/ }).check();
    await expect(dialog.getByTestId("severity-change-note")).toContainText("Escalation SEV3 → SEV1");
    await dialog.getByLabel("Search tags").fill("LLM09");
    await dialog.getByRole("checkbox", { name: /LLM09:2025/ }).check();
    await shoot(page, "edit-dialog");
    await dialog.getByRole("button", { name: "Escalate to SEV1" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText(/^Escalated: severity SEV3 → SEV1/)).toBeVisible();
    await expect(page.getByTestId("notification-duty").filter({ hasText: "Regulator" })).toBeVisible();
    await expect(page.getByText("LLM09:2025", { exact: true })).toBeVisible();
    await shoot(page, "escalated");
  });

  test("screens: list, report form and metrics at desktop and phone sizes", async ({ page, sessions }) => {
    test.setTimeout(120_000);
    await sessions.actAs(page, "reviewer", "/incidents?status=all");
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

/**
 * Test set-up only: moves a system to DEPLOYED straight in the e2e database (returns its slug).
 * Reaching DEPLOYED through the UI is the approvals feature's workflow, covered by its own spec.
 */
async function markDeployed(systemId: string): Promise<string> {
  const state = JSON.parse(fs.readFileSync(E2E_STATE_FILE, "utf8")) as { adminUrl: string; database: string };
  const url = new URL(state.adminUrl);
  url.pathname = `/${state.database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ slug: string }>(`UPDATE "AiSystem" SET lifecycle = 'DEPLOYED', "rowVersion" = "rowVersion" + 1 WHERE id = $1 RETURNING slug`, [systemId]);
    return rows[0]!.slug;
  } finally {
    await client.end();
  }
}

test.describe("[INCIDENTS] containment, follow-up and decommissioning", () => {
  test("report → triage → pause → contain → resolve → close with lessons → follow-up on the checklist → resume; retiring refused until decommissioning controls are done", async ({ page, sessions }) => {
    test.setTimeout(420_000); // long flow with three people on a busy 2-core machine; every wait is on a condition

    await sessions.actAs(page, "owner", "/about");
    const systemName = uniqueName("Claims assistant");
    const systemId = await createSystemViaApi(page, systemName);
    const slug = await markDeployed(systemId);
    await page.goto(`/incidents/new?systemId=${systemId}`);
    const title = uniqueName("Claims assistant approved a claim from an injected note");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Category").selectOption("UNSAFE_TOOL_ACTION");
    await page.getByRole("radio", { name: /SEV1/ }).check();
    await page.getByLabel("Description").fill("A note in a claim told the assistant to approve it; it did.");
    await page.getByLabel("User and data impact").fill("One claim paid without review.");
    await page.getByRole("button", { name: "Report incident" }).click();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    const incidentUrl = page.url();

    await sessions.actAs(page, "reviewer", incidentUrl);
    await confirmStep(page, "Mark triaged");
    // Pause the deployed system from the incident.
    await page.getByRole("button", { name: `Pause ${systemName}` }).click();
    const pauseDialog = page.getByRole("dialog");
    await pauseDialog.getByLabel("Reason").fill("Stop approvals while we scope it.");
    await pauseDialog.getByRole("button", { name: "Pause system" }).click();
    await expect(pauseDialog).toHaveCount(0);
    await expect(page.getByTestId("affected-system")).toContainText("Paused");
    await expect(page.getByText(`Paused ${systemName}: Stop approvals while we scope it.`)).toBeVisible();
    // The deployment gate denies the paused system, naming the incident and linking to it.
    const incidentPath = new URL(incidentUrl).pathname;
    const gate = async () =>
      (await (await page.request.get(`/api/v1/gate?system=${slug}&environment=production&digest=sha256:${"a".repeat(64)}`)).json()) as { allow: boolean; reasons: { code: string; message: string; fix: string | null }[] };
    const denied = await gate();
    expect(denied.allow).toBe(false);
    expect(denied.reasons[0]).toMatchObject({ code: "SYSTEM_PAUSED", message: expect.stringMatching(/paused by incident INC-\d{4}/) });
    expect(new URL(denied.reasons[0]!.fix!).pathname).toBe(incidentPath);
    // The open SEV1 denies on its own too, named and linked (it outlives a resume until resolved).
    const severe = denied.reasons.find((r) => r.code === "OPEN_SEVERE_INCIDENT");
    expect(severe?.message).toMatch(/Severe incident INC-\d{4} .* is open/);
    expect(new URL(severe!.fix!).pathname).toBe(incidentPath);
    await shoot(page, "paused");
    await confirmStep(page, "Mark contained");
    await confirmStep(page, "Mark resolved");
    await confirmStep(page, "Close incident", { "Root cause": "Claim notes reached the prompt as instructions.", "Lessons learned": "Claim notes are data; approvals above 0 need a human." });
    await expect(page.getByTestId("lessons-learned")).toContainText("Claim notes are data");

    // A follow-up from the lessons learned appears on the system's checklist, linked back.
    const followUp = page.getByRole("form", { name: "Open a follow-up" });
    await followUp.getByLabel("Control").selectOption({ index: 1 });
    await followUp.getByLabel("Follow-up title").fill("Human approval for claim payments");
    await followUp.getByLabel("What has to change").fill("Route every approval through a person.");
    await followUp.getByRole("button", { name: "Open follow-up" }).click();
    await expect(page.getByText("Follow-up opened on the checklist.")).toBeVisible();
    await page.goto(`/systems/${systemId}/checklist`);
    const item = page.getByTestId("checklist-follow-up").filter({ hasText: "Human approval for claim payments" });
    await expect(item).toBeVisible();
    await item.getByRole("link", { name: /INC-\d{4}/ }).click();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();

    // Resume needs a comment.
    await page.getByRole("button", { name: `Resume ${systemName}` }).click();
    const resumeDialog = page.getByRole("dialog");
    await resumeDialog.getByRole("button", { name: "Resume system" }).click();
    await expect(resumeDialog.getByRole("alert")).toContainText("required");
    await resumeDialog.getByLabel("Why is it safe to resume?").fill("Human approval enforced in the tool connector.");
    await resumeDialog.getByRole("button", { name: "Resume system" }).click();
    await expect(resumeDialog).toHaveCount(0);
    await expect(page.getByTestId("affected-system")).toContainText("Deployed");
    expect((await gate()).reasons.map((r) => r.code)).not.toContain("SYSTEM_PAUSED");
    // The incident is closed: it resumes what it paused, but pauses nothing more (reopen first).
    await expect(page.getByRole("button", { name: `Pause ${systemName}` })).toHaveCount(0);
    await shoot(page, "contained");

    // Decommissioning: refused until every decommissioning control is met or justified.
    await page.goto(`/systems/${systemId}/decommissioning`);
    await page.getByRole("button", { name: "Start retirement" }).click();
    await page.getByRole("dialog").getByLabel("Why is it retired?").fill("Replaced by the new claims flow.");
    await page.getByRole("dialog").getByRole("button", { name: "Start retirement" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await page.getByRole("button", { name: "Sign retirement" }).click();
    await page.getByRole("dialog").getByLabel("What you confirm (sign-off statement)").fill("All artefacts removed.");
    await page.getByRole("dialog").getByRole("button", { name: "Sign retirement" }).click();
    await expect(page.getByRole("dialog").getByRole("alert")).toContainText("Retirement refused");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByText(/still open: retirement will be refused/)).toBeVisible();
    await shoot(page, "retiring");

    await page.goto(`/systems/${systemId}/checklist?pillar=DEC`);
    const boxes = page.getByRole("checkbox", { name: /^Select DEC-/ });
    await expect(boxes.first()).toBeVisible(); // the rows are streamed in after the page's head
    const count = await boxes.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) await boxes.nth(i).check();
    await page.getByLabel("New status").selectOption("NOT_APPLICABLE");
    await page.getByLabel("Justification (applies to every selected item)").fill("The pilot never stored data outside the shared platform, which keeps it.");
    await page.getByRole("button", { name: "Apply to selected" }).click();
    // From five selected items on, the bulk bar asks first.
    if (count >= 5) await page.getByRole("dialog").getByRole("button", { name: `Change ${count} items` }).click();
    await expect(page.getByText(/Updated \d+ items?|updated/i).first()).toBeVisible();

    await page.goto(`/systems/${systemId}/decommissioning`);
    await page.getByRole("button", { name: "Sign retirement" }).click();
    await page.getByRole("dialog").getByLabel("What you confirm (sign-off statement)").fill("All artefacts removed; vendor access closed.");
    await page.getByRole("dialog").getByRole("button", { name: "Sign retirement" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByText(/Signed by Rita Reviewer/)).toBeVisible();
    await shoot(page, "decommissioning");
  });
});
