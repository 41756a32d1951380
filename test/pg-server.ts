/**
 * Where tests get PostgreSQL from: TEST_DATABASE_URL (an admin connection to a local
 * server; tests create and drop their own databases on it), or else an embedded server
 * started for the run. Never a remote host: tests create and drop databases.
 */
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]", ""]);

export function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to run tests against non-local PostgreSQL host "${host}".`);
  }
}

export async function acquireServer(): Promise<{ adminUrl: string; stop: () => Promise<void>; dataDir?: string }> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    assertLocal(given);
    return { adminUrl: given, stop: async () => {} };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-test-pg-"));
  fs.chmodSync(dir, 0o755);
  const server: EmbeddedServer = await startEmbeddedPostgres({ dataDir: dir, persistent: false });
  return {
    adminUrl: server.adminUrl,
    dataDir: dir,
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(adminUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}
