import { expect, test } from "./fixtures";
import { signIn, signOut } from "./helpers";
import { USERS, type UserKey } from "./users";

test.describe("[AUTH] sign-in", () => {
  test("an anonymous visitor is sent to the sign-in page", async ({ page }) => {
    await page.goto("/systems");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in to AI Governance" })).toBeVisible();
  });

  for (const who of Object.keys(USERS) as UserKey[]) {
    test(`${USERS[who].role} (${who}) signs in and sees their name and role`, async ({ page }) => {
      await signIn(page, who);
      await expect(page.getByTestId("current-role")).toBeVisible();
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "AI systems" })).toBeVisible();
      // Only admins, reviewers and auditors get the audit log; only admins manage users.
      await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(["ADMIN", "SECURITY_REVIEWER", "AUDITOR"].includes(USERS[who].role) ? 1 : 0);
      await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(USERS[who].role === "ADMIN" ? 1 : 0);
      await signOut(page);
    });
  }

  test("a wrong password gets one generic message and the email is kept", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(USERS.reviewer.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "password" })).toHaveText("The email or password is not correct.");
    await expect(page.getByLabel("Email")).toHaveValue(USERS.reviewer.email);
  });

  test("responses carry a nonce-based CSP and anti-framing headers", async ({ page }) => {
    const response = await page.goto("/login");
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
  });
});
