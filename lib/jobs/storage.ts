/**
 * Where the queue lives: pg-boss's own schema (`pgboss`) in the app's database, beside the
 * Prisma-managed `public` schema. pg-boss creates and upgrades its schema itself; Prisma
 * migrations never see it (they diff `public` only).
 */
import type PgBoss from "pg-boss";
import type { DbOrTx } from "@/lib/service-context";

/** The PostgreSQL schema pg-boss keeps its tables in. */
export const JOB_SCHEMA = "pgboss";

/**
 * pg-boss's database interface over a Prisma client or transaction, so jobs can be enqueued
 * in the caller's transaction (the job exists if and only if the change that asked for it
 * commits). Values are passed as pg-boss's own driver would: objects as JSON text, dates as
 * ISO strings.
 */
export function prismaJobDb(db: DbOrTx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const args = values.map((v) => (v instanceof Date ? v.toISOString() : v !== null && typeof v === "object" ? JSON.stringify(v) : v));
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(text, ...args);
      return { rows };
    },
  };
}
