/**
 * `npm run worker`: a job worker process without the web server, for deployments that run
 * the web instances with `JOB_WORKERS=0` (README, "Background jobs"). Reads the same
 * configuration (DATABASE_URL is required; migrations are applied by the web start-up).
 * Stops on SIGINT/SIGTERM after running jobs finish (at most 30 s).
 *
 *   tsx --conditions=react-server scripts/worker.ts
 */
import fs from "node:fs";
import path from "node:path";
import { scriptConfigOrExit } from "../lib/config";
import { createPrismaClient } from "../lib/db/create-client";
import { JOBS } from "../lib/jobs/registry";
import { startJobRunner } from "../lib/jobs/runner";

async function main() {
  const envFile = path.resolve(import.meta.dirname, "..", ".env");
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  // DATABASE_URL is required: a worker joins an existing instance's database.
  const cfg = scriptConfigOrExit();
  const db = createPrismaClient(cfg.DATABASE_URL, 4);
  const runner = await startJobRunner({ connectionString: cfg.DATABASE_URL, db, jobs: JOBS, workers: true });
  process.stdout.write(`[aigov] job worker running: ${JOBS.map((j) => j.name).join(", ")}\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`[aigov] ${signal} received, stopping the worker...\n`);
    await runner.stop(30_000).catch((error) => process.stderr.write(`[aigov] ${String(error)}\n`));
    await db.$disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  process.stderr.write(`[aigov] worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
