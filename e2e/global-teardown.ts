/**
 * Drops the database the e2e server created (and stops its embedded PostgreSQL, if any).
 * The server tries to do this itself on SIGTERM, but the runner may not wait for it.
 */
import fs from "node:fs";
import path from "node:path";
import { adminQuery } from "@/test/pg-server";
import { E2E_STATE_FILE } from "./users";

export default async function globalTeardown() {
  if (!fs.existsSync(E2E_STATE_FILE)) return;
  const state = JSON.parse(fs.readFileSync(E2E_STATE_FILE, "utf8")) as { adminUrl: string; database: string; dataDir: string | null };
  fs.rmSync(E2E_STATE_FILE, { force: true });
  if (!/^aigov_e2e_[0-9a-f]+$/.test(state.database)) return;
  await adminQuery(state.adminUrl, `DROP DATABASE IF EXISTS "${state.database}" WITH (FORCE)`).catch((error: unknown) => {
    console.warn(`e2e teardown: could not drop ${state.database}: ${String(error)}`);
  });
  if (state.dataDir) {
    const pidFile = path.join(state.dataDir, "cluster", "postmaster.pid");
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]) : NaN;
    if (pid > 0) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // already gone
      }
      for (let i = 0; i < 50 && fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
    }
    fs.rmSync(state.dataDir, { recursive: true, force: true });
  }
}
