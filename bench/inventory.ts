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
import { hashPassword } from "@/lib/auth/password";
import { listSystems } from "@/lib/systems/queries";
import type { Actor } from "@/lib/authz/actor";
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
  const passwordHash = await hashPassword(PASSWORD);
  await db.user.create({ data: { id: "bench-admin", email: "admin@bench.test", name: "Bench Admin", role: "ADMIN", passwordHash } });
  await db.user.create({ data: { id: "bench-auditor", email: "auditor@bench.test", name: "Bench Auditor", role: "AUDITOR", passwordHash } });
  await db.$executeRawUnsafe(`
    INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt")
    SELECT 'po-' || g, 'po' || g || '@bench.test', 'Owner ' || g, 'PRODUCT_OWNER', '${passwordHash}', now()
    FROM generate_series(1, 50) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "AiSystem" (id, slug, name, purpose, "ownerId", "riskTier", "dataSensitivity", autonomy, exposure, lifecycle, "nextReviewDue", "updatedAt")
    SELECT 'sys-' || g, 'system-' || g, 'System ' || lpad(g::text, 5, '0') || ' ' || (ARRAY['assistant','scorer','agent','copilot','classifier'])[1 + g % 5],
      'Benchmark system ' || g || ' that answers questions about topic ' || (g % 97),
      'po-' || (1 + g % 50),
      (ARRAY['LOW','MEDIUM','HIGH','CRITICAL'])[1 + g % 4]::"RiskTier",
      (ARRAY['PUBLIC','INTERNAL','CONFIDENTIAL','RESTRICTED'])[1 + g % 4]::"Sensitivity",
      (ARRAY['NONE','ASSISTIVE','AGENTIC'])[1 + g % 3]::"Autonomy",
      (ARRAY['INTERNAL','INTERNET_FACING'])[1 + g % 2]::"Exposure",
      (ARRAY['DRAFT','IN_REVIEW','APPROVED','DEPLOYED','PAUSED','RETIRING','RETIRED'])[1 + g % 7]::"LifecycleState",
      CASE WHEN g % 5 = 0 THEN NULL ELSE date '2027-01-01' + (g % 365) END,
      now() - (g || ' minutes')::interval
    FROM generate_series(1, ${SYSTEMS}) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "SystemContributor" ("systemId", "userId")
    SELECT 'sys-' || g, 'po-' || (1 + (g + 7) % 50) FROM generate_series(1, ${SYSTEMS}) g WHERE g % 3 = 0`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Asset" (id, "systemId", kind, name, version, supplier, sha256, permissions, capabilities, "updatedAt")
    SELECT 'a-' || s || '-' || k, 'sys-' || s,
      (ARRAY['MODEL','DATASET','PROMPT','TOOL_CONNECTOR','VECTOR_STORE','VENDOR_API','AGENT_IDENTITY','CREDENTIAL','ENVIRONMENT','LIBRARY','ADAPTER','EVAL_SUITE'])[1 + k % 12]::"AssetKind",
      'asset-' || k, '1.' || k, 'Supplier ' || (k % 7), encode(sha256(('a' || s || '-' || k)::bytea), 'hex'), ARRAY[]::text[], ARRAY[]::"AgentCapability"[], now()
    FROM generate_series(1, ${SYSTEMS}) s, generate_series(1, ${ASSETS_PER_SYSTEM}) k`);
  await db.$executeRawUnsafe(`ANALYZE`);
  const counts = { systems: await db.aiSystem.count(), assets: await db.asset.count() };
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
