/**
 * The server Playwright tests run against: a production build (`next start`) on its own
 * database, created here from scratch and dropped on exit. Run by playwright.config.ts.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createPrismaClient } from "@/lib/db/create-client";
import { migrateDeploy } from "@/lib/db/migrate";
import { ensureShippedLibraries } from "@/lib/controls/store";
import { ensureShippedThreatLibraries } from "@/lib/threats/store";
import { hashPassword } from "@/lib/auth/password";
import { acquireServer, adminQuery, databaseUrl } from "@/test/pg-server";
import { startOidcProvider } from "./oidc-idp";
import { E2E_PORT, E2E_STATE_FILE, PASSWORD, SSO_CLIENT_ID, SSO_ROLE_MAPPING, SSO_SEED, THROTTLED_USER, USERS } from "./users";

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) {
    const build = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const server = await acquireServer();
  const name = `aigov_e2e_${randomBytes(4).toString("hex")}`;
  await adminQuery(server.adminUrl, `CREATE DATABASE "${name}"`);
  const url = databaseUrl(server.adminUrl, name);
  // The runner may kill this process before its own cleanup finishes: leave what to clean up
  // where e2e/global-teardown.ts will find it.
  fs.writeFileSync(E2E_STATE_FILE, JSON.stringify({ adminUrl: server.adminUrl, database: name, dataDir: server.dataDir ?? null }));
  migrateDeploy(url, { quiet: true });

  const db = createPrismaClient(url, 2);
  await ensureShippedLibraries(db);
  await ensureShippedThreatLibraries(db);
  const passwordHash = await hashPassword(PASSWORD);
  for (const user of Object.values(USERS)) {
    await db.user.create({ data: { email: user.email, name: user.name, role: user.role, passwordHash } });
  }
  await db.user.create({ data: { ...SSO_SEED.disabled } });
  await db.user.create({ data: { ...SSO_SEED.linker, passwordHash } });
  await db.user.create({ data: { ...THROTTLED_USER, passwordHash } });
  await db.$disconnect();

  // Same origin as the browser's (playwright.config.ts explains why "localhost").
  const appOrigin = `http://localhost:${E2E_PORT}`;
  const idp = await startOidcProvider(appOrigin);

  const child = spawn("node_modules/.bin/next", ["start", "-p", String(E2E_PORT), "-H", "127.0.0.1"], {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_URL: appOrigin,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: SSO_CLIENT_ID,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_DISPLAY_NAME: "E2E identity provider",
      OIDC_ROLE_MAPPING: SSO_ROLE_MAPPING,
      // The background job workers run inside the server, as in production.
      JOB_WORKERS: "true",
      // Generous so the rate-limit test controls its own counts.
      LOGIN_MAX_FAILURES: "5",
    },
  });

  // Cleanup runs as soon as a stop is asked for: the runner (and tsx, which relays the signal)
  // do not wait long, so the database is dropped first (WITH FORCE ends the server's
  // connections) and the server is killed alongside.
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    child.kill("SIGKILL");
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    await server.stop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGINT", () => void stop(0));
  child.on("exit", (code) => void stop(code ?? 0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
