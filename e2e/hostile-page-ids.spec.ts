import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { E2E_PORT } from "./users";
import { createSystemViaApi, uniqueName } from "./helpers";

// Issue 7: every bad input gets a 4xx, never a 500, and that includes the ids in page URLs. A
// NUL byte (`%00`), an overlong id or non-ASCII text in `/systems/<id>` used to reach PostgreSQL
// (which refuses NUL and broken UTF-8) as a 500. Every dynamic segment of every page under app/
// (found on disk, so a page added later is covered or fails here) must answer 404 for each
// hostile id below, on the real production server, while its real URL answers 200.

const ROOT = path.resolve(import.meta.dirname, "..");

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** `app/(app)/systems/[id]/assets/[assetId]/edit/page.tsx` → `/systems/[id]/assets/[assetId]/edit` (route groups dropped). */
const urlTemplate = (file: string) =>
  `/${path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).filter((d) => !/^\(.*\)$/.test(d)).join("/")}`;

const files = walk(path.join(ROOT, "app")).filter((f) => /\/(page|route)\.tsx?$/.test(f) && f.includes("["));
/** Pages with a dynamic segment; the catch-all `(app)/[...missing]` (no real value: it always answers 404) is swept below on its own. */
const pageTemplates = files.filter((f) => !f.includes(`${path.sep}api${path.sep}`) && !f.includes("[...") && /page\.tsx$/.test(f)).map(urlTemplate).sort();
/** API routes with a dynamic segment that answer GET (swept in-process by test/hostile-input.int.test.ts; here over real HTTP). */
const apiTemplates = files
  .filter((f) => f.includes(`${path.sep}api${path.sep}`) && !f.includes("[...") && /export const GET\b/.test(readFileSync(f, "utf8")))
  .map(urlTemplate)
  .sort();

/**
 * Ids as they travel in a URL (already percent-encoded). None can name a row: NUL, an encoded
 * `%00`, overlong, not an id, non-ASCII, bidi and zero-width characters, an encoded lone
 * surrogate and other bytes that are not UTF-8, broken percent-encoding, encoded slashes. (`%2E%2E`
 * is not here: URL parsers, the test client's included, resolve it as `..` before sending.)
 */
const HOSTILE_IDS = [
  "%00",
  "a%00b",
  "%2500",
  "x".repeat(300),
  "x".repeat(4_000),
  "nope",
  "00000000-0000-0000-0000-000000000000",
  "%C3%BCnicode",
  "%E2%80%AEevil",
  "%E2%80%8B",
  "%F0%9F%98%80",
  "%ED%A0%80",
  "%FF%FE",
  "%E0%A4%A",
  "%",
  "..%2F..%2Fetc%2Fpasswd",
  "a%0Ab",
  "%20",
  "'%20OR%201%3D1--",
];

const segmentKey = (template: string, segment: string) => {
  const parts = template.split("/");
  return `${parts[parts.indexOf(segment) - 1]}/${segment}`;
};

async function status(request: APIRequestContext, url: string) {
  const response = await request.get(url, { maxRedirects: 0, failOnStatusCode: false });
  return response.status();
}

