import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

/** A Prisma client over a `pg` pool. Used by the app, scripts and tests alike. */
export function createPrismaClient(databaseUrl = process.env.DATABASE_URL, max = 10) {
  if (!databaseUrl) throw new Error("DATABASE_URL is not set");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max }) });
}

export type Db = PrismaClient;
