// The physical floor for bench:throughput: a bare Node `http` server with a `pg` pool doing the
// same indexed keyset query as the systems list's first page (name, id order), as JSON. No
// framework, no ORM, no session: what one request costs on this machine at the least.
//
//   node bench/floor-server.mjs <port> <database url>
import http from "node:http";
import pg from "pg";

const [port, url] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 10 });
const SQL = `SELECT id, slug, name, "riskTier", lifecycle, "ownerId", "updatedAt"
  FROM "AiSystem" WHERE "archivedAt" IS NULL ORDER BY name, id LIMIT 25`;

http
  .createServer(async (req, res) => {
    try {
      const { rows } = await pool.query({ name: "floor-list", text: SQL });
      const body = JSON.stringify({ items: rows });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    } catch (error) {
      res.writeHead(500);
      res.end(String(error));
    }
  })
  .listen(Number(port), "127.0.0.1", () => process.stdout.write("ready\n"));
