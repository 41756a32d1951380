import { PrismaPg } from "@prisma/adapter-pg";
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
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max }), transactionOptions: TRANSACTION_DEFAULTS });
}

export type Db = PrismaClient;
