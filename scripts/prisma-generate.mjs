// `prisma generate` reads the datasource URL even though generating needs no database.
// Give it a placeholder when none is configured so a fresh `npm install` works offline.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const env = { ...process.env };
env.DATABASE_URL ||= "postgresql://localhost:5432/placeholder";
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
if (result.error) console.error(result.error);
process.exit(result.status ?? 1);
