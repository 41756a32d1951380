import PgBoss from "pg-boss";
import type { z } from "zod";
import type { DbOrTx } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import type { JobDefinition } from "./define";
import { JOB_SCHEMA, prismaJobDb } from "./storage";

/** Options of one enqueued job. */
export type EnqueueOptions = {
  /**
   * Where to write the job. Pass the service's `ctx.db`: inside a transaction, the job is
   * enqueued only if the transaction commits. Default: the app's client.
   */
  db?: DbOrTx;
  /**
   * Deduplication key, applied by the queue's `policy` (see `defineJob`): on a `short` queue at
   * most one job per key waits, on `singleton` at most one runs, on `stately` one of each;
   * a refused duplicate makes `enqueueJob` return null. A `standard` queue ignores it.
   */
  singletonKey?: string;
  /** Do not start before this moment (a Date) or this many seconds from now (a number). */
  startAfter?: Date | number;
};

let sender: PgBoss | undefined;

/** A pg-boss instance used only to build and send jobs through a caller-supplied connection. */
function jobSender(): PgBoss {
  // Never started: it opens no pool of its own; every send below passes `db`.
  sender ??= new PgBoss({ schema: JOB_SCHEMA, db: { executeSql: () => Promise.reject(new Error("jobSender: no connection given")) } });
  return sender;
}

async function appDb(): Promise<DbOrTx> {
  return (await import("@/lib/db/client")).db;
}

/**
 * Puts a job on its queue. The data is parsed with the definition's schema first.
 *
 * @returns the job's id, or null when the queue's policy refused a duplicate `singletonKey`.
 * @throws ValidationError (422, field errors by path) when the data does not match the schema:
 *   nothing is enqueued.
 * @throws Error when the job's queue does not exist (the definition is not in ./registry.ts, or
 *   no instance has started the job runner on this database yet).
 */
export async function enqueueJob<S extends z.ZodType>(def: JobDefinition<S, unknown>, data: z.input<S>, options: EnqueueOptions = {}): Promise<string | null> {
  const parsed = parseOrThrow(def.schema, data, `Invalid data for job ${def.name}.`);
  const db = options.db ?? (await appDb());
  const sendOptions: PgBoss.SendOptions = {
    db: prismaJobDb(db),
    singletonKey: options.singletonKey,
    retryLimit: def.retryLimit,
    retryDelay: def.retryDelaySeconds,
    retryBackoff: def.retryBackoff,
    expireInSeconds: def.expireInSeconds,
  };
  if (options.startAfter !== undefined) sendOptions.startAfter = options.startAfter;
  const id = await jobSender().send(def.name, parsed as object, sendOptions);
  if (id === null && !(await queueExists(db, def.name))) {
    // pg-boss joins the job to its queue row: no row, no job (and no error of its own).
    throw new Error(`Job ${def.name} was not enqueued: its queue does not exist (is the job in lib/jobs/registry.ts and has the job runner started on this database?).`);
  }
  return id;
}

async function queueExists(db: DbOrTx, name: string): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM ${JOB_SCHEMA}.queue WHERE name = $1`, name);
  return rows.length > 0;
}
