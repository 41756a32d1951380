import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";

test("the API reference lists the gate with its parameters and CI examples, readable at 390 px; the OpenAPI document is served", async ({ page, request, sessions }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toContain("/api/v1/gate");

  await sessions.actAs(page, "owner");
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  await expect(page.getByText("GitHub Actions step")).toBeVisible();
  await expect(page.locator("pre").filter({ hasText: "ai-governance-gate:" })).toBeVisible();
  const gate = page.locator("details").filter({ hasText: "/api/v1/gate" }).first();
  await gate.locator("summary").click();
  await expect(gate.getByText("digest", { exact: true })).toBeVisible();
  await expect(gate.getByText("token: gate:read or session")).toBeVisible();

  const dir = path.resolve("screenshots");
  fs.mkdirSync(dir, { recursive: true });
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    // The content must not overflow its own box (code blocks scroll inside themselves); on a
    // phone the frame gives the page the whole width (the sidebar is a menu drawer there).
    const content = page.getByTestId("api-reference");
    const overflow = await content.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, `overflow at ${width}px`).toBeLessThanOrEqual(0);
    const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(pageOverflow, `page scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(dir, `api-reference-${width}.png`), fullPage: false });
    await gate.screenshot({ path: path.join(dir, `api-reference-gate-${width}.png`) });
  }
});
