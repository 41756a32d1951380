import { expect, test } from "./fixtures";
import { createSystemViaApi, uniqueName } from "./helpers";

test.describe("From a control to its status on each system", () => {
  test("the library shows where a control applies and links to each system's item", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/about");
    const name = uniqueName("Control usage");
    const id = await createSystemViaApi(page, name, { tier: "HIGH" });
    await page.goto("/library");
    const usage = page.getByTestId("control-DES-1.1").getByTestId("control-usage");
    await expect(usage).toContainText(/Applies to \d+ systems?:/);
    await usage.locator("summary").click();
    await usage.getByRole("link", { name }).click();
    await expect(page).toHaveURL(new RegExp(`/systems/${id}/checklist\\?item=`));
    await expect(page.getByTestId("item-DES-1.1").getByTestId("item-toggle")).toHaveAttribute("aria-expanded", "true");
  });
});
