import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createSystemViaApi, uniqueName } from "./helpers";
import { USERS } from "./users";

const SHOTS = "/tmp/shots/checklist";

async function noSidewaysScroll(page: Page) {
  return page.evaluate(() => {
    const main = document.getElementById("main")!;
    return main.scrollWidth <= main.clientWidth + 1;
  });
}

test.describe("[CHECKLIST] issue 14: bulk owner and due date, who set the status, focus after save", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("a reviewer selects every item of a filter, gives them an owner and a due date (asked first); items outside the filter keep theirs", async ({ page, sessions }) => {
    // Two bulk changes over a whole pillar, then every row checked: slow on a loaded machine.
    test.setTimeout(300_000);
    await sessions.actAs(page, "owner", "/about");
    const id = await createSystemViaApi(page, uniqueName("Bulk assign"), { tier: "HIGH" });

    await sessions.actAs(page, "reviewer", `/systems/${id}/checklist?pillar=DES`);
    const bar = page.getByRole("form", { name: "Change the selected items" });
    const boxes = page.getByRole("checkbox", { name: /^Select DES-/ });
    // count() does not wait: let the checklist stream in first.
    await expect(boxes.first()).toBeVisible();
    const n = await boxes.count();
    expect(n).toBeGreaterThanOrEqual(5);
    await expect(page.getByRole("checkbox", { name: /^Select DEV-/ })).toHaveCount(0);
    await expect(bar.getByTestId("bulk-count")).toHaveText("No items selected");

    // One tick, then "Select all N in this filter".
    await boxes.first().check();
    await expect(bar.getByTestId("bulk-count")).toHaveText("1 selected");
    await bar.getByRole("button", { name: `Select all ${n} in this filter` }).click();
    await expect(bar.getByTestId("bulk-count")).toHaveText(`${n} selected`);
    for (let i = 0; i < n; i++) await expect(boxes.nth(i)).toBeChecked();

    // Bulk owner: the dialog names the change and the count; nothing happens before confirming.
    await bar.getByLabel("Change", { exact: true }).selectOption("owner");
    await bar.getByLabel("New owner").selectOption({ label: USERS.owner.name });
    await bar.getByRole("button", { name: "Apply to selected" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(`Set the owner to ${USERS.owner.name} on ${n} items.`);

    // Screenshots: the bar with the selection and the dialog's count, at both widths.
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/bulk-confirm-1440.png` });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("item-DES-1.1").getByTestId("item-toggle")).toContainText("Unassigned");
    await page.getByTestId("item-DES-1.1").getByTestId("item-toggle").click();
    await bar.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/bulk-bar-expanded-1440.png`, fullPage: true });
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await bar.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/bulk-bar-390.png` });
    // The open item's row (with its ticked box) at the top, its detail below.
    await page.getByTestId("item-DES-1.1").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `${SHOTS}/bulk-bar-expanded-390.png` });
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });

    await bar.getByRole("button", { name: "Apply to selected" }).click();
    await dialog.getByRole("button", { name: `Change ${n} items` }).click();
    await expect(bar.getByText(`Owner changed on ${n} items.`)).toBeVisible();
    await expect(bar.getByTestId("bulk-count")).toHaveText("No items selected");
    for (let i = 0; i < n; i++) await expect(boxes.nth(i)).not.toBeChecked();
    await expect(page.getByTestId("item-DES-1.1").getByTestId("item-toggle")).toContainText(USERS.owner.name);

    // Bulk due date on the same filter.
    await bar.getByRole("button", { name: `Select all ${n} in this filter` }).click();
    await bar.getByLabel("Change", { exact: true }).selectOption("dueDate");
    await bar.getByLabel("New due date (empty clears it)").fill("2027-03-31");
    await bar.getByRole("button", { name: "Apply to selected" }).click();
    await expect(dialog).toContainText(`Set the due date to 2027-03-31 on ${n} items.`);
    await dialog.getByRole("button", { name: `Change ${n} items` }).click();
    await expect(bar.getByText(`Due date changed on ${n} items.`)).toBeVisible();

    // Every item of the filter has both; items outside it (DEV) were not touched.
    await page.goto(`/systems/${id}/checklist`);
    const rows = page.locator('[data-testid^="item-DES-"] [data-testid="item-toggle"]');
    await expect(rows).toHaveCount(n);
    for (let i = 0; i < n; i++) {
      await expect(rows.nth(i)).toContainText(USERS.owner.name);
      await expect(rows.nth(i)).toContainText("Due 2027-03-31");
    }
    const dev = page.getByTestId("item-DEV-1.1").getByTestId("item-toggle");
    await expect(dev).toContainText("Unassigned");
    await expect(dev).not.toContainText("2027-03-31");

    // The history tells each item's change apart, marked as part of a bulk change.
    await page.goto(`/systems/${id}/history`);
    // Each says what it changed from and to, and that it was one of the n items (finding 9).
    await expect(page.getByTestId("audit-sentence").filter({ hasText: `(one of ${n} items changed at once)` })).toHaveCount(2 * n);
    await expect(page.getByTestId("audit-sentence").filter({ hasText: `from Unassigned to ${USERS.owner.name}` })).toHaveCount(n);
  });

  test("after a save the item says who set its status and when, keeps the keyboard on the item and announces it, at both widths", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/about");
    const id = await createSystemViaApi(page, uniqueName("Status author"), { tier: "HIGH" });
    await page.goto(`/systems/${id}/checklist`);
    const item = page.getByTestId("item-DEV-1.1");
    const toggle = item.getByTestId("item-toggle");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(page).toHaveURL(/\?item=/);
    await expect(item.getByTestId("status-set-by")).toHaveText("Status “Not started” since the checklist was created.");

    await item.getByLabel("Status").selectOption("IN_PROGRESS");
    await item.getByRole("button", { name: "Save item" }).click();
    await expect(item.getByTestId("status-set-by")).toContainText(`Status “In progress” set by ${USERS.owner.name} on`);
    await expect(item.getByLabel("Status")).toBeFocused();
    await expect(item.getByTestId("item-saved-announcement")).toHaveText("DEV-1.1 saved. Focus is on its status.");
    // Focus is on the item, not the top of the page: the item is on screen.
    await expect(item.getByLabel("Status")).toBeInViewport();

    // A reload with ?item= opens the same item; the author line is there at 390 px too.
    await page.reload();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await page.setViewportSize({ width: 390, height: 844 });
    await item.getByTestId("status-set-by").scrollIntoViewIfNeeded();
    await expect(item.getByTestId("status-set-by")).toBeInViewport();
    await expect(item.getByTestId("status-set-by")).toContainText(`set by ${USERS.owner.name}`);
    await page.screenshot({ path: `${SHOTS}/item-expanded-390.png` });
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
    await item.getByTestId("status-set-by").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/item-expanded-1440.png` });

    // Closing it needs no request either, and leaves the address without the item.
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(item.getByTestId("status-set-by")).toHaveCount(0);
    await expect(page).not.toHaveURL(/\?item=/);

    // Several items may be open at once; the address names the last one opened.
    await toggle.click();
    const other = page.getByTestId("item-DES-1.1");
    await other.getByTestId("item-toggle").click();
    await expect(other.getByTestId("status-set-by")).toBeVisible();
    await expect(item.getByTestId("status-set-by")).toBeVisible();
    const otherId = (await other.getAttribute("id"))!.slice("item-".length);
    await expect(page).toHaveURL(new RegExp(`\\?item=${otherId}$`));
  });
});
