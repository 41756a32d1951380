/**
 * How many SQL statements one request costs (issue 8): seeds the bench inventory, starts the
 * production server, signs in as an auditor and, for each target, sends N requests one at a
 * time and reads PostgreSQL's own counters for the bench database (pg_stat_database:
 * xact_commit, tup_returned, tup_fetched) before and after. Every statement outside an explicit
 * transaction is one commit, so commits per request ≈ statements per request (a transaction of
 * several statements counts once; the figure is then a floor).
 *
 *   npm run bench:queries [-- --systems 10000 --requests 50 --port 3196 --trace]
 *
 * --trace sets log_statement = 'all' on the bench database, so PostgreSQL's log names each
 * statement (with its backend's process id). --verbose prints how long the counters took to
 * settle around each target (read until two consecutive reads agree, at most 15 s).
 *
 * Prints one row per target: commits, rows returned and rows fetched per request. The server's
 * background job workers are off (JOB_WORKERS=0) so only requests are counted. Figures are
 * printed, never asserted.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/create-client";
import { ensureShippedLibraries } from "@/lib/controls/store";
import { createChecklistTx } from "@/lib/checklists/create-checklist";
import { seedInventory } from "./seed-inventory";
import { readUntilSettled } from "./settle";
import { flag, hasFlag, signIn, startProductionServer, withBenchDatabase } from "./support";

const SYSTEMS = flag("systems", 10_000);
const REQUESTS = flag("requests", 50);
const PORT = flag("port", 3196);
const PASSWORD = "bench-password-123";
/** --trace: log every statement of the server's connections (PostgreSQL's own log) to read which they are. */
const TRACE = hasFlag("trace");

type Counters = { commits: number; returned: number; fetched: number };

/** How often `settledCounters` reads, and how long it waits at most for the figures to settle. */
// Longer than PostgreSQL 15's minimum interval between a backend's statistics flushes (1 s,
// PGSTAT_MIN_INTERVAL): two reads that agree across it cannot both precede a pending flush.
const SETTLE_POLL_MS = 1_100;
const SETTLE_CAP_MS = 15_000;

/**
 * The bench database's counters, read from a connection to another database (`postgres`): the
 * reads are then not commits of the database being measured, so nothing needs subtracting.
 */
async function counters(client: pg.Client, database: string): Promise<Counters> {
  // The statistics view of this transaction is a snapshot: clear it first.
  await client.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await client.query<{ c: string; r: string; f: string }>(
    "SELECT xact_commit AS c, tup_returned AS r, tup_fetched AS f FROM pg_stat_database WHERE datname = $1",
    [database],
  );
  return { commits: Number(rows[0]!.c), returned: Number(rows[0]!.r), fetched: Number(rows[0]!.f) };
}

const same = (a: Counters, b: Counters) => a.commits === b.commits && a.returned === b.returned && a.fetched === b.fetched;

/** The counters once two consecutive reads agree (`readUntilSettled`), at most SETTLE_CAP_MS. */
async function settledCounters(client: pg.Client, database: string) {
  const { value, waitedMs, capped } = await readUntilSettled(() => counters(client, database), same, { pollMs: SETTLE_POLL_MS, capMs: SETTLE_CAP_MS });
  return { counters: value, waitedMs, capped };
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("no production build: running next build …");
    execFileSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });
  }
  await withBenchDatabase(async (url) => {
    const db = createPrismaClient(url, 4);
    await seedInventory(db, { systems: SYSTEMS, assetsPerSystem: 10, password: PASSWORD });
    await ensureShippedLibraries(db);
    await db.$transaction((tx) => createChecklistTx(tx, { id: "bench-admin", email: "admin@bench.test" }, "sys-1"), { timeout: 60_000 });
    await db.$executeRawUnsafe("ANALYZE");
    if (TRACE) await db.$executeRawUnsafe(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" SET log_statement = 'all'`);
    await db.$disconnect();

    const server = await startProductionServer(url, PORT, [], { JOB_WORKERS: "0" });
    // Reads pg_stat_database from the maintenance database, so its own queries are not counted.
    const benchDatabase = decodeURIComponent(new URL(url).pathname.slice(1));
    const statsUrl = new URL(url);
    statsUrl.pathname = "/postgres";
    const stats = new pg.Client({ connectionString: statsUrl.toString() });
    await stats.connect();
    try {
      const cookie = await signIn(server.base, "auditor@bench.test", PASSWORD);
      const targets = ["/api/health/live", "/api/systems", "/about", "/systems", "/systems/sys-1", "/systems/sys-1/checklist", "/"];
      console.log(`${REQUESTS} requests each, one at a time, signed in as an auditor, ${SYSTEMS.toLocaleString("en")} systems`);
      console.log("| request | commits / request | rows returned / request | rows fetched / request |");
      console.log("|---|--:|--:|--:|");
      for (const path of targets) {
        for (let i = 0; i < 5; i++) await (await fetch(`${server.base}${path}`, { headers: { cookie } })).arrayBuffer();
        // The counters are flushed by backends at the end of a transaction and read through the
        // stats system, which may lag: wait for the warm-up's figures to settle.
        const before = await settledCounters(stats, benchDatabase);
        for (let i = 0; i < REQUESTS; i++) {
          const res = await fetch(`${server.base}${path}`, { headers: { cookie } });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`${path} answered ${res.status}`);
        }
        const after = await settledCounters(stats, benchDatabase);
        const per = (k: keyof Counters) => ((after.counters[k] - before.counters[k]) / REQUESTS).toFixed(1);
        const unsettled = before.capped || after.capped ? ` (not settled after ${SETTLE_CAP_MS / 1000} s: a floor)` : "";
        console.log(`| GET ${path} | ${per("commits")}${unsettled} | ${per("returned")} | ${per("fetched")} |`);
        if (hasFlag("verbose")) console.log(`  settled in ${before.waitedMs} ms before, ${after.waitedMs} ms after`);
      }
    } finally {
      await stats.end();
      server.stop();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
