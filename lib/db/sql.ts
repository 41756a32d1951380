import { Prisma } from "@/generated/prisma/client";
import type { DbOrTx } from "@/lib/service-context";
import { poolOf } from "./create-client";

/**
 * Runs one statement built with `Prisma.sql` (bound parameters only) and returns its rows:
 * straight on the client's `pg` pool when `db` is a client from `createPrismaClient` (or the
 * app's `db`), else — inside a transaction — through `db.$queryRaw`, on the transaction's
 * connection. Both paths return the same values (see `parserFor` in ./create-client.ts).
 *
 * For hot paths only (the session check on every request, the systems list, the deployment
 * gate): Prisma's `$queryRaw` costs about 0.4 ms of CPU per statement in its query engine
 * (bench:throughput's profile, `compile` and its spans), several times what the statement
 * costs PostgreSQL.
 *
 * Parameters: pass instants as ISO strings through `utc()`, not Date objects (`pg` would send
 * a Date in the process's time zone).
 */
export async function queryRows<T>(db: DbOrTx, query: Prisma.Sql): Promise<T[]> {
  const pool = poolOf(db);
  if (!pool) return db.$queryRaw<T[]>(query);
  const { rows } = await pool.query({ text: query.text, values: query.values });
  return rows as T[];
}

/** An instant as a UTC `timestamp` (the type Prisma's DateTime columns have), whatever the session's TimeZone. */
export function utc(at: Date): Prisma.Sql {
  return Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}
