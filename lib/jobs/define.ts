/**
 * Background jobs: what a feature declares. A feature defines its jobs in its own module with
 * `defineJob`, lists them in ./registry.ts and enqueues them with `enqueueJob` (./enqueue.ts).
 * The queue itself is pg-boss (./runner.ts explains the choice and the version).
 */
import type { z } from "zod";
import type { Permission } from "@/lib/authz/permissions";
import type { Db } from "@/lib/db/create-client";
import type { ServiceContext } from "@/lib/service-context";

/** What a handler gets besides its (parsed) data. */
export type JobRunContext = {
  /** pg-boss's id of this job (a UUID); stable across retries of the same job. */
  jobId: string;
  /** `actor` is `systemActor(name, permissions)`; `db` is the app's client (not a transaction). */
  ctx: ServiceContext & { db: Db };
  /** 0 on the first attempt, then 1, 2, … on retries. */
  attempt: number;
};

/** A job as declared by a feature (the input of `defineJob`). */
export type JobSpec<S extends z.ZodType, R> = {
  /**
   * The queue name: lowercase words joined by `-`, e.g. `prune-login-failures`. It names the
   * job in audit events (`job:<name>`), so once shipped it is never renamed.
   */
  name: string;
  /** Parses the job's data when it is enqueued and again when it runs (bad data never runs). */
  schema: S;
  /** The work. Throwing fails this attempt; pg-boss retries it up to `retryLimit` times. */
  handler(data: z.output<S>, run: JobRunContext): Promise<R>;
  /** Permissions granted to the job's system actor (nothing else is). Default: none. */
  permissions?: readonly Permission[];
  /** Retries after a failed attempt (default 2). */
  retryLimit?: number;
  /** Seconds before a retry (default 30). */
  retryDelaySeconds?: number;
  /** Double the delay after each failed attempt (default true). */
  retryBackoff?: boolean;
  /**
   * pg-boss queue policy (default `standard`): `short` keeps at most one waiting job per
   * `singletonKey`, `singleton` at most one running, `stately` one waiting and one running.
   * Jobs without a key share the empty key. Fixed when the queue is first created.
   */
  policy?: "standard" | "short" | "singleton" | "stately";
  /** An attempt running longer than this is failed (and retried), in seconds (default 300). */
  expireInSeconds?: number;
  /**
   * A 5-field cron expression, evaluated in UTC (e.g. `"17 * * * *"`: hourly at :17). When set,
   * the queue sends one job per slot with `cronData` as its data, however many instances run.
   */
  cron?: string;
  /** The data of the scheduled jobs (parsed with `schema` at start-up). Default `{}`. */
  cronData?: z.input<S>;
  /**
   * Write a `job.completed` audit event after a successful run (with `auditSummary(result)`),
   * and `job.failed` once the last retry fails. Off by default: routine housekeeping would
   * flood the audit chain; turn it on for jobs whose outcome an auditor cares about.
   */
  audit?: boolean;
  /** The summary for `job.completed` (small: counts and ids, never secrets). */
  auditSummary?(result: R, data: z.output<S>): Record<string, unknown>;
};

/** A registered job definition (what `enqueueJob` and the runner take). */
export type JobDefinition<S extends z.ZodType = z.ZodType, R = unknown> = Required<
  Pick<JobSpec<S, R>, "name" | "schema" | "handler" | "permissions" | "retryLimit" | "retryDelaySeconds" | "retryBackoff" | "expireInSeconds" | "audit" | "policy">
> &
  Pick<JobSpec<S, R>, "cron" | "cronData" | "auditSummary">;

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Declares a background job. Nothing runs until the definition is listed in ./registry.ts (the
 * runner only works registered queues).
 *
 * @throws Error when the name is not lowercase words joined by `-` (max 50 characters) or a
 *   number option is out of range: definitions are checked when their module loads.
 */
export function defineJob<S extends z.ZodType, R>(spec: JobSpec<S, R>): JobDefinition<S, R> {
  if (!NAME.test(spec.name) || spec.name.length > 50) throw new Error(`Job name "${spec.name}" must be lowercase words joined by "-" (at most 50 characters).`);
  const def: JobDefinition<S, R> = {
    permissions: [],
    retryLimit: 2,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: 300,
    audit: false,
    policy: "standard",
    ...spec,
  };
  if (!Number.isInteger(def.retryLimit) || def.retryLimit < 0 || def.retryLimit > 100) throw new Error(`Job ${spec.name}: retryLimit must be 0–100.`);
  if (!Number.isInteger(def.retryDelaySeconds) || def.retryDelaySeconds < 0) throw new Error(`Job ${spec.name}: retryDelaySeconds must be a whole number ≥ 0.`);
  // pg-boss refuses expirations of 24 hours or more.
  if (!Number.isInteger(def.expireInSeconds) || def.expireInSeconds < 1 || def.expireInSeconds >= 24 * 3600) throw new Error(`Job ${spec.name}: expireInSeconds must be 1 s – 24 h.`);
  return def;
}
