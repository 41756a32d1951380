import type { Prisma } from "@/generated/prisma/client";
import type { Actor, RequestMeta } from "@/lib/authz/actor";
import { TRANSACTION_DEFAULTS, type Db } from "@/lib/db/create-client";

/** A Prisma client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;

/** Either the app's client or a transaction: what reads accept. */
export type DbOrTx = Db | Tx;

/**
 * Every service takes the actor and the database explicitly (easy to test, easy to compose).
 * `db` is the app's client, or a transaction when a caller composes several services into one
 * unit (see `withTransaction`).
 */
export type ServiceContext = { actor: Actor; db: DbOrTx; meta?: RequestMeta };

/** A service context whose `db` is an open transaction. */
export type TxContext = ServiceContext & { db: Tx };

/** Options for a new transaction; ignored when the caller's transaction is reused. */
export type TransactionOptions = {
  /** Time the transaction may run before Prisma aborts it, in ms (Prisma's default is 5 000). */
  timeoutMs?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
};

/** Whether `db` is an open interactive transaction rather than the app's client. */
export function isTransaction(db: DbOrTx): db is Tx {
  // A transaction client is the same client without the top-level `$transaction` method.
  return typeof (db as Partial<Db>).$transaction !== "function";
}

/**
 * Runs `fn` in one database transaction: the caller's, when `ctx.db` already is one (so
 * services compose: "pause the system and write the incident entry" is one unit), otherwise a
 * new one that commits when `fn` resolves and rolls back when it throws.
 *
 * Reads that decide a write belong inside `fn`, guarded by a row version or a lock, so the
 * decision and the write see the same state.
 *
 * @returns what `fn` returns. @throws whatever `fn` throws (after the rollback).
 */
export async function withTransaction<T>(ctx: ServiceContext, fn: (tx: TxContext) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  if (isTransaction(ctx.db)) return fn(ctx as TxContext);
  return (ctx.db as Db).$transaction((tx) => fn({ ...ctx, db: tx }), {
    timeout: options.timeoutMs ?? TRANSACTION_DEFAULTS.timeout,
    maxWait: TRANSACTION_DEFAULTS.maxWait,
    isolationLevel: options.isolationLevel,
  });
}

/**
 * The client itself, for work that must commit on its own even when the caller's change is
 * refused (e.g. counting a wrong password: the count must stay when the change fails).
 * @throws Error when called inside a transaction: such a service cannot be composed.
 */
export function outsideTransaction(db: DbOrTx): Db {
  if (isTransaction(db)) throw new Error("This service keeps records that must outlive a refusal; it cannot run inside another transaction.");
  return db;
}
