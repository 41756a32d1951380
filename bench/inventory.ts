/**
 * Inventory benchmark: seeds 10,000 systems and 100,000 assets into a fresh database, then
 * prints p50/p95 of (1) the list query (service call, in process) and (2) the /systems page
 * served by a production build over loopback, signed in.
 *
 *   npm run bench:inventory [-- --systems 10000 --assets-per-system 10 --iterations 200]
 *
 * Uses TEST_DATABASE_URL (an admin URL to a local server) or an embedded PostgreSQL.
 * Needs a production build (`npx next build`) for the page part; skips it with --no-page.
 * --keep leaves the database in place (for EXPLAIN ANALYZE).
 */
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { createPrismaClient } from "@/lib/db/create-client";
import { listSystems } from "@/lib/systems/queries";
import type { Actor } from "@/lib/authz/actor";
import { seedInventory } from "./seed-inventory";
import { flag, getter, hasFlag, report, signIn, startProductionServer, time, withBenchDatabase } from "./support";

const SYSTEMS = flag("systems", 10_000);
const ASSETS_PER_SYSTEM = flag("assets-per-system", 10);
const ITERATIONS = flag("iterations", 200);
const PAGE = !hasFlag("no-page");
const KEEP = hasFlag("keep");
const PORT = flag("port", 3199);
const PASSWORD = "bench-password-123";

async function seed(url: string) {
  const started = performance.now();
  const db = createPrismaClient(url, 4);
  const counts = await seedInventory(db, { systems: SYSTEMS, assetsPerSystem: ASSETS_PER_SYSTEM, password: PASSWORD });
  console.log(`seeded ${counts.systems.toLocaleString("en")} systems and ${counts.assets.toLocaleString("en")} assets in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return db;
}

async function benchQueries(db: ReturnType<typeof createPrismaClient>) {
  const auditor: Actor = { kind: "user", id: "bench-auditor", email: "auditor@bench.test", name: "Bench Auditor", role: "AUDITOR" };
  const owner: Actor = { kind: "user", id: "po-7", email: "po7@bench.test", name: "Owner 7", role: "PRODUCT_OWNER" };
  const ctx = { actor: auditor, db };
  const second = await listSystems(ctx, {});
  const deep = await listSystems(ctx, { sort: "updated", dir: "desc", limit: 100 });
  const cases: [string, () => Promise<unknown>][] = [
    ["list: default (name asc, first page)", () => listSystems(ctx, {})],
    ["list: next page via cursor", () => listSystems(ctx, { cursor: second.nextCursor! })],
    ["list: sort updated desc, after 100 rows", () => listSystems(ctx, { sort: "updated", dir: "desc", cursor: deep.nextCursor! })],
    ["list: filter tier=HIGH + autonomy=AGENTIC", () => listSystems(ctx, { tier: "HIGH", autonomy: "AGENTIC" })],
    ["list: search 'topic 42'", () => listSystems(ctx, { q: "topic 42" })],
    ["list: sort by next review", () => listSystems(ctx, { sort: "review" })],
    ["list: product owner scope (own + contributed)", () => listSystems({ actor: owner, db }, {})],
  ];
  console.log("\nList query (service call incl. permission check, Zod parse, count):");
  for (const [label, fn] of cases) report(label, await time(fn, ITERATIONS, 10));
}

async function benchPages(url: string) {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("\n(no production build: run `npx next build` to measure the page)");
    return;
  }
  const server = await startProductionServer(url, PORT);
  try {
    const auditor = getter(server.base, await signIn(server.base, "auditor@bench.test", PASSWORD));
    const owner = getter(server.base, await signIn(server.base, "po7@bench.test", PASSWORD));
    const n = Math.max(50, Math.floor(ITERATIONS / 2));
    console.log("\nPage, full server render over loopback (time to last byte):");
    report("GET /systems (auditor, 10k visible)", await time(auditor("/systems"), n));
    report("GET /systems?tier=CRITICAL&sort=updated&dir=desc", await time(auditor("/systems?tier=CRITICAL&sort=updated&dir=desc"), n));
    report("GET /systems?q=assistant", await time(auditor("/systems?q=assistant"), n));
    report("GET /systems (product owner scope)", await time(owner("/systems"), n));
    report("GET /api/systems (JSON, auditor)", await time(auditor("/api/systems"), n));
  } finally {
    server.stop();
  }
}

async function main() {
  await withBenchDatabase(
    async (url) => {
      const db = await seed(url);
      await benchQueries(db);
      await db.$disconnect();
      if (PAGE) await benchPages(url);
      console.log(`\nbench process RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB; node ${process.version}; ${os.cpus().length} cores`);
    },
    { keep: KEEP },
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
