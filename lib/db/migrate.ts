/** Applies the Prisma migrations to a database through the CLI (and our adapter config). */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

export function migrateDeploy(databaseUrl: string, opts: { quiet?: boolean } = {}) {
  const cli = require.resolve("prisma/build/index.js");
  const root = path.resolve(path.dirname(require.resolve("prisma/package.json")), "..", "..");
  const result = spawnSync(process.execPath, [cli, "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  }
  if (!opts.quiet) process.stdout.write(result.stdout.split("\n").filter((l) => /migration|applied|No pending/i.test(l)).join("\n") + "\n");
}
