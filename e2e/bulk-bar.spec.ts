import { expect, test } from "./fixtures";
import { createSystemViaApi, uniqueName } from "./helpers";

// Issue 7, "The bulk bar applied a status the reviewer did not choose": after a refused submit
// the selection was cleared and the dropdown showed another status while the justification box
// stayed; the next submit then applied that other status to the items.
test.describe("[CHECKLIST] the bulk bar applies exactly the status on screen", () => {
  test("a refused 'Not applicable' keeps the selection and the status; the retry sets Not applicable on exactly the chosen items", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/about");
    const id = await createSystemViaApi(page, uniqueName("Bulk bar"));
    await page.goto(`/systems/${id}/checklist`);
    await expect(page.getByTestId("overall-progress")).toHaveText("0%");

    await sessions.actAs(page, "reviewer", `/systems/${id}/checklist`);
    const boxes = page.getByRole("checkbox", { name: /^Select / });
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) codes.push(((await boxes.nth(i).getAttribute("aria-label")) ?? "").replace(/^Select /, ""));
    const bar = page.getByRole("form", { name: "Change the selected items" });
    const status = bar.getByLabel("New status");
    const box = (code: string) => page.getByRole("checkbox", { name: `Select ${code}`, exact: true });
    const badge = (code: string) => page.getByTestId(`item-${code}`).getByTestId("item-toggle");

    // 1. Three items, "Not applicable", no justification: refused (correct).
    for (const code of codes) await box(code).check();
    await status.selectOption("NOT_APPLICABLE");
    await bar.getByRole("button", { name: "Apply to selected" }).click();
    await expect(bar.getByRole("alert")).toBeVisible();

    // 2. The refusal keeps what the reviewer chose: the three items and "Not applicable".
    for (const code of codes) await expect(box(code)).toBeChecked();
    await expect(status).toHaveValue("NOT_APPLICABLE");
    await expect(status.locator("option:checked")).toHaveText("Not applicable");
    await expect(bar.getByLabel("Justification (applies to every selected item)")).toBeVisible();

    // 3. Two items, a justification, apply: both become Not applicable, the third is untouched.
    await box(codes[2]!).uncheck();
    await bar.getByLabel("Justification (applies to every selected item)").fill("Covered by the platform-wide control set reviewed in October 2026.");
    await bar.getByRole("button", { name: "Apply to selected" }).click();
    await expect(bar.getByText("Updated 2 items.")).toBeVisible();
    await expect(badge(codes[0]!)).toContainText("Not applicable");
    await expect(badge(codes[1]!)).toContainText("Not applicable");
    await expect(badge(codes[2]!)).not.toContainText("Not applicable");
    await expect(badge(codes[0]!)).not.toContainText("In progress");

    // After a success the selection is cleared so the next change starts fresh.
    for (const code of codes) await expect(box(code)).not.toBeChecked();
  });
});
