import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createSystemViaApi, signIn, uniqueName } from "./helpers";
import { USERS, type UserKey } from "./users";

async function shoot(page: Page, name: string) {
  for (const [w, h] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    // The home never scrolls sideways (tables scroll in their own box); polled, because recharts
    // re-measures its container after a resize.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: `home of ${name} at ${w} px scrolls sideways` }).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath(`${name}-${w}x${h}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test.describe("[HOME] what needs me and portfolio posture", () => {
  test("an owner's reviewer-only control in progress shows on the reviewer's home and opens in one click", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/about");
    // "Your systems" lists the six least ready, ties by name: other specs leave this owner more
    // systems at 0 %, so the name starts with a digit to sort before theirs.
    const name = uniqueName("0 Home task system");
    const id = await createSystemViaApi(page, name, { tier: "HIGH" });
    await page.goto(`/systems/${id}/checklist`);
    const item = page.getByTestId("item-DES-2.1");
    await item.getByTestId("item-toggle").click();
    await item.getByLabel("Status").selectOption("IN_PROGRESS");
    await item.getByRole("button", { name: "Save item" }).click();
    await expect(item.getByTestId("item-toggle")).toContainText("In progress");

    // The owner's home lists it as waiting on a reviewer, and the system under "Your systems".
    await page.goto("/");
    await expect(page.getByTestId("task-group-waiting-on-reviewer").locator("..")).toContainText(name);
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();

    const reviewer = await sessions.pageAs("reviewer", "/");
    const group = reviewer.getByTestId("task-group-reviewer-decisions").locator("..");
    const task = group.getByRole("link").filter({ hasText: name });
    await expect(task).toBeVisible();
    await task.click();
    await expect(reviewer).toHaveURL(new RegExp(`/systems/${id}/checklist\\?item=`));
    await expect(reviewer.getByTestId("item-DES-2.1").getByLabel("Status")).toBeVisible();

    // The same request is in the reviewer's inbox (unread count in the frame), one click away.
    await expect(reviewer.getByTestId("unread-badge")).toBeVisible();
    await reviewer.getByRole("link", { name: /^Inbox/ }).click();
    const notice = reviewer.getByRole("link").filter({ hasText: "DES-2.1" }).filter({ hasText: name });
    await expect(notice.first()).toBeVisible();
    await reviewer.screenshot({ path: test.info().outputPath("inbox-reviewer-1440x900.png"), fullPage: true });
    await notice.first().click();
    await expect(reviewer).toHaveURL(new RegExp(`/systems/${id}/checklist\\?item=`));
  });

  test("a submitted approval request shows on the reviewer's home and opens in one click", async ({ page, sessions }) => {
    test.setTimeout(240_000);
    await sessions.actAs(page, "owner", "/about");
    const name = uniqueName("Home approval system");
    const id = await createSystemViaApi(page, name, { tier: "LOW" });
    await page.goto(`/systems/${id}/approvals`);
    await page.getByLabel("Release label").fill("v1.0.0");
    await page.getByLabel("Environment").selectOption("production");
    await page.getByRole("button", { name: "Request approval" }).click();
    await expect(page).toHaveURL(/\/approvals\/[^/]+$/);
    const requestPath = new URL(page.url()).pathname;
    // A fresh system fails the gate: it goes to the reviewers as needing an exception.
    await page.getByRole("button", { name: "Submit as needs exception" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Submit as needs exception" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByText("Awaiting review").first()).toBeVisible();

    const reviewer = await sessions.pageAs("reviewer", "/");
    const group = reviewer.getByTestId("task-group-approvals-to-decide");
    await expect(group).toBeVisible();
    // Oldest first: in a full run other specs' requests may fill the home's first five; then "view all" lists it.
    let task = group.locator("..").getByRole("link").filter({ hasText: name });
    if (!(await task.count())) {
      await reviewer.goto("/tasks/approvals-to-decide");
      task = reviewer.getByRole("link").filter({ hasText: name });
    }
    await expect(task).toBeVisible();
    await task.click();
    await expect(reviewer).toHaveURL(new RegExp(`${requestPath}$`));
    await expect(reviewer.getByText("v1.0.0").first()).toBeVisible();

    // The portfolio's "pending a decision" opens the approvals list with that many requests.
    await reviewer.goto("/");
    const figure = reviewer.getByTestId("figure-approvals-pending");
    const n = Number((await figure.locator("span").nth(1).textContent())!.replace(/,/g, ""));
    expect(n).toBeGreaterThan(0);
    await figure.click();
    await expect(reviewer).toHaveURL(/\/approvals\?view=all&state=SUBMITTED$/);
    await expect(reviewer.getByTestId("approvals-total")).toHaveText(String(n));
  });

  test("clicking a chart segment opens the systems list with the same count; the table alternative agrees", async ({ page, sessions }) => {
    await sessions.actAs(page, "admin", "/about");
    await createSystemViaApi(page, uniqueName("Chart system"), { tier: "MEDIUM" });
    await page.goto("/");
    const segment = page.getByTestId("segment-lifecycle-DRAFT-MEDIUM");
    await expect(segment).toBeVisible();
    const count = Number(await segment.getAttribute("data-count"));
    expect(count).toBeGreaterThan(0);
    await segment.click();
    await expect(page).toHaveURL(/\/systems\?lifecycle=DRAFT&tier=MEDIUM$/);
    await expect(page.getByTestId("systems-total")).toHaveText(count.toLocaleString("en"));

    await page.goto("/");
    await page.getByText("Show as table").first().click();
    const cell = page.getByTestId("table-lifecycle").getByRole("row", { name: /^Draft/ }).getByRole("link").nth(2);
    await expect(cell).toHaveText(String(count));

    // A pillar band: the list behind it has as many systems as the segment says.
    const band = page.locator('[data-testid^="segment-pillars-DES-"]').first();
    const bandCount = Number(await band.getAttribute("data-count"));
    await band.click();
    await expect(page).toHaveURL(/\/systems\?pillar=DES&band=/);
    await expect(page.getByTestId("systems-total")).toHaveText(bandCount.toLocaleString("en"));

    // The figure and the list behind "reviews overdue" agree too (0 shows an empty list).
    await page.goto("/");
    const overdue = Number((await page.getByTestId("figure-review-overdue").locator("span").nth(1).textContent())!.replace(/,/g, ""));
    await page.getByTestId("figure-review-overdue").click();
    await expect(page).toHaveURL(/review=overdue/);
    if (overdue) await expect(page.getByTestId("systems-total")).toHaveText(overdue.toLocaleString("en"));
    else await expect(page.getByText("No systems match these filters")).toBeVisible();

    // Open incidents by severity and by age: each figure opens the incident list it counts.
    for (const key of ["sev2", "age-gt7d"]) {
      await page.goto("/");
      const figure = page.getByTestId(`figure-incidents-${key}`);
      const n = Number((await figure.locator("span").nth(1).textContent())!.replace(/,/g, ""));
      await figure.click();
      await expect(page).toHaveURL(/\/incidents\?status=open&/);
      if (n) await expect(page.getByTestId("incidents-total")).toHaveText(String(n));
      else await expect(page.getByText("No incidents match these filters")).toBeVisible();
    }
  });

  test("each role's home, at desktop and phone sizes", async ({ page, sessions }) => {
    // Four homes and eight full-page screenshots on the loaded shared machine.
    test.setTimeout(360_000);
    for (const who of ["owner", "reviewer", "auditor", "admin"] as UserKey[]) {
      if (who === "auditor") {
        // A sign-in of its own through the form: "Changes since" must show this very sign-in.
        await page.context().clearCookies();
        await signIn(page, who);
        if (new URL(page.url()).pathname !== "/") await page.goto("/");
      } else {
        await sessions.actAs(page, who, "/");
      }
      await expect(page.getByRole("heading", { name: "What needs you" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Portfolio posture" })).toBeVisible();
      if (who === "auditor") {
        // "Changes since" tells each event as a sentence, like the audit log (newest first: this sign-in).
        const changes = page.getByTestId("task-group-changes-since").locator("..");
        await expect(changes).toContainText(`${USERS.auditor.name} signed in with a password`);
        await expect(changes).not.toContainText("auth sign in");
      }
      await shoot(page, `home-${who}`);
    }
  });
});
