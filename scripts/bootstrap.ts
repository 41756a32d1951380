/**
 * First-run bootstrap for deployments that do not use `npm start` (the Docker entrypoint):
 * on an empty database, creates the first administrator (INITIAL_ADMIN_EMAIL /
 * INITIAL_ADMIN_PASSWORD, or admin@aigov.localhost with a generated password printed once) or,
 * with DEMO_MODE=true, the demo data. Does nothing once the database has been set up.
 *
 *   tsx --conditions=react-server scripts/bootstrap.ts
 */
import { scriptConfigOrExit } from "../lib/config";
import { credentialsBox, describeFirstRun, runFirstRun } from "../lib/bootstrap/first-run";
import { createPrismaClient } from "../lib/db/create-client";

async function main() {
  const cfg = scriptConfigOrExit();
  const db = createPrismaClient(cfg.DATABASE_URL, 2);
  try {
    const result = await runFirstRun(db, {
      demo: cfg.DEMO_MODE,
      initialAdminEmail: cfg.INITIAL_ADMIN_EMAIL,
      initialAdminPassword: cfg.INITIAL_ADMIN_PASSWORD,
    });
    process.stdout.write(`[aigov] ${describeFirstRun(result)}\n`);
    if (result.kind === "admin-created" && result.generatedPassword) {
      process.stdout.write(`\n${credentialsBox(result.email, result.generatedPassword)}\n\n`);
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  process.stderr.write(`[aigov] bootstrap failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
