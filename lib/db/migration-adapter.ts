/**
 * Driver adapter handed to the Prisma 6.19 CLI (WebAssembly schema engine, `engine: "js"`).
 *
 * `@prisma/adapter-pg` 6.19 has three bugs that break `migrate dev` / `migrate deploy`
 * through an adapter. They are fixed here, in one place, and covered by
 * `migration-adapter.int.test.ts`:
 *
 * 1. The schema engine introspects `pg_catalog`, whose columns of type `name` (oid 19) and
 *    `"char"` (oid 18) the adapter refuses to map ("Column type 'name' could not be
 *    deserialized", prisma/orm#27403). Both arrive as plain strings over the text protocol,
 *    so we report them as `text` (oid 25).
 * 2. The stock `connectToShadowDb()` spreads `{ ...config, database }`, but a
 *    `connectionString` wins over `database`, so the "shadow" is the real database; it also
 *    drops the shadow while its pool is still open. We connect with discrete fields and
 *    manage the shadow database ourselves: create, connect, and on dispose end the pool
 *    first, then drop it.
 * 3. On the shadow database the engine sends whole migration files through `executeRaw`
 *    (extended protocol: a single statement only). An `executeRaw` without arguments is
 *    routed to `executeScript` (simple protocol, many statements).
 * 4. `executeScript` itself splits the script on every ";" — inside comments, string
 *    literals and `$$` function bodies too — so any migration with a trigger function
 *    fails. We send the script whole over the simple query protocol, which PostgreSQL
 *    parses itself.
 */
import { createHash, randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";

const OID_CHAR = 18;
const OID_NAME = 19;
const OID_TEXT = 25;

type Field = { dataTypeID: number };
type IOResult = { fields: Field[] };
type Queryable = {
  underlyingDriver?: () => pg.Pool;
  onError?: (error: unknown) => never;
  performIO?: (query: unknown) => Promise<IOResult>;
  executeRaw: (query: { sql: string; args: unknown[] }) => Promise<number>;
  executeScript?: (script: string) => Promise<void>;
  startTransaction?: (...args: unknown[]) => Promise<unknown>;
  dispose: () => Promise<void>;
};

/** Parses a postgres URL into the discrete fields `pg` accepts (no connectionString). */
/**
 * Shadow databases of one target database are named `prisma_shadow_<8 hex of SHA-256(target)>_<16
 * random hex>` (at most 45 characters, under PostgreSQL's 63): recognisable as ours, and
 * attributable to the database they shadow, so a check for leftovers can look at its own only
 * even while other migrations run on the same server.
 */
export function shadowDatabasePrefix(targetDatabase: string): string {
  return `prisma_shadow_${createHash("sha256").update(targetDatabase).digest("hex").slice(0, 8)}_`;
}

export function poolConfigFromUrl(databaseUrl: string): pg.PoolConfig {
  const url = new URL(databaseUrl);
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new Error(`Expected a postgres:// URL, got protocol "${url.protocol}"`);
  }
  const host = url.searchParams.get("host") ?? decodeURIComponent(url.hostname);
  return {
    host: host || "localhost",
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: decodeURIComponent(url.pathname.replace(/^\//, "")) || undefined,
  };
}

/** Fix 4: run a script as one simple-protocol query instead of splitting it on ";". */
function executeScriptWhole<T extends object>(adapter: T): T {
  const q = adapter as unknown as Queryable;
  const pool = q.underlyingDriver?.();
  if (pool) {
    q.executeScript = async (script) => {
      try {
        await pool.query(script);
      } catch (error) {
        if (q.onError) q.onError(error);
        throw error;
      }
    };
  }
  return adapter;
}

/** Fix 1: report `name`/`"char"` columns as `text`, on the adapter and its transactions. */
function reportCatalogTypesAsText<T extends object>(queryable: T): T {
  const q = queryable as unknown as Queryable;
  const performIO = q.performIO?.bind(q);
  if (performIO) {
    q.performIO = async (query) => {
      const result = await performIO(query);
      for (const field of result.fields) {
        if (field.dataTypeID === OID_NAME || field.dataTypeID === OID_CHAR) {
          field.dataTypeID = OID_TEXT;
        }
      }
      return result;
    };
  }
  const startTransaction = q.startTransaction?.bind(q);
  if (startTransaction) {
    q.startTransaction = async (...args) =>
      reportCatalogTypesAsText((await startTransaction(...args)) as object);
  }
  return queryable;
}

function quoteIdent(name: string) {
  return `"${name.replace(/"/g, '""')}"`;
}

export class MigrationPgAdapterFactory extends PrismaPg {
  readonly #poolConfig: pg.PoolConfig;

  constructor(databaseUrl: string) {
    const poolConfig = poolConfigFromUrl(databaseUrl);
    super(poolConfig);
    this.#poolConfig = poolConfig;
  }

  override async connect() {
    return executeScriptWhole(reportCatalogTypesAsText(await super.connect()));
  }

  /** Fixes 2 and 3. */
  override async connectToShadowDb() {
    const admin = await this.connect();
    const database = `${shadowDatabasePrefix(String(this.#poolConfig.database ?? ""))}${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    await admin.executeScript(`CREATE DATABASE ${quoteIdent(database)}`);
    const shadow = executeScriptWhole(
      reportCatalogTypesAsText(await new PrismaPg({ ...this.#poolConfig, database }).connect()),
    );
    const q = shadow as unknown as Queryable;
    const executeRaw = q.executeRaw.bind(q);
    q.executeRaw = async (query) => {
      if (query.args.length === 0 && q.executeScript) {
        await q.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    const disposeShadow = q.dispose.bind(q);
    q.dispose = async () => {
      try {
        await disposeShadow();
        await admin.executeScript(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
      } finally {
        await admin.dispose();
      }
    };
    return shadow;
  }
}
