import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { createSystemViaApi, reportIncidentViaUi, uniqueName } from "./helpers";
import { USERS } from "./users";

test.describe("History people can read", () => {
  test("a checklist change reads as a sentence naming the control; filters by system and person; raw event one click away; formula-safe CSV of what is filtered", async ({ page, sessions }) => {
    test.setTimeout(120_000);
    await sessions.actAs(page, "owner", "/about");
    // A name starting with "=" would run as a formula in a spreadsheet if exported raw.
    const name = `=1+2 ${uniqueName("Readable history")}`;
    const id = await createSystemViaApi(page, name);
    await page.goto(`/systems/${id}/checklist`);
    const item = page.getByTestId("item-DES-1.1");
    await item.getByTestId("item-toggle").click();
    const title = (await item.locator("[data-testid=item-toggle] span.flex-1").textContent())!.trim();
    await item.getByLabel("Status").selectOption("IN_PROGRESS");
    await item.getByRole("button", { name: "Save item" }).click();
    await expect(item.getByTestId("item-toggle")).toContainText("In progress");

    // The system's History tab tells it as a sentence too.
    await page.goto(`/systems/${id}/history`);
    await expect(page.getByTestId("audit-sentence").first()).toHaveText(`${USERS.owner.name} marked DES-1.1 ${title} as In progress on ${name}`);

    const auditor = await sessions.pageAs("auditor", "/audit");
    // Pickers, not id boxes: choose the system and the person by name.
    await auditor.getByLabel("AI system").selectOption({ label: name });
    await auditor.getByLabel("Person").selectOption({ label: `${USERS.owner.name} (${USERS.owner.email})` });
    await auditor.getByRole("button", { name: "Apply" }).click();
    await expect(auditor).toHaveURL(new RegExp(`system=${id}`));
    const rows = auditor.getByTestId("audit-row");
    const sentence = rows.first().getByTestId("audit-sentence");
    await expect(sentence).toHaveText(`${USERS.owner.name} marked DES-1.1 ${title} as In progress on ${name}`);
    // Every event shown is by that person about that system (created, checklist created, item updated).
    await expect(rows).toHaveCount(3);
    for (const text of await auditor.getByTestId("audit-sentence").allTextContents()) expect(text.startsWith(USERS.owner.name)).toBe(true);
    await expect(rows.nth(2).getByTestId("audit-sentence")).toHaveText(new RegExp(`^${USERS.owner.name} registered`));

    // The raw stored event is one click away.
    await expect(rows.first().getByText("checklist.item_updated")).toBeHidden();
    await rows.first().getByText("Raw event").click();
    await expect(rows.first().getByText("checklist.item_updated")).toBeVisible();
    await expect(rows.first().getByTestId("audit-hash")).toHaveText(/^[0-9a-f]{64}$/);

    // CSV of exactly what is filtered, formula-safe.
    const [download] = await Promise.all([auditor.waitForEvent("download"), auditor.getByRole("link", { name: "Export these events (CSV)" }).click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("occurred_at_utc,event,person,person_email_or_label,action,record_type,record_id,system_id,system_name,details_json,event_number,hash");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`marked DES-1.1 ${title} as In progress on`);
    expect(lines[1]).toContain(`,'${name},`);
    expect(csv).not.toMatch(/(^|,)=1\+2/m);

    // The control in the sentence links to the item on the checklist.
    await sentence.getByRole("link", { name: "DES-1.1" }).click();
    await expect(auditor).toHaveURL(new RegExp(`/systems/${id}/checklist\\?item=`));
    await expect(auditor.getByTestId("item-DES-1.1").getByTestId("item-toggle")).toHaveAttribute("aria-expanded", "true");
  });

  test("incident events read as sentences naming the incident, with a link to it, on the audit log at desktop and phone widths", async ({ page, sessions }) => {
    test.setTimeout(120_000);
    await sessions.actAs(page, "admin", "/about");
    const name = uniqueName("Incident history");
    const systemId = await createSystemViaApi(page, name);
    const title = uniqueName("Leaked system prompt");
    const incidentId = await reportIncidentViaUi(page, systemId, title);

    await page.goto("/audit?action=incident.reported");
    const sentence = page.getByTestId("audit-sentence").filter({ hasText: title });
    await expect(sentence).toHaveText(new RegExp(`^${USERS.admin.name} reported the incident INC-\\d{4} “${title}” \\(SEV2`));
    await expect(sentence.getByRole("link", { name: new RegExp(title) })).toHaveAttribute("href", `/incidents/${incidentId}`);
    await expect(page.getByTestId("audit-sentence").filter({ hasText: "incident.reported" })).toHaveCount(0);

    const dir = path.resolve(process.env.SHOTS_DIR ?? "screenshots");
    fs.mkdirSync(dir, { recursive: true });
    await page.goto("/audit");
    await expect(page.getByTestId("audit-sentence").first()).toBeVisible();
    for (const [width, height] of [[1440, 900], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `the audit log scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(dir, `audit-events-${width}.png`), fullPage: true });
    }
  });
});
