import { request as apiRequest } from "@playwright/test";
import { expect, test } from "./fixtures";
import { shootBothWidths, uniqueName } from "./helpers";

test.describe("API tokens", () => {
  test("an admin creates a token, sees its secret once, calls the API with it, revokes it; a non-admin is refused", async ({ page, baseURL, sessions }) => {
    // Two people, a dozen page loads, four screenshots: over the 2 min limit on a loaded 2-core
    // machine (it timed out near its end at load 22), as the webhook spec did before it.
    test.slow();
    await sessions.actAs(page, "admin");
    await page.getByRole("link", { name: "API tokens" }).click();
    await expect(page).toHaveURL(/\/admin\/tokens$/);
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();

    // A bad submission keeps the input and names the field.
    const name = uniqueName("CI pipeline");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText("Choose at least one scope.")).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue(name);

    await page.getByRole("checkbox", { name: /systems:read/ }).check();
    const createRequest = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
    await page.getByRole("button", { name: "Create token" }).click();
    const secretBox = page.getByTestId("token-secret");
    await expect(secretBox).toBeVisible();
    const secret = (await secretBox.textContent())!.trim();
    expect(secret).toMatch(/^aigov_/);
    await expect(page.getByText("This is the only time the secret is shown")).toBeVisible();
    await shootBothWidths(page, "api-tokens", "created");
    const captured = await createRequest;

    // Shown once: after a reload the secret is gone for good; the token is listed.
    await page.reload();
    await expect(page.getByTestId("token-secret")).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);
    const row = page.getByTestId(`token-row-${name}`);
    await expect(row).toContainText("Never used");
    await expect(row).toContainText("Active");

    // The secret works from a plain HTTP client (no cookies), like curl.
    const api = await apiRequest.newContext({ baseURL });
    const listed = await api.get("/api/systems", { headers: { authorization: `Bearer ${secret}` } });
    expect(listed.status()).toBe(200);
    expect(await listed.json()).toMatchObject({ total: expect.any(Number) });

    await page.reload();
    await expect(row).not.toContainText("Never used");
    await shootBothWidths(page, "api-tokens", "list");

    // A non-admin: the forbidden page, and the server action replayed with their session is refused.
    const reviewer = await sessions.pageAs("reviewer");
    const other = reviewer.context();
    await expect(reviewer.getByRole("link", { name: "API tokens" })).toHaveCount(0);
    await reviewer.goto("/admin/tokens");
    await expect(reviewer.getByTestId("forbidden")).toBeVisible();
    await expect(reviewer.getByText("Only admins manage API tokens.")).toBeVisible();
    const cookie = (await other.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const sent = await captured.allHeaders();
    const headers: Record<string, string> = { cookie };
    for (const key of ["next-action", "content-type", "origin", "next-router-state-tree", "accept"]) if (sent[key]) headers[key] = sent[key]!;
    const before = await page.getByTestId(/^token-row-/).count();
    const replay = await api.post(new URL(captured.url()).pathname, { headers, data: captured.postDataBuffer()!, maxRedirects: 0 });
    expect(replay.status()).toBeLessThan(500);
    const replayText = await replay.text();
    expect(replayText).toMatch(/manage API tokens/);
    expect(replayText).not.toMatch(/aigov_/);
    await page.reload();
    await expect(page.getByTestId(/^token-row-/)).toHaveCount(before);

    // Revoke, behind a confirmation; the next call is refused.
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("cannot be undone");
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
    const refused = await api.get("/api/systems", { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status()).toBe(401);
    await api.dispose();
  });
});
