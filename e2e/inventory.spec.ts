import { expect, test } from "./fixtures";
import { createSystemViaApi, createSystemViaUi, uniqueName } from "./helpers";

test.describe("[INVENTORY] AI systems", () => {
  test("a product owner registers a system; validation errors keep the input", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/systems/new");
    await page.getByLabel("Name").fill("X");
    await page.getByLabel("Purpose and use case").fill("Too short");
    await page.getByRole("button", { name: "Register system" }).click();
    await expect(page.getByText("Name must be at least 2 characters.")).toBeVisible();
    await expect(page.getByText("Describe the purpose in at least 10 characters.")).toBeVisible();
    await expect(page.getByText("Choose a risk tier.")).toBeVisible();
    await expect(page.getByLabel("Purpose and use case")).toHaveValue("Too short");

    const name = uniqueName("HR policy assistant");
    const id = await createSystemViaUi(page, name, { tier: "HIGH" });
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByText("System registered.")).toBeVisible();
    await page.goto(`/systems?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole("link", { name })).toHaveAttribute("href", `/systems/${id}`);
  });

  test("an auditor sees a system read-only, and a direct POST as auditor is refused", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/about");
    const name = uniqueName("Claims triage");
    const id = await createSystemViaApi(page, name);

    const auditor = await sessions.pageAs("auditor", `/systems/${id}`);
    await expect(auditor.getByRole("heading", { name })).toBeVisible();
    await expect(auditor.getByText("Read-only")).toBeVisible();
    await expect(auditor.getByRole("link", { name: "Edit" })).toHaveCount(0);
    await expect(auditor.getByRole("button", { name: "Archive" })).toHaveCount(0);
    await expect(auditor.getByRole("link", { name: "New system" })).toHaveCount(0);

    await auditor.goto("/systems/new");
    await expect(auditor.getByTestId("forbidden")).toBeVisible();
    await auditor.goto(`/systems/${id}/edit`);
    await expect(auditor.getByTestId("forbidden")).toBeVisible();

    const before = await auditor.request.get(`/api/systems?q=${encodeURIComponent("Forged by auditor")}`);
    expect((await before.json()).total).toBe(0);
    const refused = await auditor.request.post("/api/systems", {
      data: { name: "Forged by auditor", purpose: "Should never be created.", riskTier: "LOW", dataSensitivity: "PUBLIC", autonomy: "NONE", exposure: "INTERNAL" },
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe("FORBIDDEN");
    const detail = await auditor.request.get(`/api/systems/${id}`);
    const patch = await auditor.request.patch(`/api/systems/${id}`, { data: { ...(await detail.json()), expectedVersion: 1 } });
    expect(patch.status()).toBe(403);
    const after = await auditor.request.get(`/api/systems?q=${encodeURIComponent("Forged by auditor")}`);
    expect((await after.json()).total).toBe(0);
  });

  test("another product owner cannot open the system by URL or API", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/about");
    const name = uniqueName("Private pricing model");
    const id = await createSystemViaApi(page, name);

    const other = await sessions.pageAs("owner2");
    const response = await other.goto(`/systems/${id}`);
    expect(response!.status()).toBe(404);
    await expect(other.getByRole("heading", { name })).toHaveCount(0);
    expect((await other.request.get(`/api/systems/${id}`)).status()).toBe(404);
    await other.goto(`/systems?q=${encodeURIComponent(name)}`);
    await expect(other.getByText("No systems match these filters")).toBeVisible();
  });

  test("a stale save shows a conflict and keeps the user's input", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/about");
    const id = await createSystemViaApi(page, uniqueName("Contract summariser"));

    const admin = await sessions.pageAs("admin");

    await page.goto(`/systems/${id}/edit`);
    await admin.goto(`/systems/${id}/edit`);
    await admin.getByLabel("Name").fill("Contract summariser (admin edit)");
    await admin.getByRole("button", { name: "Save changes" }).click();
    await expect(admin.getByText("Changes saved.")).toBeVisible();

    await page.getByLabel("Purpose and use case").fill("Summarises supplier contracts for the legal team, with citations.");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("This system was changed by someone else while you were editing")).toBeVisible();
    await expect(page.getByLabel("Purpose and use case")).toHaveValue("Summarises supplier contracts for the legal team, with citations.");
    // Saving again, having seen the conflict, applies the owner's edit on top.
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved.")).toBeVisible();
    await expect(page.getByText("Summarises supplier contracts for the legal team, with citations.")).toBeVisible();
  });

  test("archiving asks for confirmation and can be cancelled", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/systems/new");
    const name = uniqueName("Old chatbot");
    await createSystemViaUi(page, name);
    await page.getByRole("button", { name: "Archive" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(`Archive ${name}?`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
    await page.getByRole("button", { name: "Archive" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Archive system" }).click();
    await expect(page.getByText(/This system was archived on/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  });
});

test.describe("[AUDIT] audit log page", () => {
  test("an auditor sees the events and the chain verifies; a product owner is refused", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/about");
    const name = uniqueName("Audited system");
    const id = await createSystemViaApi(page, name);
    await page.goto("/audit");
    await expect(page.getByTestId("forbidden")).toBeVisible();
    expect((await page.request.get("/api/systems")).status()).toBe(200);

    const auditor = await sessions.pageAs("auditor", `/audit?entityId=${id}`);
    const rows = auditor.getByTestId("audit-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("system.created");
    await expect(rows.first()).toContainText("owner@e2e.test");
    await auditor.getByRole("button", { name: "Verify hash chain" }).click();
    await expect(auditor.getByText("The audit trail is intact")).toBeVisible();
  });
});
