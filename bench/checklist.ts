/**
 * Checklist benchmark: one system whose checklist has 110 items (the shipped library plus
 * extra controls, published as a benchmark version) and 500 evidence items linked across
 * them. Prints p50/p95 of the checklist view (in process) and of the checklist page served
 * by the production build, signed in as the owner.
 *
 *   npm run bench:checklist [-- --iterations 100]
 *
 * Uses TEST_DATABASE_URL (admin URL of a local server) or an embedded PostgreSQL; needs a
 * production build (`npx next build`) for the page part (skip with --no-page).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { createPrismaClient } from "@/lib/db/create-client";
import { migrateDeploy } from "@/lib/db/migrate";
import { hashPassword } from "@/lib/auth/password";
import { loadLibrary } from "@/lib/controls/load-library";
import { ensureShippedLibraries, insertLibraryVersion } from "@/lib/controls/store";
import type { TControlLibrary } from "@/lib/controls/library-schema";
import { createSystem } from "@/lib/systems/create-system";
import { getChecklistView } from "@/lib/checklists/queries";
import type { Actor } from "@/lib/authz/actor";
import { acquireServer, adminQuery, databaseUrl } from "@/test/pg-server";

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ITERATIONS = flag("iterations", 100);
const PORT = flag("port", 3198);
const PAGE = !process.argv.includes("--no-page");
const PASSWORD = "bench-password-123";
const TARGET_ITEMS = 110;
const EVIDENCE = 500;

function report(label: string, samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const pct = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
  console.log(`${label.padEnd(48)} n=${String(s.length).padStart(4)}  p50=${pct(50).toFixed(1).padStart(6)} ms  p95=${pct(95).toFixed(1).padStart(6)} ms  max=${s[s.length - 1]!.toFixed(1).padStart(6)} ms`);
}

async function time(fn: () => Promise<unknown>, n: number) {
  for (let i = 0; i < 5; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** The shipped library plus enough extra controls (copies under existing principles) to reach 110. */
function benchLibrary(): TControlLibrary {
  const doc = JSON.parse(JSON.stringify(loadLibrary())) as TControlLibrary;
  doc.version = "99.0.0";
  let count = doc.pillars.flatMap((p) => p.principles.flatMap((pr) => pr.controls)).length;
  let n = 50;
  while (count < TARGET_ITEMS) {
    for (const pillar of doc.pillars) {
      if (count >= TARGET_ITEMS) break;
      const principle = pillar.principles[0]!;
      principle.controls.push({ ...principle.controls[0]!, id: `${principle.id}.${n}`, title: `Benchmark control ${n}`, applicability: { always: true } });
      count++;
    }
    n++;
  }
  return doc;
}

async function main() {
  const server = await acquireServer();
  const name = `aigov_bench_${randomBytes(4).toString("hex")}`;
  await adminQuery(server.adminUrl, `CREATE DATABASE "${name}"`);
  const url = databaseUrl(server.adminUrl, name);
  try {
    migrateDeploy(url, { quiet: true });
    const db = createPrismaClient(url, 4);
    await ensureShippedLibraries(db);
    await db.$transaction((tx) => insertLibraryVersion(tx, benchLibrary(), { makeCurrent: true }));
    const user = await db.user.create({ data: { email: "owner@bench.test", name: "Bench Owner", role: "PRODUCT_OWNER", passwordHash: await hashPassword(PASSWORD) } });
    const owner: Actor = { id: user.id, email: user.email, name: user.name, role: "PRODUCT_OWNER" };
    const { id: systemId } = await createSystem(
      { actor: owner, db },
      { name: "Benchmark agent", purpose: "A system with a full checklist and lots of evidence.", riskTier: "CRITICAL", dataSensitivity: "RESTRICTED", autonomy: "AGENTIC", exposure: "INTERNET_FACING" },
    );
    const items = await db.checklistItem.findMany({ where: { checklist: { systemId } }, select: { id: true } });
    await db.$executeRawUnsafe(`
      INSERT INTO "Evidence" (id, "systemId", kind, title, "noteBody", "effectiveDate", "expiresAt", "uploadedById")
      SELECT 'ev-' || g, '${systemId}', 'NOTE', 'Evidence note ' || g, 'Body ' || g, date '2026-01-01', CASE WHEN g % 10 = 0 THEN date '2026-06-01' ELSE NULL END, '${user.id}'
      FROM generate_series(1, ${EVIDENCE}) g`);
    const links = Array.from({ length: EVIDENCE }, (_, g) => ({ itemId: items[g % items.length]!.id, evidenceId: `ev-${g + 1}`, linkedById: user.id }));
    await db.checklistItemEvidence.createMany({ data: links });
    await db.$executeRawUnsafe("ANALYZE");
    console.log(`checklist items: ${items.length}, evidence: ${await db.evidence.count()}, links: ${await db.checklistItemEvidence.count()}`);

    console.log("\nIn process:");
    report("getChecklistView (all items, progress)", await time(() => getChecklistView({ actor: owner, db }, systemId), ITERATIONS));
    report("getChecklistView (filter pillar=DEP)", await time(() => getChecklistView({ actor: owner, db }, systemId, { pillar: "DEP" }), ITERATIONS));
    await db.$disconnect();

    if (PAGE && fs.existsSync(".next/BUILD_ID")) {
      const base = `http://127.0.0.1:${PORT}`;
      const child = spawn("node_modules/.bin/next", ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
        stdio: ["ignore", "ignore", process.env.BENCH_SERVER_LOG ? "inherit" : "ignore"],
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, AUTH_SECRET: randomBytes(32).toString("base64url"), AUTH_URL: base },
      });
      try {
        for (let i = 0; i < 240; i++) {
          try {
            if ((await fetch(`${base}/api/health`)).ok) break;
          } catch {
            /* starting */
          }
          await new Promise((r) => setTimeout(r, 250));
        }
        const jar: string[] = [];
        const csrf = await fetch(`${base}/api/auth/csrf`);
        jar.push(...csrf.headers.getSetCookie().map((c) => c.split(";")[0]!));
        const { csrfToken } = (await csrf.json()) as { csrfToken: string };
        const res = await fetch(`${base}/api/auth/callback/credentials`, {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
          body: new URLSearchParams({ csrfToken, email: "owner@bench.test", password: PASSWORD }),
        });
        jar.push(...res.headers.getSetCookie().map((c) => c.split(";")[0]!));
        const cookie = jar.join("; ");
        const get = (path: string) => async () => {
          const r = await fetch(`${base}${path}`, { headers: { cookie } });
          if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
          await r.arrayBuffer();
        };
        console.log("\nPage over loopback (production build, time to last byte):");
        report(`GET /systems/:id/checklist (${items.length} items)`, await time(get(`/systems/${systemId}/checklist`), Math.max(50, ITERATIONS / 2)));
        report("GET …/checklist?item=… (one item open, 500 evidence to attach)", await time(get(`/systems/${systemId}/checklist?item=${items[0]!.id}`), Math.max(50, ITERATIONS / 2)));
        report("GET /systems/:id/evidence (500 items, first page)", await time(get(`/systems/${systemId}/evidence`), Math.max(50, ITERATIONS / 2)));
      } finally {
        child.kill("SIGTERM");
      }
    } else if (PAGE) {
      console.log("\n(no production build: run `npx next build` to measure the page)");
    }
  } finally {
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
