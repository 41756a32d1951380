/**
 * Opening a checklist item in the browser: from the click on an item's row to its detail (the
 * "status set by" line) being there. The detail is rendered with the page and only mounted on
 * open (components/checklist/item-row.tsx), so this is client-side work; issue 14 compares it
 * before and after client-side expansion. Measured two ways, both printed as p50 (median) / p95 /
 * max, never asserted (the figure depends on the machine):
 *
 *  - in the page: from the click event to the first animation frame with the detail in the DOM,
 *    free of the runner's round trips to the browser;
 *  - from the runner: `click()` to the detail visible, as a Playwright test sees it.
 *
 * One HIGH-tier system with the shipped control library (or `--items N` controls, the
 * benchmark library of bench/checklist.ts), signed in as its owner, on the production build
 * started as the other page benchmarks start it (bench/support.ts); Chromium from
 * CHROMIUM_PATH or /usr/bin/chromium, as in playwright.config.ts. Each round loads the
 * checklist, waits for hydration, then opens and closes `--per-round` items spread over the
 * list; the first `--warmup` rounds are not counted.
 *
 *   npm run bench:checklist-open [-- --rounds 8 --per-round 8 --warmup 1 --items 110]
 *
 * Needs a production build (`npx next build`). The machine is shared: the load average is
 * printed before and after.
 */
import fs from "node:fs";
import os from "node:os";
import { chromium, type Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/authz/actor";
import { ensureShippedLibraries, insertLibraryVersion } from "@/lib/controls/store";
import { createPrismaClient } from "@/lib/db/create-client";
import { createSystem } from "@/lib/systems/create-system";
import { benchControlLibrary, flag, report, signIn, startProductionServer, withBenchDatabase } from "./support";

const ROUNDS = flag("rounds", 8);
const PER_ROUND = flag("per-round", 8);
const WARMUP = flag("warmup", 1);
const ITEMS = flag("items", 0);
const PORT = flag("port", 3196);
const PASSWORD = "bench-password-123";

const load = () => os.loadavg().map((v) => v.toFixed(2)).join(" / ");

/** True once React has attached its props to the first row's toggle (the page is hydrated). */
function hydrated() {
  const toggle = document.querySelector('[data-testid="item-toggle"]');
  return Boolean(toggle && Object.keys(toggle).some((k) => k.startsWith("__reactProps")));
}

/**
 * Added to every page load (`addInitScript`): a capture-phase click listener on the document (it
 * survives React re-rendering the rows). A click that opens an item starts a clock that stops at
 * the first animation frame with that item's detail in the DOM, stored in `window.__openMs`.
 * A string, not a function: tsx (esbuild, keepNames) wraps inner functions in a `__name` helper
 * that does not exist in the page.
 */
const CLOCK_SCRIPT = `
window.__openMs = null;
document.addEventListener("click", (event) => {
  const toggle = event.target instanceof Element ? event.target.closest('[data-testid="item-toggle"]') : null;
  const code = toggle ? toggle.closest("li[data-testid^='item-']")?.getAttribute("data-testid") : null;
  if (!code || toggle.getAttribute("aria-expanded") === "true") return; // a close, not an open
  const t0 = performance.now();
  const check = () => {
    if (document.querySelector('[data-testid="' + code + '"] [data-testid="status-set-by"]')) window.__openMs = performance.now() - t0;
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}, { capture: true });
`;

/**
 * Opens the item with data-testid `item-<code>` and closes it again; returns the in-page and
 * runner figures (ms) for the opening.
 */
async function openOnce(page: Page, code: string): Promise<{ inPage: number; runner: number }> {
  await page.evaluate(() => {
    (window as unknown as { __openMs: number | null }).__openMs = null;
  });
  const item = page.getByTestId(`item-${code}`);
  const start = performance.now();
  await item.getByTestId("item-toggle").click();
  await item.getByTestId("status-set-by").waitFor({ state: "visible" });
  const runner = performance.now() - start;
  await page.waitForFunction(() => (window as unknown as { __openMs: number | null }).__openMs !== null);
  const inPage = await page.evaluate(() => (window as unknown as { __openMs: number }).__openMs);
  // Closed again, so every opening starts from the same page state.
  await item.getByTestId("item-toggle").click();
  await item.getByTestId("status-set-by").waitFor({ state: "detached" });
  return { inPage, runner };
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.error("No production build: run `npx next build` first.");
    process.exit(1);
  }
  console.log(`load average before: ${load()}`);
  await withBenchDatabase(async (url) => {
    const db = createPrismaClient(url, 2);
    await ensureShippedLibraries(db);
    if (ITEMS > 0) await db.$transaction((tx) => insertLibraryVersion(tx, benchControlLibrary(ITEMS), { makeCurrent: true }));
    const user = await db.user.create({ data: { email: "owner@bench.test", name: "Bench Owner", role: "PRODUCT_OWNER", passwordHash: await hashPassword(PASSWORD) } });
    const owner: Actor = { kind: "user", id: user.id, email: user.email, name: user.name, role: "PRODUCT_OWNER" };
    const { id: systemId } = await createSystem(
      { actor: owner, db },
      { name: "Checklist open benchmark", purpose: "A system whose checklist items are opened in the browser.", riskTier: "HIGH", dataSensitivity: "INTERNAL", autonomy: "ASSISTIVE", exposure: "INTERNAL" },
    );
    await db.$disconnect();

    const server = await startProductionServer(url, PORT);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const cookies = (await signIn(server.base, user.email, PASSWORD)).split("; ").map((pair) => {
        const [name, ...value] = pair.split("=");
        return { name: name!, value: value.join("="), url: server.base };
      });
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies(cookies);
      const page = await context.newPage();
      await page.addInitScript({ content: CLOCK_SCRIPT });
      const checklist = `${server.base}/systems/${systemId}/checklist`;
      await page.goto(checklist);
      const codes = await page.locator('li[data-testid^="item-"][id^="item-"]').evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")!.slice("item-".length)));
      if (!codes.length) throw new Error("the checklist page lists no items (signed in?)");
      // Spread over the list: early, middle and late rows, every pillar.
      const step = Math.max(1, Math.floor(codes.length / PER_ROUND));
      const chosen = codes.filter((_, i) => i % step === 0).slice(0, PER_ROUND);
      console.log(`checklist of ${codes.length} items; per round: ${chosen.join(", ")}`);

      const inPage: number[] = [];
      const runner: number[] = [];
      for (let round = 0; round < WARMUP + ROUNDS; round++) {
        await page.goto(checklist);
        await page.waitForFunction(hydrated);
        for (const code of chosen) {
          const t = await openOnce(page, code);
          if (round >= WARMUP) {
            inPage.push(t.inPage);
            runner.push(t.runner);
          }
        }
      }
      console.log(`\nClick → item content (${ROUNDS} rounds × ${chosen.length} items, production build, Chromium):`);
      report("in the page: click event → detail in the DOM", inPage);
      report("from the runner: click() → detail visible", runner);
      await context.close();
    } finally {
      await browser.close();
      server.stop();
    }
  });
  console.log(`load average after: ${load()}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
