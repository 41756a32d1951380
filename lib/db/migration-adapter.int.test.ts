import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { adminQuery, databaseUrl } from "@/test/pg-server";
import { MigrationPgAdapterFactory, poolConfigFromUrl, shadowDatabasePrefix } from "./migration-adapter";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const root = path.resolve(import.meta.dirname, "..", "..");

const name = `aigov_migr_${randomBytes(4).toString("hex")}`;
let url = "";
let dir = "";

function prisma(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args, "--schema", path.join(dir, "schema.prisma"), "--config", path.join(root, "prisma.config.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  return { status: result.status, out: `${result.stdout}\n${result.stderr}` };
}

function writeSchema(models: string) {
  fs.writeFileSync(
    path.join(dir, "schema.prisma"),
    `generator client {\n  provider = "prisma-client"\n  output = "./generated"\n  engineType = "client"\n}\ndatasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n${models}`,
  );
}

async function tables(): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
    return rows.map((r) => r.table_name as string);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await adminQuery(inject("adminUrl"), `CREATE DATABASE "${name}"`);
  url = databaseUrl(inject("adminUrl"), name);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-migr-"));
});

afterAll(async () => {
  await adminQuery(inject("adminUrl"), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("[DB] migration adapter for the Prisma 6.19 WebAssembly schema engine", () => {
  it("parses a URL into discrete fields (no connectionString that would override the shadow database)", () => {
    expect(poolConfigFromUrl("postgresql://u%40x:p%3Aw@db.local:6543/app?sslmode=disable")).toEqual({
      host: "db.local",
      port: 6543,
      user: "u@x",
      password: "p:w",
      database: "app",
    });
    expect(() => poolConfigFromUrl("mysql://x@y/z")).toThrow(/postgres/);
  });

  it("reads pg_catalog `name` columns and runs multi-statement scripts with $$ bodies and ';' in comments", async () => {
    const adapter = await new MigrationPgAdapterFactory(url).connect();
    try {
      const result = await adapter.queryRaw({ sql: "SELECT datname FROM pg_database WHERE datname = $1", args: [name], argTypes: [{ scalarType: "string", arity: "scalar" }] as never });
      expect(result.rows).toEqual([[name]]);
      await adapter.executeScript(`-- a comment; with a semicolon
        CREATE TABLE probe (id int);
        CREATE FUNCTION probe_fn() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;
        DROP FUNCTION probe_fn(); DROP TABLE probe;`);
    } finally {
      await adapter.dispose();
    }
  });

  it("creates and applies migrations through `migrate dev` (shadow database included) and reports status", async () => {
    writeSchema(`model Widget {\n  id Int @id @default(autoincrement())\n  name String\n}\n`);
    const first = prisma(["migrate", "dev", "--name", "first", "--skip-generate"]);
    expect(first.out).toMatch(/first/);
    expect(await tables()).toEqual(expect.arrayContaining(["Widget", "_prisma_migrations"]));

    // A second change needs the shadow database: it replays the first migration there.
    writeSchema(`model Widget {\n  id Int @id @default(autoincrement())\n  name String\n  colour String?\n}\nmodel Gadget {\n  id Int @id\n}\n`);
    const second = prisma(["migrate", "dev", "--name", "second", "--skip-generate"]);
    expect(second.out).not.toMatch(/relation .* already exists/);
    const migrations = fs.readdirSync(path.join(dir, "migrations")).filter((d) => d.endsWith("_second"));
    expect(migrations).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, "migrations", migrations[0]!, "migration.sql"), "utf8")).toMatch(/ADD COLUMN\s+"colour"/);
    expect(await tables()).toEqual(expect.arrayContaining(["Gadget", "Widget"]));

    const status = prisma(["migrate", "status"]);
    expect(status.status).toBe(0);
    expect(status.out).toMatch(/Database schema is up to date/);

    // No shadow database of ours is left behind (other runs may be migrating on this server).
    const { rows } = await adminQuery(inject("adminUrl"), `SELECT datname FROM pg_database WHERE datname LIKE '${shadowDatabasePrefix(name)}%'`);
    expect(rows).toEqual([]);
  }, 300_000); // Three Prisma CLI runs (each loads the WebAssembly engine; one replays migrations on a shadow database) took 55 s on a loaded 2-core machine: allow for a busier one.
});
