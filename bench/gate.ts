/**
 * npm run bench:gate — deployment-gate throughput and latency with every call recorded.
 *
 * Seeds 10,000 systems and 20,000 approvals (two environments each, pinned digests), one gate
 * token, then runs autocannon (50 connections) against the production build (`npx next build`
 * first) asking the gate about random systems (mostly approved digests, some not), and the same
 * load against a baseline minimal Node http + pg server doing one indexed SELECT and one INSERT
 * (bench/gate-baseline.mjs), and Next.js's own floor (/api/health/live, a constant route on the
 * same server), in alternating rounds so all see the same machine load. Prints
 * req/s, p50, p99 per round, the medians, their ratios, the audit rows written (GateCheck rows
 * = answered calls, and the chain events sealing them) and the load average: the machine is
 * shared, so figures vary with what else runs.
 *
 * Prints figures only; nothing here is a pass/fail assertion.
 *   --systems N (10000)  --approvals N (20000)  --rounds N (3)  --seconds N (10)  --connections N (50)  --port P (3197)
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import { createPrismaClient } from "@/lib/db/create-client";
import { createApiToken } from "@/lib/tokens/create-token";
import { seedBenchApprovals } from "./gate-seed";
import { flag, startProductionServer, waitFor, withBenchDatabase } from "./support";

const SYSTEMS = flag("systems", 10_000);
const APPROVALS = flag("approvals", 20_000);
const ROUNDS = flag("rounds", 3);
const SECONDS = flag("seconds", 10);
const CONNECTIONS = flag("connections", 50);
const PORT = flag("port", 3197);
const AUTH_SECRET = randomBytes(32).toString("base64url");
process.env.AUTH_SECRET = AUTH_SECRET;

type Round = { reqPerSec: number; p50: number; p99: number; requests: number; non2xx: number; errors: number; load: number };

function load(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(" ");
}

async function fire(base: string, paths: string[], headers: Record<string, string>): Promise<Round> {
  let i = Math.floor(Math.random() * paths.length);
  const before = os.loadavg()[0]!;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
    requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  return { reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors, load: (before + os.loadavg()[0]!) / 2 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (r: Round) =>
  `${r.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(4)} ms  ${String(r.requests).padStart(6)} requests  non-2xx ${r.non2xx}  errors ${r.errors}  load ${r.load.toFixed(1)}`;

await withBenchDatabase(async (url) => {
  const db = createPrismaClient(url, 4);
  console.log(`machine: ${os.cpus().length} CPUs, load average ${load()} (shared with other work: figures vary with it)`);
  await db.$executeRawUnsafe(`INSERT INTO "User" ("id", "email", "name", "role", "updatedAt") VALUES ('bench-admin', 'admin@bench.test', 'Bench admin', 'ADMIN', now())`);
  await db.$executeRawUnsafe(`
    INSERT INTO "AiSystem" ("id", "slug", "name", "purpose", "ownerId", "riskTier", "dataSensitivity", "autonomy", "exposure", "lifecycle", "updatedAt")
    SELECT 'sys' || g, 'system-' || g, 'System ' || g, 'Bench system', 'bench-admin', 'MEDIUM', 'INTERNAL', 'ASSISTIVE', 'INTERNAL',
      (CASE WHEN g % 50 = 0 THEN 'PAUSED' ELSE 'DEPLOYED' END)::"LifecycleState", now()
    FROM generate_series(1, ${SYSTEMS}) g`);
  const approvals = await seedBenchApprovals(db, { systems: SYSTEMS, approvals: APPROVALS });
  await db.$executeRawUnsafe(`ANALYZE`);
  console.log(`seeded ${SYSTEMS} systems, ${approvals.seeded} approvals${approvals.note ? ` (${approvals.note})` : ""}`);

  const admin = { kind: "user" as const, id: "bench-admin", email: "admin@bench.test", name: "Bench admin", role: "ADMIN" as const };
  const token = await createApiToken({ actor: admin, db }, { name: "bench gate", scopes: ["gate:read"] });
  // A pipeline fleet shares one token here; lift its per-minute limit above what the run asks.
  await db.apiToken.update({ where: { id: token.id }, data: { rateLimitPerMinute: 100_000_000 } });

  // Paths: random systems in production, 9 of 10 with the approved digest, 1 of 10 another one.
  const paths = Array.from({ length: 5000 }, (_, k) => {
    const n = 1 + Math.floor(Math.random() * SYSTEMS);
    const digest = k % 10 === 9 ? "f".repeat(64) : approvals.digestOf(n);
    return `/api/v1/gate?system=system-${n}&environment=production&digest=sha256:${digest}`;
  });
  await db.$executeRawUnsafe(`CREATE TABLE bench_baseline_check (LIKE "GateCheck" INCLUDING DEFAULTS INCLUDING INDEXES)`);

  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("no production build (.next/BUILD_ID): run `npx next build` first");
    return;
  }
  const server = await startProductionServer(url, PORT, process.argv.includes("--cpu-prof") ? ["--cpu-prof", "--cpu-prof-dir=bench/profiles"] : [], { AUTH_SECRET });
  const baselinePort = PORT + 1;
  const baseline = spawn(process.execPath, ["bench/gate-baseline.mjs"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url, PORT: String(baselinePort), POOL: "10" } });
  try {
    await waitFor(`http://127.0.0.1:${baselinePort}/health`, 30_000);
    const auth = { authorization: `Bearer ${token.secret}` };
    // Warm both (JIT, connection pools, caches).
    await fire(server.base, paths.slice(0, 200), auth);
    await fire(`http://127.0.0.1:${baselinePort}`, paths.slice(0, 200), {});

    const gateRounds: Round[] = [];
    const baseRounds: Round[] = [];
    const liveRounds: Round[] = [];
    const rowsBefore = await db.gateCheck.count();
    for (let r = 1; r <= ROUNDS; r++) {
      const g = await fire(server.base, paths, auth);
      gateRounds.push(g);
      console.log(`round ${r} gate      ${fmt(g)}`);
      const b = await fire(`http://127.0.0.1:${baselinePort}`, paths, {});
      baseRounds.push(b);
      console.log(`round ${r} baseline  ${fmt(b)}`);
      const l = await fire(server.base, ["/api/health/live"], {});
      liveRounds.push(l);
      console.log(`round ${r} next-live ${fmt(l)}`);
    }
    // Wait (up to 60 s) until the fold has sealed every call, then count; report how long it took.
    const sealStart = performance.now();
    let unsealed = await db.gateCheck.count({ where: { batchId: null } });
    while (unsealed > 0 && performance.now() - sealStart < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      unsealed = await db.gateCheck.count({ where: { batchId: null } });
    }
    const sealSeconds = (performance.now() - sealStart) / 1000;
    const answered = gateRounds.reduce((n, g) => n + g.requests - g.non2xx, 0);
    const rows = (await db.gateCheck.count()) - rowsBefore;
    const events = await db.auditEvent.count({ where: { action: "gate.checks_recorded" } });
    const allows = await db.gateCheck.count({ where: { allow: true } });
    const gm = { rps: median(gateRounds.map((g) => g.reqPerSec)), p50: median(gateRounds.map((g) => g.p50)), p99: median(gateRounds.map((g) => g.p99)) };
    const bm = { rps: median(baseRounds.map((g) => g.reqPerSec)), p50: median(baseRounds.map((g) => g.p50)), p99: median(baseRounds.map((g) => g.p99)) };
    console.log("");
    console.log(`gate     median ${gm.rps.toFixed(0)} req/s, p50 ${gm.p50} ms, p99 ${gm.p99} ms   (target ≥ 1500 req/s, p99 < 25 ms)`);
    console.log(`baseline median ${bm.rps.toFixed(0)} req/s, p50 ${bm.p50} ms, p99 ${bm.p99} ms`);
    const lm = { rps: median(liveRounds.map((g) => g.reqPerSec)), p50: median(liveRounds.map((g) => g.p50)), p99: median(liveRounds.map((g) => g.p99)) };
    console.log(`next.js floor (/api/health/live, a constant route on the same server) median ${lm.rps.toFixed(0)} req/s, p50 ${lm.p50} ms, p99 ${lm.p99} ms`);
    console.log(`ratio gate/baseline: throughput ${(gm.rps / bm.rps).toFixed(2)}, p99 ${(gm.p99 / Math.max(bm.p99, 1)).toFixed(2)}x; gate/next.js floor: throughput ${(gm.rps / lm.rps).toFixed(2)}`);
    console.log(
      `audit: ${rows} GateCheck rows written during the rounds (autocannon counted ${answered} answers inside its windows; calls still in flight when a window closed are answered and recorded too), ${allows} allows in all; ${events} gate.checks_recorded chain events sealing them; ${unsealed} rows unsealed ${sealSeconds.toFixed(1)} s after the load (waited until none or 60 s)`,
    );
    console.log(`load average at the end: ${load()}`);
  } finally {
    baseline.kill("SIGTERM");
    server.stop();
    await db.$disconnect();
  }
});
