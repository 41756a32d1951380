import "server-only";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { JOBS } from "./registry";
import { startJobRunner, type JobRunner } from "./runner";

const state = globalThis as unknown as { aigovJobRunner?: Promise<JobRunner | null> };

/**
 * Starts the job runner inside the web server process (called once from instrumentation.ts):
 * with workers unless `JOB_WORKERS=0`, in which case it only prepares the queues so this
 * instance can enqueue. Does nothing without DATABASE_URL. A failure is logged, not thrown:
 * the web server keeps serving, and jobs wait in the database for a working runner.
 *
 * Next exits on SIGTERM without waiting for us: a job interrupted that way is retried by
 * another runner once its `expireInSeconds` has passed.
 */
export function startJobsInProcess(): Promise<JobRunner | null> {
  state.aigovJobRunner ??= (async () => {
    const cfg = getConfig();
    if (!cfg.DATABASE_URL) return null;
    try {
      const runner = await startJobRunner({ connectionString: cfg.DATABASE_URL, db, jobs: JOBS, workers: cfg.JOB_WORKERS });
      process.stdout.write(`[aigov] job queue ready (${JOBS.length} jobs; ${cfg.JOB_WORKERS ? "workers in this process" : "JOB_WORKERS=0: enqueue only"})\n`);
      return runner;
    } catch (error) {
      process.stderr.write(`[aigov] job queue failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
      return null;
    }
  })();
  return state.aigovJobRunner;
}
