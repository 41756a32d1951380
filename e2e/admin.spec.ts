import { expect, test } from "./fixtures";
import { replaceTemporaryPassword, signInWithTemporary, uniqueName } from "./helpers";

test.describe("[ADMIN] users and sessions", () => {
  test("an admin creates a user, who must replace the temporary password; disabling ends their session", async ({ page, browser, sessions }) => {
    await sessions.actAs(page, "admin", "/admin/users");
    const name = uniqueName("Nora Newcomer");
    const email = `nora-${Date.now()}@e2e.test`;
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption("AUDITOR");
    await page.getByRole("button", { name: "Create user" }).click();
    const temporary = (await page.getByTestId("temporary-password").textContent())!.trim();
    expect(temporary).toHaveLength(20);

    const userContext = await browser.newContext();
    const user = await userContext.newPage();
    await signInWithTemporary(user, email, temporary);
    // Nothing else opens until the temporary password is replaced: no page, no API.
    await user.goto("/systems");
    await expect(user).toHaveURL(/\/account\/password/);
    expect((await user.request.get("/api/systems")).status()).toBe(403);
    await replaceTemporaryPassword(user, email, temporary, "a brand new passphrase", name);

    // Disable: the very next request of the open session is treated as signed out.
    await page.reload();
    const row = page.getByTestId(`user-${email}`);
    await row.getByRole("button", { name: "Disable" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Disable account" }).click();
    await expect(row.getByText("Disabled")).toBeVisible();
    await user.goto("/systems");
    await expect(user).toHaveURL(/\/login/);
    expect((await user.request.get("/api/systems")).status()).toBe(401);
    await userContext.close();
  });

  test("a role change takes effect on the next request", async ({ page, browser, sessions }) => {
    await sessions.actAs(page, "admin", "/admin/users");
    const email = `rolf-${Date.now()}@e2e.test`;
    await page.getByLabel("Name").fill("Rolf Roles");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption("SECURITY_REVIEWER");
    await page.getByRole("button", { name: "Create user" }).click();
    const temporary = (await page.getByTestId("temporary-password").textContent())!.trim();

    const userContext = await browser.newContext();
    const user = await userContext.newPage();
    await signInWithTemporary(user, email, temporary);
    await replaceTemporaryPassword(user, email, temporary, "reviewer passphrase 1", "Rolf Roles");
    await user.goto("/audit");
    await expect(user.getByRole("heading", { name: "Audit log" })).toBeVisible();

    await page.reload();
    await page.getByLabel("Role of Rolf Roles").selectOption("PRODUCT_OWNER");
    await expect(page.getByLabel("Role of Rolf Roles")).toHaveValue("PRODUCT_OWNER");
    await expect(page.getByText("Role saved: product owner.")).toBeVisible();
    await user.goto("/audit");
    await expect(user).toHaveURL(/\/login/);
    await userContext.close();
  });

  test("a reviewer cannot open user management", async ({ page, sessions }) => {
    await sessions.actAs(page, "reviewer", "/admin/users");
    await expect(page.getByTestId("forbidden")).toBeVisible();
  });
});
