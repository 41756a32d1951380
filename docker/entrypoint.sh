#!/bin/sh
# Container start: wait for PostgreSQL, apply migrations, run the first-run bootstrap
# (idempotent: first admin or demo data, once), then serve the standalone Next.js build. The
# server starts the background job workers in the same process (instrumentation.ts) unless
# JOB_WORKERS=0.
#
#   aigov-entrypoint          web server (and job workers)
#   aigov-entrypoint worker   job workers only, no web server (pair with JOB_WORKERS=0 on web)
set -eu

: "${DATABASE_URL:?DATABASE_URL must be set}"
: "${AUTH_SECRET:?AUTH_SECRET must be set (at least 32 random characters, e.g. openssl rand -base64 32)}"

echo "[aigov] waiting for the database..."
node --input-type=module -e '
import pg from "pg";
const deadline = Date.now() + Number(process.env.DB_WAIT_SECONDS ?? 60) * 1000;
for (;;) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    await client.end();
    break;
  } catch (error) {
    await client.end().catch(() => {});
    if (Date.now() > deadline) {
      console.error("[aigov] database not reachable: " + error.message);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
'

if [ "${1:-}" = "worker" ]; then
  # Migrations and the bootstrap belong to the web instances; a worker waits for the schema.
  echo "[aigov] starting a job worker"
  exec node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/worker.ts
fi

echo "[aigov] applying migrations..."
node node_modules/prisma/build/index.js migrate deploy

echo "[aigov] first-run bootstrap..."
node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/bootstrap.ts

echo "[aigov] starting the server on port ${PORT:-3000}"
exec node server.js
