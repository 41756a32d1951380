/**
 * The job runner: pg-boss started on the app's database, working every registered queue.
 *
 * Why pg-boss rather than graphile-worker: both keep jobs in PostgreSQL (no new service to run),
 * but pg-boss also gives distributed cron (one job per slot however many instances run, through
 * a database-side lock and a per-slot singleton), queue policies for deduplication, and sends
 * through any connection we hand it, so a job can be enqueued inside a Prisma transaction
 * (./enqueue.ts). graphile-worker would need its own migration runner and a separate cron
 * process configuration for the same.
 *
 * Why pg-boss 10.4.2: versions 11 and 12 require Node 22, and this project supports Node 20
 * (package.json `engines`, the Docker base image). Upgrade together with Node.
 */
import PgBoss from "pg-boss";
import { appendAudit } from "@/lib/audit/append";
import { systemActor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { withTransaction } from "@/lib/service-context";
import type { JobDefinition } from "./define";
import { JOB_SCHEMA } from "./storage";

/** How to start a runner. */
export type JobRunnerOptions = {
  /** PostgreSQL URL of the app's database (pg-boss opens its own small pool). */
  connectionString: string;
  /** The app's Prisma client, handed to handlers as `ctx.db`. */
  db: Db;
  /** The definitions to serve (normally `JOBS` from ./registry.ts). */
  jobs: readonly JobDefinition[];
  /**
   * Work the queues and run the cron schedules (default true). False only prepares the storage
   * (schema and queues) so this instance can enqueue: for web instances when workers run
   * elsewhere (`JOB_WORKERS=0`).
   */
  workers?: boolean;
  /** Seconds between polls of an idle queue (default 2). */
  pollingIntervalSeconds?: number;
  /** pg-boss constructor options (tests tighten the cron intervals). */
  bossOptions?: Partial<PgBoss.ConstructorOptions>;
  /** Where progress and errors go (default: stdout/stderr with an `[aigov]` prefix). */
  log?: { info(message: string): void; error(message: string): void };
};

/** A started runner. */
export type JobRunner = {
  boss: PgBoss;
  /** Stops polling, waits up to `timeoutMs` (default 20 000) for running jobs, closes the pool. */
  stop(timeoutMs?: number): Promise<void>;
};

const defaultLog = {
  info: (message: string) => process.stdout.write(`[aigov] ${message}\n`),
  error: (message: string) => process.stderr.write(`[aigov] ${message}\n`),
};

/**
 * Starts pg-boss on `connectionString`: creates or upgrades its schema (`pgboss`), creates a
 * queue per definition, and (with `workers`) works every queue and keeps each `cron` schedule.
 * Several runners on one database share the work: each job runs on exactly one of them, each
 * cron slot produces one job.
 *
 * @throws whatever pg-boss throws when the database is unreachable or the schema cannot be
 *   created; a duplicate job name in `jobs` throws Error.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { jobs, db, workers = true } = options;
  const log = options.log ?? defaultLog;
  const names = new Set<string>();
  for (const def of jobs) {
    if (names.has(def.name)) throw new Error(`Job ${def.name} is registered twice.`);
    names.add(def.name);
  }

  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: JOB_SCHEMA,
    application_name: "aigov-jobs",
    max: 4,
    migrate: true,
    supervise: workers,
    schedule: workers,
    ...options.bossOptions,
  });
  boss.on("error", (error) => log.error(`job queue error: ${error.message}`));
  await boss.start();

  for (const def of jobs) {
    // Idempotent (ON CONFLICT DO NOTHING in pg-boss): safe when instances start together.
    await boss.createQueue(def.name, {
      name: def.name,
      policy: def.policy,
      retryLimit: def.retryLimit,
      retryDelay: def.retryDelaySeconds,
      retryBackoff: def.retryBackoff,
      expireInSeconds: def.expireInSeconds,
    });
  }

  if (workers) {
    for (const def of jobs) {
      await boss.work<unknown>(
        def.name,
        { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async ([job]) => (job ? runJob(boss, def, job, db, log) : undefined),
      );
    }
    await syncSchedules(boss, jobs);
  }

  return {
    boss,
    async stop(timeoutMs = 20_000) {
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    },
  };
}

/** Makes pg-boss's schedules match the definitions' `cron` (removing schedules of jobs gone). */
async function syncSchedules(boss: PgBoss, jobs: readonly JobDefinition[]) {
  const wanted = new Map(jobs.filter((d) => d.cron).map((d) => [d.name, d]));
  for (const schedule of await boss.getSchedules()) {
    if (!wanted.has(schedule.name)) await boss.unschedule(schedule.name);
  }
  for (const def of wanted.values()) {
    const data = def.schema.parse(def.cronData ?? {}) as object;
    await boss.schedule(def.name, def.cron!, data, {
      tz: "UTC",
      retryLimit: def.retryLimit,
      retryDelay: def.retryDelaySeconds,
      retryBackoff: def.retryBackoff,
      expireInSeconds: def.expireInSeconds,
    });
  }
}

/**
 * Runs one job: parses its data with the definition's schema (data that does not parse is
 * failed without retries: it would fail the same way again), runs the handler as
 * `systemActor(name, permissions)`, and writes the optional audit events.
 */
async function runJob(boss: PgBoss, def: JobDefinition, job: PgBoss.JobWithMetadata<unknown>, db: Db, log: NonNullable<JobRunnerOptions["log"]>) {
  const actor = systemActor(def.name, def.permissions);
  const started = Date.now();
  const parsed = def.schema.safeParse(job.data);
  if (!parsed.success) {
    // pg-boss has no "do not retry" error: spend the remaining retries so the failure is final.
    await boss.getDb().executeSql(`UPDATE ${JOB_SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [def.name, job.id]);
    log.error(`job ${def.name} ${job.id} refused: its data does not match the job's schema`);
    throw new Error(`Job data refused: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(data)"}: ${i.message}`).join("; ")}`);
  }
  const ctx = { actor, db };
  try {
    const result = await def.handler(parsed.data, { jobId: job.id, ctx, attempt: job.retryCount });
    if (def.audit) {
      await withTransaction(ctx, (tx) =>
        appendAudit(tx.db, actor, {
          action: "job.completed",
          entityType: "Job",
          entityId: job.id,
          summary: { job: def.name, attempt: job.retryCount, ...(def.auditSummary?.(result, parsed.data) ?? {}) },
        }),
      );
    }
    log.info(`job ${def.name} done in ${Date.now() - started} ms`);
    return result ?? null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const final = job.retryCount >= job.retryLimit;
    log.error(`job ${def.name} ${job.id} failed (attempt ${job.retryCount + 1} of ${job.retryLimit + 1}${final ? ", giving up" : ""}): ${message}`);
    if (def.audit && final) {
      await withTransaction(ctx, (tx) =>
        appendAudit(tx.db, actor, {
          action: "job.failed",
          entityType: "Job",
          entityId: job.id,
          summary: { job: def.name, attempts: job.retryCount + 1, error: message.slice(0, 500) },
        }),
      ).catch((auditError) => log.error(`job ${def.name}: could not audit the failure: ${auditError instanceof Error ? auditError.message : String(auditError)}`));
    }
    throw error;
  }
}