test.describe("[BAD INPUT] hostile ids in page URLs", () => {
  test("every dynamic page segment answers 404 for hostile ids (never 500); the real URLs answer 200", async ({ page, sessions }) => {
    test.setTimeout(600_000); // a few hundred requests to a production server on a loaded 2-core machine
    expect(pageTemplates.length, "the spec finds the dynamic pages on disk").toBeGreaterThanOrEqual(13);

    await sessions.actAs(page, "admin", "/about");
    const systemId = await createSystemViaApi(page, uniqueName("Hostile ids"));
    const origin = `http://localhost:${E2E_PORT}`;
    const asset = await page.request.post(`/api/systems/${systemId}/assets`, { headers: { origin }, data: { kind: "MODEL", name: "Hostile-id model", version: "1" } });
    expect(asset.status(), await asset.text()).toBe(201);
    const assetId = ((await asset.json()) as { id: string }).id;

    await page.goto(`/incidents/new?systemId=${systemId}`);
    await page.getByLabel("Title").fill(uniqueName("Hostile-id incident"));
    await page.getByLabel("Category").selectOption("PROMPT_INJECTION");
    await page.getByRole("radio", { name: /SEV3/ }).check();
    await page.getByLabel("Description").fill("Recorded so the incident page has a real id to compare with.");
    await page.getByLabel("User and data impact").fill("None.");
    await page.getByRole("button", { name: "Report incident" }).click();
    await expect(page).toHaveURL(/\/incidents\/[A-Za-z0-9_-]+$/);
    const incidentId = new URL(page.url()).pathname.split("/")[2]!;

    // The printable threat model needs a version to print.
    await page.goto(`/systems/${systemId}/threat-model`);
    await page.getByRole("button", { name: "Start threat model" }).click();
    await expect.poll(() => status(page.request, `/print/threat-model/${systemId}`)).toBe(200);

    // An approval request (a draft is enough: its page shows the gate's findings).
    await page.goto(`/systems/${systemId}/approvals`);
    await page.getByLabel("Release label").fill("v1.0.0");
    await page.getByLabel("Environment").selectOption("production");
    await page.getByRole("button", { name: "Request approval" }).click();
    await expect(page).toHaveURL(/\/approvals\/[A-Za-z0-9_-]+$/);
    const approvalId = new URL(page.url()).pathname.split("/")[2]!;

    // A webhook (a public literal address, so saving needs no DNS), disabled: other specs on this
    // server cause gate denials, and nothing should ever be sent to that address.
    await page.goto("/admin/webhooks");
    await page.getByLabel("Name", { exact: true }).fill(uniqueName("Hostile-id webhook"));
    await page.getByLabel("URL", { exact: true }).fill("https://93.184.215.14/hostile-ids");
    await page.getByRole("checkbox", { name: /gate\.denied/ }).check();
    await page.getByRole("checkbox", { name: /^Enabled/ }).uncheck();
    await page.getByRole("button", { name: "Create webhook" }).click();
    await page.getByRole("link", { name: "Open the webhook and send a test" }).click();
    await expect(page).toHaveURL(/\/admin\/webhooks\/[A-Za-z0-9_-]+$/);
    const webhookId = new URL(page.url()).pathname.split("/")[3]!;

    /** The real value of each dynamic segment, by the folder it follows. A new segment fails here until it is listed. */
    const REAL: Record<string, string> = {
      "systems/[id]": systemId,
      "assets/[assetId]": assetId,
      "incidents/[id]": incidentId,
      "threat-model/[systemId]": systemId,
      "approvals/[id]": approvalId,
      // Home's task lists are keyed by provider: "assigned" is one an admin has.
      "tasks/[key]": "assigned",
      "webhooks/[id]": webhookId,
    };

    const findings: string[] = [];
    for (const template of pageTemplates) {
      const segments = template.split("/").filter((s) => /^\[.+\]$/.test(s));
      for (const segment of segments) expect(REAL[segmentKey(template, segment)], `${template}: add a real value for ${segmentKey(template, segment)} to REAL`).toBeDefined();
      const fill = (hostile: string | null, at: string | null) => template.split("/").map((s) => (s === at ? hostile! : /^\[.+\]$/.test(s) ? REAL[segmentKey(template, s)]! : s)).join("/");

      const real = await status(page.request, fill(null, null));
      if (real !== 200) findings.push(`${fill(null, null)} (real ids) → ${real}, expected 200`);
      for (const segment of segments) {
        for (const bad of HOSTILE_IDS) {
          const url = fill(bad, segment);
          const answer = await status(page.request, url);
          if (answer !== 404) findings.push(`${template} ${segment}=${bad.slice(0, 40)} → ${answer}, expected 404`);
        }
      }
    }

    // An address no page matches, made of the same ids, answers the frame's 404, never a 5xx.
    for (const bad of HOSTILE_IDS) {
      const answer = await status(page.request, `/no-such-page/${bad}`);
      if (answer !== 404) findings.push(`/no-such-page/${bad.slice(0, 40)} → ${answer}, expected 404`);
    }

    // The same ids in the API's path parameters, over real HTTP (the in-process sweep hands
    // the handlers decoded params; here Next decodes them).
    expect(apiTemplates.length).toBeGreaterThanOrEqual(8);
    for (const template of apiTemplates) {
      for (const bad of HOSTILE_IDS) {
        const url = template.replace(/\[[^\]]+\]/g, bad);
        const answer = await status(page.request, url);
        if (answer !== 404) findings.push(`${url.slice(0, 80)} → ${answer}, expected 404`);
      }
    }

    expect(findings).toEqual([]);
  });
});
