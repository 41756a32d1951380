import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createSystemViaApi, uniqueName } from "./helpers";

/** Screenshots a person looks at (git-ignored folder), at desktop and phone sizes. */
async function shoot(page: Page, name: string, locator?: string) {
  const dir = path.resolve("screenshots");
  fs.mkdirSync(dir, { recursive: true });
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    const target = locator ? page.locator(locator).first() : null;
    if (target) {
      await target.scrollIntoViewIfNeeded();
      // The diagram refits on resize: wait until its nodes are laid out in the new box.
      if (locator?.includes("diagram")) await expect(target.locator(".react-flow__node").first()).toBeVisible();
      await target.screenshot({ path: path.join(dir, `threat-model-${name}-${width}.png`) });
    } else {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(dir, `threat-model-${name}-${width}.png`), fullPage: false });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

function inAYear(days: number) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test.describe("[THREATS] threat model of an agentic system", () => {
  test("a reviewer builds it from suggestions, links mitigations and accepts a risk; another reviewer marks it reviewed; the owner reads only", async ({ page, sessions }) => {
    test.setTimeout(300_000); // many steps, four people, on a busy 2-core machine; every wait is on a condition
    const cspErrors: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });

    // The owner registers an agentic system with a payments connector that needs no approval.
    await sessions.actAs(page, "owner", "/about");
    const name = uniqueName("Procurement agent");
    const id = await createSystemViaApi(page, name, { tier: "HIGH", autonomy: "AGENTIC" });
    const asset = await page.request.post(`/api/systems/${id}/assets`, {
      data: { kind: "TOOL_CONNECTOR", name: "Payments connector", capabilities: ["SPEND_MONEY"], humanApprovalRequired: false },
    });
    expect(asset.status()).toBe(201);
    await page.goto(`/systems/${id}/threat-model`);
    await expect(page.getByText("A security reviewer has not modelled the threats to this system yet.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Start threat model" })).toHaveCount(0);

    // Reviewer 1 starts a draft: suggestions come with their reasons.
    await sessions.actAs(page, "reviewer", `/systems/${id}/threat-model`);
    await page.getByRole("button", { name: "Start threat model" }).click();
    await expect(page.getByRole("heading", { name: /Threat model · version 1/ })).toBeVisible();
    const ea = page.locator('[data-suggestion="T-EA-01"]');
    await expect(ea).toContainText("“Payments connector” (tool connector) lets the system spend money without a human approving each action");

    // Dismissing needs a reason; a short one is refused with a message.
    const or2 = page.locator('[data-suggestion="T-OR-02"]');
    await or2.getByRole("button", { name: "Dismiss T-OR-02" }).click();
    await or2.getByLabel("Why it does not apply").fill("n/a");
    await or2.getByRole("button", { name: "Dismiss with reason" }).click();
    await expect(or2.getByRole("alert")).toContainText("at least 10 characters");
    await or2.getByLabel("Why it does not apply").fill("Staff never approve payments proposed by this agent.");
    await or2.getByRole("button", { name: "Dismiss with reason" }).click();
    await expect(page.getByText("1 dismissed suggestion")).toBeVisible();

    // Add two suggestions one by one.
    await ea.getByRole("button", { name: /^Add T-EA-01/ }).click();
    await expect(page.locator('[data-threat="T-EA-01"]')).toBeVisible();
    await page.locator('[data-suggestion="T-TP-01"]').getByRole("button", { name: /^Add T-TP-01/ }).click();
    await expect(page.locator('[data-threat="T-TP-01"]')).toBeVisible();

    // Data flows draw the diagram.
    const flows = page.getByRole("form", { name: "Add a data flow" });
    await flows.getByLabel("Source").fill("Buyer");
    await flows.getByLabel("Target").fill("Procurement agent");
    await flows.getByLabel("Data").fill("Purchase request");
    await flows.getByLabel("Crosses a trust boundary").check();
    await flows.getByRole("button", { name: "Add data flow" }).click();
    await expect(page.getByRole("cell", { name: "Purchase request" })).toBeVisible();
    await flows.getByLabel("Source").fill("Procurement agent");
    await flows.getByLabel("Target").fill("Payments connector");
    await flows.getByLabel("Data").fill("Payment order");
    await flows.getByRole("button", { name: "Add data flow" }).click();
    await expect(page.getByRole("cell", { name: "Payment order" })).toBeVisible();
    await expect(page.getByTestId("data-flow-diagram").locator(".react-flow__node")).toHaveCount(3);

    // T-EA-01: link another control, set the residual, accept it with a rationale and expiry.
    const eaRow = page.locator('[data-threat="T-EA-01"]');
    await eaRow.getByRole("link", { name: /^Open T-EA-01/ }).click();
    const editor = eaRow.getByRole("form", { name: /Edit threat/ });
    await expect(editor.getByLabel(/DES-3.3/)).toBeChecked();
    await editor.getByLabel(/OPS-1.3/).check();
    await editor.getByLabel("Residual likelihood").selectOption("2");
    await editor.getByLabel("Residual impact").selectOption("5");
    await editor.getByLabel("Treatment").selectOption("ACCEPT");
    await editor.getByLabel("Why the residual risk is acceptable").fill("Payments above 500 EUR are blocked by the provider; a daily reconciliation catches the rest.");
    await editor.getByLabel("Accepted until").fill(inAYear(400));
    await editor.getByRole("button", { name: "Save threat" }).click();
    await expect(editor.getByText("Acceptances last at most a year")).toBeVisible();
    await editor.getByLabel("Accepted until").fill(inAYear(90));
    await editor.getByRole("button", { name: "Save threat" }).click();
    await expect(eaRow.getByText(/Residual risk accepted by Rita Reviewer/)).toBeVisible();
    await expect(eaRow.getByText("OPS-1.3", { exact: false }).first()).toBeVisible();

    // T-TP-01: mitigate to a low residual.
    const tpRow = page.locator('[data-threat="T-TP-01"]');
    await tpRow.getByRole("link", { name: /^Open T-TP-01/ }).click();
    const tpEditor = tpRow.getByRole("form", { name: /Edit threat/ });
    await tpEditor.getByLabel("Residual likelihood").selectOption("1");
    await tpEditor.getByLabel("Residual impact").selectOption("3");
    await tpEditor.getByLabel("Treatment").selectOption("MITIGATE");
    // Keep this save's server-action request: the owner replays it below and is refused.
    const saveRequest = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
    await tpEditor.getByRole("button", { name: "Save threat" }).click();
    const savedAction = await saveRequest;
    await expect(tpRow.getByRole("link", { name: /T-TP-01/ }).first()).toContainText("Mitigate");

    // Submit; the author may not review it.
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Submit for review" }).click();
    await expect(page.getByText("In review", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Mark reviewed" })).toHaveCount(0);
    await expect(page.getByText("You authored or submitted this version: another security reviewer must review it.")).toBeVisible();

    // Reviewer 2 marks it reviewed.
    const reviewer2 = await sessions.pageAs("reviewer2", `/systems/${id}/threat-model`);
    await reviewer2.getByRole("button", { name: "Mark reviewed" }).click();
    await reviewer2.getByRole("dialog").getByLabel("Review comment (optional)").fill("Complete for the pilot.");
    await reviewer2.getByRole("dialog").getByRole("button", { name: "Mark reviewed" }).click();
    await expect(reviewer2.getByText("In force", { exact: true })).toBeVisible();
    await expect(reviewer2.getByText(/reviewed by Remy Second/)).toBeVisible();

    // The system page shows the version in force and who reviewed it.
    await page.goto(`/systems/${id}`);
    await expect(page.getByTestId("threat-model-in-force")).toContainText("Version 1 in force");
    await expect(page.getByTestId("threat-model-in-force")).toContainText("Reviewed by Remy Second");

    // The product owner sees it read-only.
    const owner = await sessions.pageAs("owner", `/systems/${id}/threat-model`);
    await expect(owner.getByRole("heading", { name: /Threat model · version 1/ })).toBeVisible();
    await expect(owner.getByText("Read-only").first()).toBeVisible();
    for (const label of ["Start a new draft", "Submit for review", "Mark reviewed", "Discard draft", "Return to draft"]) {
      await expect(owner.getByRole("button", { name: label })).toHaveCount(0);
    }
    await owner.locator('[data-threat="T-EA-01"]').getByRole("link", { name: /^Open T-EA-01/ }).click();
    await expect(owner.getByText(/Residual risk accepted by Rita Reviewer/)).toBeVisible();
    await expect(owner.getByTestId("threat-details")).toBeVisible();
    await expect(owner.getByRole("form", { name: /Edit threat/ })).toHaveCount(0);
    // The direct request is refused too: the owner replays the reviewer's "Save threat" action.
    const headers: Record<string, string> = { cookie: (await owner.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ") };
    const sent = await savedAction.allHeaders();
    for (const key of ["next-action", "content-type", "origin", "next-router-state-tree", "accept"]) if (sent[key]) headers[key] = sent[key]!;
    const replay = await owner.request.post(new URL(savedAction.url()).pathname + new URL(savedAction.url()).search, { headers, data: savedAction.postDataBuffer()!, maxRedirects: 0 });
    expect(await replay.text()).toContain("Your role may not edit threat models");
    const exported = await owner.request.get(`/api/systems/${id}/threat-model/export?version=1`);
    expect(exported.status()).toBe(200);
    expect((await exported.json()).threats).toHaveLength(2);
    expect((await owner.request.get(`/api/systems/${id}/threat-model/export?version=abc`)).status()).toBe(400);

    // Screenshots of the reviewed version: heat map, diagram, coverage, and the printable page.
    await page.goto(`/systems/${id}/threat-model`);
    await shoot(page, "heat-map", '[data-testid="heat-maps"]');
    await shoot(page, "diagram", '[data-testid="data-flow-diagram"]');
    await shoot(page, "coverage", '[data-testid="coverage-view"]');
    await shoot(page, "top");
    await page.goto(`/print/threat-model/${id}?v=1`);
    await expect(page.getByTestId("data-flow-diagram").locator(".react-flow__node")).toHaveCount(3);
    await shoot(page, "print");
    expect(cspErrors).toEqual([]);
  });
});
