import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { createSystemViaApi, uniqueName } from "./helpers";

test.describe("[CHECKLIST] working a system's checklist", () => {
  test("owner meets an item with an uploaded file; reviewer marks one not applicable; auditor downloads but changes nothing", async ({ page, sessions }) => {
    await sessions.actAs(page, "owner", "/about");
    const id = await createSystemViaApi(page, uniqueName("Checklist system"), { tier: "HIGH" });
    await page.goto(`/systems/${id}/checklist`);
    await expect(page.getByTestId("overall-progress")).toHaveText("0%");

    // DES-1.1 needs evidence: MET is refused until a file is attached.
    const item = page.getByTestId("item-DES-1.1");
    await item.getByTestId("item-toggle").click();
    await item.getByLabel("Status").selectOption("MET");
    await item.getByRole("button", { name: "Save item" }).click();
    await expect(item.getByRole("alert")).toContainText("Attach at least one valid");

    const content = Buffer.from(`Training attendance ${Date.now()}\n`.repeat(500));
    const file = test.info().outputPath("training-record.pdf");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.concat([Buffer.from("%PDF-1.7\n"), content]));
    const digest = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    await item.getByLabel("Upload a file").setInputFiles(file);
    await item.getByLabel("Title").fill("AI threat awareness training 2026");
    await item.getByRole("button", { name: "Upload and attach" }).click();
    await expect(item.getByText("AI threat awareness training 2026")).toBeVisible();

    await item.getByLabel("Status").selectOption("MET");
    await item.getByRole("button", { name: "Save item" }).click();
    await expect(item.getByTestId("item-toggle")).toContainText("Met");
    await expect(page.getByTestId("overall-progress")).not.toHaveText("0%");

    // A reviewer marks a reviewer-only control not applicable; the justification is enforced.
    const reviewer = await sessions.pageAs("reviewer", `/systems/${id}/checklist`);
    const decision = reviewer.getByTestId("item-DES-2.1");
    await decision.getByTestId("item-toggle").click();
    await decision.getByLabel("Status").selectOption("NOT_APPLICABLE");
    await decision.getByLabel("Why it does not apply").fill("too short");
    await decision.getByRole("button", { name: "Save item" }).click();
    await expect(decision.getByText(/at least 20 characters/).first()).toBeVisible();
    await decision.getByLabel("Why it does not apply").fill("Covered by the platform threat model TM-12, reviewed in October 2026.");
    await decision.getByRole("button", { name: "Save item" }).click();
    await expect(decision.getByTestId("item-toggle")).toContainText("Not applicable");

    // The auditor downloads the very file (same SHA-256) and has no way to change anything.
    const auditor = await sessions.pageAs("auditor", `/systems/${id}/evidence`);
    const row = auditor.getByTestId("evidence-row").filter({ hasText: "AI threat awareness training 2026" });
    await expect(row).toContainText(digest);
    const [download] = await Promise.all([auditor.waitForEvent("download"), row.getByRole("link", { name: "Download" }).click()]);
    const saved = await download.path();
    expect(createHash("sha256").update(fs.readFileSync(saved!)).digest("hex")).toBe(digest);
    await expect(auditor.getByRole("button", { name: "Add evidence" })).toHaveCount(0);
    await expect(row.getByRole("button", { name: "Correct" })).toHaveCount(0);
    await auditor.goto(`/systems/${id}/checklist`);
    await auditor.getByTestId("item-DES-1.1").getByTestId("item-toggle").click();
    await expect(auditor.getByRole("button", { name: "Save item" })).toHaveCount(0);
    const upload = await auditor.request.post(`/api/systems/${id}/evidence`, { data: { kind: "NOTE", title: "Forged", effectiveDate: "2026-01-01", body: "x" } });
    expect(upload.status()).toBe(403);
    const response = await auditor.request.get(`/api/systems/${id}/evidence`);
    const items = (await response.json()).items as { id: string; title: string }[];
    expect(items.map((e) => e.title)).toEqual(["AI threat awareness training 2026"]);
    const head = await auditor.request.get(`/api/evidence/${items[0]!.id}/download`);
    expect(head.headers()["content-disposition"]).toMatch(/^attachment;/);
    expect(head.headers()["x-content-type-options"]).toBe("nosniff");
    expect(head.headers()["content-type"]).toBe("application/pdf");
  });
});
