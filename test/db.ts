import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/create-client";
import { adminQuery, databaseUrl } from "./pg-server";

export type TestDatabase = { db: Db; url: string; name: string };

/** A fresh database cloned from the migrated template, dropped when the file finishes. */
export function useTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
  beforeAll(async () => {
    const adminUrl = inject("adminUrl");
    const name = `aigov_t_${randomBytes(5).toString("hex")}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${inject("templateDb")}"`);
    handle.name = name;
    handle.url = databaseUrl(adminUrl, name);
    handle.db = createPrismaClient(handle.url, 5);
  });
  afterAll(async () => {
    // A transaction left hanging by a failed test (or a background fold) must not hold the file
    // open forever: give the pool 10 s to close, then DROP … WITH (FORCE) ends what is left.
    if (handle.db) await Promise.race([handle.db.$disconnect(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    if (handle.name) await adminQuery(inject("adminUrl"), `DROP DATABASE IF EXISTS "${handle.name}" WITH (FORCE)`);
  });
  return handle;
}
