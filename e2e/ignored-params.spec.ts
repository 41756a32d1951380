import { expect, test } from "@playwright/test";
import { createSystemViaUi, signIn, uniqueName } from "./helpers";

// A list page whose address carries a value it cannot use still renders, names the parameter
// and the value it ignored, and its filter controls show what it falls back to.
test.describe("[FILTERS] unknown filter and sort values are named, not silently ignored", () => {
  test("checklist: ?status=BOGUS shows every status with a notice; the other filters stay", async ({ page }) => {
    await signIn(page, "owner");
    const id = await createSystemViaUi(page, uniqueName("Filter notice"));
    const response = await page.goto(`/systems/${id}/checklist?status=BOGUS&pillar=DES`);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("ignored-params")).toHaveText("Unknown status “BOGUS” — showing all statuses.");
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("Pillar", { exact: true })).toHaveValue("DES");

    await page.goto(`/systems/${id}/checklist?status=MET`);
    await expect(page.getByTestId("ignored-params")).toHaveCount(0);
  });

  test("inventory: an unknown sort and risk tier are named; the search still applies", async ({ page }) => {
    await signIn(page, "owner");
    const name = uniqueName("Inventory notice");
    await createSystemViaUi(page, name);
    const response = await page.goto(`/systems?sort=shoe-size&tier=PURPLE&q=${encodeURIComponent(name)}`);
    expect(response?.status()).toBe(200);
    const notice = page.getByTestId("ignored-params");
    await expect(notice).toContainText("Unknown risk tier “PURPLE” — showing all risk tiers.");
    await expect(notice).toContainText("Unknown sort “shoe-size” — sorted by name.");
    await expect(page.getByLabel("Risk tier", { exact: true })).toHaveValue("");
    await expect(page.getByRole("link", { name })).toBeVisible();
  });

  test("audit log and incidents name a bad date and an unknown severity", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/audit?from=2026-13-45");
    await expect(page.getByTestId("ignored-params")).toContainText("Invalid start date “2026-13-45”");
    await page.goto("/incidents?severity=SEV9");
    await expect(page.getByTestId("ignored-params")).toHaveText("Unknown severity “SEV9” — showing every severity.");
  });
});
