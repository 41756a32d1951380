/**
 * Throughput benchmark (issue 8): concurrent load against the production server, side by side
 * with two floors measured in the same run, in alternating rounds so a busy machine weighs on
 * every target alike:
 *
 *   - the bare floor: a plain Node `http` + `pg` server doing the list's indexed SELECT
 *     (bench/floor-server.mjs) — what one request costs at the least on this machine;
 *   - the framework floor: `/api/health/live` in this app (a Next.js route handler returning a
 *     constant) — what Next.js itself costs per request;
 *   - the framed page floor (a target, not a ratio): `/about`, a nearly constant page inside the
 *     app frame — what rendering any page costs before its own queries and markup.
 *
 * Targets, signed in as an auditor (sees every system): `GET /api/systems` (25 rows),
 * `GET /api/systems?limit=50`, the systems page, a system's overview page and its checklist
 * page. Load from autocannon at 10 and 50 connections.
 *
 *   npm run bench:throughput [-- --systems 10000 --assets-per-system 10 --duration 8 --rounds 2
 *                                --connections 10,50 --port 3198 --keep
 *                                --only <label substring> --cpu-prof]
 *
 * --only keeps the targets whose label contains the text (floors always run); --cpu-prof
 * writes the server's V8 CPU profile to bench/profiles/ (open in Chrome DevTools).
 *
 * Prints req/s, p50 and p99 per target and connection count (the median over rounds), the
 * ratio to both floors, the load average before and after, and the seeding time. Needs a
 * production build (runs `next build` when there is none). Uses TEST_DATABASE_URL (an admin
 * URL to a local server) or an embedded PostgreSQL. Figures are printed, never asserted.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { createPrismaClient } from "@/lib/db/create-client";
import { ensureShippedLibraries } from "@/lib/controls/store";
import { createChecklistTx } from "@/lib/checklists/create-checklist";
import { seedInventory } from "./seed-inventory";
import { flag, hasFlag, signIn, startProductionServer, withBenchDatabase } from "./support";

const SYSTEMS = flag("systems", 10_000);
const ASSETS_PER_SYSTEM = flag("assets-per-system", 10);
const DURATION = flag("duration", 8);
const ROUNDS = flag("rounds", 2);
const PORT = flag("port", 3198);
const FLOOR_PORT = PORT + 1;
const KEEP = hasFlag("keep");
const CONNECTIONS = (process.argv.includes("--connections") ? process.argv[process.argv.indexOf("--connections") + 1]! : "10,50").split(",").map(Number);
const ONLY = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1]! : null;
const CPU_PROF = hasFlag("cpu-prof");
const PASSWORD = "bench-password-123";

type Target = { label: string; url: string; headers?: Record<string, string>; floor?: "bare" | "next" };
type Figures = { rps: number; p50: number; p99: number; errors: number; non2xx: number };

function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(" ");
}

async function startFloor(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["bench/floor-server.mjs", String(FLOOR_PORT), url], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`floor server exited with ${code}`)));
  });
  return child;
}

async function load(target: Target, connections: number): Promise<Figures> {
  const result = await autocannon({ url: target.url, connections, duration: DURATION, headers: target.headers, pipelining: 1 });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("no production build: running next build …");
    execFileSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });
  }
  await withBenchDatabase(
    async (url) => {
      const started = performance.now();
      const db = createPrismaClient(url, 4);
      const counts = await seedInventory(db, { systems: SYSTEMS, assetsPerSystem: ASSETS_PER_SYSTEM, password: PASSWORD });
      await ensureShippedLibraries(db);
      await db.$transaction((tx) => createChecklistTx(tx, { id: "bench-admin", email: "admin@bench.test" }, "sys-1"), { timeout: 60_000 });
      await db.$executeRawUnsafe("ANALYZE");
      await db.$disconnect();
      const seedSeconds = (performance.now() - started) / 1000;
      console.log(`seeded ${counts.systems.toLocaleString("en")} systems, ${counts.assets.toLocaleString("en")} assets (+ one checklist) in ${seedSeconds.toFixed(1)} s`);

      if (CPU_PROF) fs.mkdirSync("bench/profiles", { recursive: true });
      const server = await startProductionServer(url, PORT, CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.cwd()}/bench/profiles`] : []);
      const floor = await startFloor(url);
      try {
        const cookie = await signIn(server.base, "auditor@bench.test", PASSWORD);
        const signedIn = { cookie };
        const allTargets: Target[] = [
          { label: "floor: node http + pg (same SELECT)", url: `http://127.0.0.1:${FLOOR_PORT}/`, floor: "bare" },
          { label: "floor: Next.js constant route", url: `${server.base}/api/health/live`, floor: "next" },
          { label: "GET /api/systems (25 rows)", url: `${server.base}/api/systems`, headers: signedIn },
          { label: "GET /api/systems?limit=50", url: `${server.base}/api/systems?limit=50`, headers: signedIn },
          // The framed page floor: the About page is nearly constant (no query beyond the session
          // and the frame's unread badge), so it shows what a page inside the app frame costs
          // before any page's own work.
          { label: "GET /about (framed page floor)", url: `${server.base}/about`, headers: signedIn },
          { label: "GET /systems (page)", url: `${server.base}/systems`, headers: signedIn },
          { label: "GET /systems/sys-1 (overview page)", url: `${server.base}/systems/sys-1`, headers: signedIn },
          { label: "GET /systems/sys-1/checklist (page)", url: `${server.base}/systems/sys-1/checklist`, headers: signedIn },
        ];
        const targets = allTargets.filter((t) => t.floor || !ONLY || t.label.includes(ONLY));
        // Warm-up: compile every route and fill caches before anything is measured.
        for (const t of targets) await autocannon({ url: t.url, connections: 2, amount: 40, headers: t.headers });

        console.log(`\nload average before: ${loadAverage()}  (${os.cpus().length} cores, node ${process.version})`);
        const runs = new Map<string, Figures[]>();
        for (let round = 1; round <= ROUNDS; round++) {
          for (const connections of CONNECTIONS) {
            for (const t of targets) {
              const figures = await load(t, connections);
              const key = `${connections}|${t.label}`;
              runs.set(key, [...(runs.get(key) ?? []), figures]);
              process.stdout.write(`  round ${round}, ${String(connections).padStart(2)} conn: ${t.label.padEnd(40)} ${figures.rps.toFixed(0).padStart(6)} req/s\n`);
            }
          }
        }
        console.log(`load average after: ${loadAverage()}\n`);

        for (const connections of CONNECTIONS) {
          const of = (label: string) => {
            const list = runs.get(`${connections}|${label}`)!;
            return { rps: median(list.map((f) => f.rps)), p50: median(list.map((f) => f.p50)), p99: median(list.map((f) => f.p99)), bad: list.reduce((n, f) => n + f.errors + f.non2xx, 0) };
          };
          const bare = of(targets.find((t) => t.floor === "bare")!.label);
          const next = of(targets.find((t) => t.floor === "next")!.label);
          console.log(`${connections} connections, ${DURATION} s × ${ROUNDS} rounds (medians)`);
          console.log(`| ${"request".padEnd(40)} | req/s | p50 ms | p99 ms | vs bare | vs Next | errors |`);
          console.log(`|${"-".repeat(42)}|------:|-------:|-------:|--------:|--------:|-------:|`);
          for (const t of targets) {
            const f = of(t.label);
            const pct = (floorRps: number) => `${((100 * f.rps) / floorRps).toFixed(0)}%`.padStart(7);
            console.log(`| ${t.label.padEnd(40)} | ${f.rps.toFixed(0).padStart(5)} | ${String(f.p50).padStart(6)} | ${String(f.p99).padStart(6)} | ${pct(bare.rps)} | ${pct(next.rps)} | ${String(f.bad).padStart(6)} |`);
          }
          console.log("");
        }
        console.log(`targets (issue 8): list API at 10 connections ≥ 400 req/s (≥ 35% of the bare floor) with p99 < 50 ms; pages ≥ 150 req/s.`);
      } finally {
        floor.kill("SIGTERM");
        server.stop();
        if (CPU_PROF) await new Promise((resolve) => server.child.once("exit", resolve));
      }
    },
    { keep: KEEP },
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
