// The physical-limit yardstick for bench:gate: a minimal Node http server over a pg pool that
// does what the gate must do at the least (one indexed SELECT of the system by slug, one INSERT
// of a record) and answers a small JSON. No framework, no auth, no validation.
//   DATABASE_URL=… PORT=… POOL=10 node bench/gate-baseline.mjs
import http from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL ?? 10) });
const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/health") return void res.end("ok");
    const slug = url.searchParams.get("system") ?? "";
    const digest = url.searchParams.get("digest") ?? "";
    const env = url.searchParams.get("environment") ?? "";
    const found = await pool.query('SELECT "id", "lifecycle" FROM "AiSystem" WHERE "slug" = $1', [slug]);
    const allow = found.rowCount === 1;
    await pool.query('INSERT INTO bench_baseline_check ("actorId", "systemSlug", "environment", "digests", "allow", "reasons") VALUES ($1, $2, $3, $4, $5, $6)', ["bench", slug, env, [digest], allow, []]);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ allow, reasons: [] }));
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
});
server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => {
  server.close();
  void pool.end();
});
