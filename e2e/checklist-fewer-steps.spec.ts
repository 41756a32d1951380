import { expect, test } from "./fixtures";
import { createSystemViaApi, uniqueName } from "./helpers";
import { USERS } from "./users";

test.describe("[CHECKLIST] fewer steps", () => {
  test("a link added right from an item satisfies Met; who set the status is shown; focus stays on the item", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/about");
    const id = await createSystemViaApi(page, uniqueName("Fewer steps"), { tier: "HIGH" });
    await page.goto(`/systems/${id}/checklist`);
    const item = page.getByTestId("item-DES-1.1");
    await expect(item.getByTestId("item-evidence-count")).toHaveText("No evidence");
    await item.getByTestId("item-toggle").click();
    await expect(item.getByText("Met needs at least one valid piece of evidence")).toBeVisible();

    await item.getByRole("button", { name: "Add a link or a note" }).click();
    const add = item.getByRole("form", { name: "Add a link or a note to DES-1.1" });
    await add.getByLabel("Title").fill("Threat-awareness training record");
    await add.getByLabel("Address").fill("https://lms.example.com/courses/ai-threats/completions");
    await add.getByRole("button", { name: "Add link and attach" }).click();
    await expect(add.getByText("Added “Threat-awareness training record” and attached it.")).toBeVisible();
    await expect(item.getByTestId("item-evidence-count")).toHaveText("1 piece of evidence, valid");
    await expect(item.getByRole("list", { name: "Evidence for DES-1.1" })).toContainText("Threat-awareness training record");

    await item.getByLabel("Status").selectOption("MET");
    await item.getByRole("button", { name: "Save item" }).click();
    await expect(item.getByTestId("item-toggle")).toContainText("Met");
    await expect(item.getByTestId("status-set-by")).toContainText(`set by ${USERS.owner.name} on`);
    await expect(item.getByLabel("Status")).toBeFocused();
  });

  test("an owner submits a reviewer-only item for review and a reviewer sees it awaiting review", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/about");
    const name = uniqueName("Submit for review");
    const id = await createSystemViaApi(page, name, { tier: "HIGH" });
    await page.goto(`/systems/${id}/checklist`);
    const item = page.getByTestId("item-DES-2.1");
    await item.getByTestId("item-toggle").click();
    await expect(item.getByText("Met and Not applicable are a security reviewer’s decision for this control.")).toBeVisible();
    await expect(item.getByRole("option", { name: "Met (reviewer decides)" })).toBeDisabled();
    await item.getByRole("button", { name: "Submit for review" }).click();
    await expect(item.getByTestId("review-request")).toContainText(`Submitted for review on`);
    await expect(item.getByTestId("review-request")).toContainText(`by ${USERS.owner.name} — waiting for a reviewer.`);
    // No "Submit again": the item waits for a reviewer (the service refuses a second submission).
    await expect(item.getByRole("button", { name: /Submit/ })).toHaveCount(0);
    await page.reload();
    const toggle = page.getByTestId("item-DES-2.1").getByTestId("item-toggle");
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
    await expect(page.getByTestId("item-DES-2.1").getByTestId("review-request")).toHaveText(/^Submitted for review on \d{4}-\d{2}-\d{2} by .+ — waiting for a reviewer\.$/);
    await expect(page.getByTestId("item-DES-2.1").getByRole("button", { name: /Submit/ })).toHaveCount(0);

    const reviewer = await sessions.pageAs("reviewer");
    // The reviewers' queue on the home page lists it (oldest first, so on the full list's last
    // page of 25 when earlier tests left decisions waiting), one click from the item.
    await reviewer.goto("/tasks/reviewer-decisions");
    const total = Number((await reviewer.getByTestId("tasks-total").textContent())!.replace(/,/g, ""));
    if (total > 25) await reviewer.goto(`/tasks/reviewer-decisions?page=${Math.ceil(total / 25)}`);
    const task = reviewer.getByRole("link").filter({ hasText: "DES-2.1" }).filter({ hasText: name });
    await expect(task).toBeVisible();
    await task.click();
    await expect(reviewer).toHaveURL(new RegExp(`/systems/${id}/checklist\\?item=`));
    await expect(reviewer.getByTestId("item-DES-2.1").getByTestId("item-toggle")).toContainText("Awaiting review");
    await reviewer.goto(`/systems/${id}/history`);
    await expect(reviewer.getByTestId("audit-sentence").first()).toContainText(`${USERS.owner.name} submitted DES-2.1`);
  });

  test("adding an asset that changes which controls apply says so, with a link to review the change", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/about");
    const id = await createSystemViaApi(page, uniqueName("Vendor change"), { tier: "MEDIUM" });
    await page.goto(`/systems/${id}/assets/new`);
    await page.getByLabel("Kind").selectOption("VENDOR_API");
    await page.getByLabel("Name").fill("Hosted LLM API");
    await page.getByRole("button", { name: "Add asset" }).click();
    const change = page.getByTestId("applicability-change");
    await expect(change).toContainText(/This changes which controls apply to the system: \d+ more apply/);
    await change.getByRole("link", { name: "Review the change on the checklist" }).click();
    await expect(page).toHaveURL(new RegExp(`/systems/${id}/checklist\\?recompute=1`));
  });
});
