/**
 * What every benchmark shares: command-line flags, a throw-away database, timing and
 * percentiles, and a production server signed in through Auth.js's own endpoints.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { loadLibrary } from "@/lib/controls/load-library";
import type { TControlLibrary } from "@/lib/controls/library-schema";
import { migrateDeploy } from "@/lib/db/migrate";
import { acquireServer, adminQuery, databaseUrl } from "@/test/pg-server";

export function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export function hasFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** Creates a migrated database for the run, hands its URL to `body`, and drops it after. */
export async function withBenchDatabase(body: (url: string) => Promise<void>, opts: { keep?: boolean } = {}) {
  const server = await acquireServer();
  const name = `aigov_bench_${randomBytes(4).toString("hex")}`;
  await adminQuery(server.adminUrl, `CREATE DATABASE "${name}"`);
  const url = databaseUrl(server.adminUrl, name);
  try {
    migrateDeploy(url, { quiet: true });
    await body(url);
  } finally {
    if (opts.keep) {
      console.log(`kept database ${url}`);
    } else {
      await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await server.stop();
    }
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function report(label: string, samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(1).padStart(6)} ms`;
  console.log(
    `${label.padEnd(52)} n=${String(sorted.length).padStart(4)}  p50=${ms(percentile(sorted, 50))}  p95=${ms(percentile(sorted, 95))}  max=${ms(sorted[sorted.length - 1]!)}`,
  );
}

/** Runs `fn` `warmup` times unmeasured, then `n` times, returning each duration in ms. */
export async function time(fn: () => Promise<unknown>, n: number, warmup = 5): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

/** Starts the production build (`next build` first) on a database; `stop()` ends it. */
export async function startProductionServer(url: string, port: number, nodeArgs: string[] = [], env: Record<string, string> = {}): Promise<{ base: string; child: ChildProcess; stop: () => void }> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", process.env.BENCH_SERVER_LOG ? "inherit" : "ignore"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, AUTH_SECRET: randomBytes(32).toString("base64url"), AUTH_URL: base, ...env },
  });
  await waitFor(`${base}/api/health`, 60_000);
  return { base, child, stop: () => child.kill("SIGTERM") };
}

/** Signs in through Auth.js's own endpoints and returns the cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!, value.join("="));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
  });
  keep(res);
  if (!header().includes("session-token")) throw new Error(`sign-in failed for ${email} (${res.status})`);
  return header();
}

/** A GET that must answer 200; the body is read to the end (time to last byte). */
export function getter(base: string, cookie: string) {
  return (path: string) => async () => {
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    await res.arrayBuffer();
  };
}

/**
 * The shipped control library plus extra controls (copies under each pillar's first
 * principle, applying to every system) until it holds `target` controls, as version 99.0.0.
 */
export function benchControlLibrary(target: number): TControlLibrary {
  const doc = JSON.parse(JSON.stringify(loadLibrary())) as TControlLibrary;
  doc.version = "99.0.0";
  let count = doc.pillars.flatMap((p) => p.principles.flatMap((pr) => pr.controls)).length;
  let n = 50;
  while (count < target) {
    for (const pillar of doc.pillars) {
      if (count >= target) break;
      const principle = pillar.principles[0]!;
      principle.controls.push({ ...principle.controls[0]!, id: `${principle.id}.${n}`, title: `Benchmark control ${n}`, applicability: { always: true } });
      count++;
    }
    n++;
  }
  return doc;
}
