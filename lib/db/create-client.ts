import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";

/**
 * Defaults for every interactive transaction (`$transaction(async (tx) => …)`), the same as
 * `withTransaction`'s: Prisma's own (2 s to get a connection, 5 s to finish) fail a burst of
 * sign-ins or gate folds with "Unable to start a transaction in the given time" on a busy
 * machine, where waiting for the pool or an advisory lock is normal. Callers may still pass
 * their own.
 */
export const TRANSACTION_DEFAULTS = { maxWait: 10_000, timeout: 15_000 } as const;

/**
 * A Prisma client over a `pg` pool of at most `max` connections. Used by the app, scripts and
 * tests alike. @throws Error when no database URL is given or set.
 */
export function createPrismaClient(databaseUrl = process.env.DATABASE_URL, max = 10) {
  if (!databaseUrl) throw new Error("DATABASE_URL is not set");
  // The pool is ours (Prisma's adapter ends it on $disconnect) so that lib/db/sql.ts can run
  // hot statements on the same connections without Prisma's per-query engine work. Prisma's
  // adapter passes its own type parsers with every query; these apply to ours only.
  const pool = new pg.Pool({ connectionString: databaseUrl, max, types: { getTypeParser: parserFor as typeof pg.types.getTypeParser } });
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), transactionOptions: TRANSACTION_DEFAULTS });
  pools.set(client, pool);
  return client;
}

const pools = new WeakMap<object, pg.Pool>();
const aliases = new WeakMap<object, () => object>();

/**
 * The `pg` pool under a client made by `createPrismaClient` (or an alias registered for one),
 * or undefined for anything else — a transaction client above all, whose statements must stay
 * on its transaction's connection.
 */
export function poolOf(db: object): pg.Pool | undefined {
  const alias = aliases.get(db);
  return pools.get(alias ? alias() : db);
}

/** Lets `poolOf(alias)` find the pool of the client `resolve()` returns (the app's lazy `db` proxy). */
export function registerClientAlias(alias: object, resolve: () => object): void {
  aliases.set(alias, resolve);
}

/**
 * Results of our own statements parsed as Prisma's `$queryRaw` returns them, so lib/db/sql.ts
 * answers the same whichever path runs: `timestamp` (stored as UTC) as a Date, `int8` as a
 * bigint; everything else as `pg` does (int4 number, bool, json parsed, text[] an array).
 */
function parserFor(oid: number, format?: string): (value: string) => unknown {
  if (oid === 1114) return (value) => new Date(`${value.replace(" ", "T")}Z`);
  if (oid === 20) return (value) => BigInt(value);
  return pg.types.getTypeParser(oid, format as "text");
}

export type Db = PrismaClient;
