/**
 * npm run bench:session — what the per-request session check costs.
 *
 * 1. In process: `loadSessionActor` (the one query every request makes: the session row by
 *    primary key joined to its user) against 10,000 users holding 50,000 sessions, looking up
 *    random live sessions.
 *    Then decoding the session cookie: Auth.js's default decode against ours (key cached).
 * 2. Over HTTP against the production build (`npx next build` first): the signed-in
 *    `GET /api/systems` on an empty inventory (session check + an empty list) next to the
 *    anonymous `GET /api/health` (no session), so the difference is roughly the session's share.
 *
 * Prints figures only; nothing here is a pass/fail assertion.
 *   --users N (10000)  --sessions N (50000)  --n N (2000 in process, 500 over HTTP)  --port P (3195)
 */
import fs from "node:fs";
import { createPrismaClient } from "@/lib/db/create-client";
import { hashPassword } from "@/lib/auth/password";
import { loadSessionActor } from "@/lib/auth/session-store";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";
import { decode as authjsDecode } from "next-auth/jwt";
import { flag, getter, report, signIn, startProductionServer, time, withBenchDatabase } from "./support";

const USERS = flag("users", 10_000);
const SESSIONS = flag("sessions", 50_000);
const N = flag("n", 2000);
const PORT = flag("port", 3195);
const PASSWORD = "bench-password-1234";

await withBenchDatabase(async (url) => {
  const db = createPrismaClient(url, 4);
  await db.$executeRawUnsafe(`
    INSERT INTO "User" ("id", "email", "name", "role", "updatedAt")
    SELECT 'u' || g, 'user' || g || '@bench.test', 'User ' || g, 'AUDITOR', now() FROM generate_series(1, ${USERS}) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "AuthSession" ("id", "userId", "userVersion", "method", "expiresAt")
    SELECT md5(g::text) || md5((g * 7)::text), 'u' || (1 + g % ${USERS}), 0, 'password', now() + interval '12 hours'
    FROM generate_series(1, ${SESSIONS}) g`);
  await db.$executeRawUnsafe(`ANALYZE "User"; ANALYZE "AuthSession"`);
  console.log(`${USERS} users, ${SESSIONS} sessions`);

  const ids = Array.from({ length: N }, (_, i) => 1 + ((i * 7919) % SESSIONS));
  const sessionIds = (await db.$queryRawUnsafe<Array<{ id: string; g: number }>>(
    `SELECT md5(g::text) || md5((g * 7)::text) AS id, g FROM unnest($1::int[]) g`,
    ids,
  )).map((r) => r.id);
  let i = 0;
  report("loadSessionActor (in process, 1 query)", await time(async () => {
    const actor = await loadSessionActor(db, sessionIds[i++ % sessionIds.length]!);
    if (!actor) throw new Error("session not found");
  }, N));
  let j = 0;
  report("unknown session id (in process)", await time(() => loadSessionActor(db, `nope-${j++}`), N));

  // Reading the cookie: Auth.js derives the key (HKDF) and its thumbprint on every call; ours
  // caches both per process (lib/auth/session-token.ts). Same token, same result.
  const secret = "bench-secret-0123456789abcdef0123456789";
  const salt = "authjs.session-token";
  const token = await encodeSessionToken({ token: { sub: "u1", sid: sessionIds[0] }, secret, salt });
  report("session cookie decode, Auth.js default (in process)", await time(() => authjsDecode({ token, secret, salt }), N));
  report("session cookie decode, key cached (in process)", await time(() => decodeSessionToken({ token, secret, salt }), N));

  await db.user.create({ data: { email: "bench@bench.test", name: "Bench", role: "AUDITOR", passwordHash: await hashPassword(PASSWORD) } });
  await db.$disconnect();

  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("no production build (.next/BUILD_ID): run `npx next build` for the HTTP figures");
    return;
  }
  const server = await startProductionServer(url, PORT);
  try {
    const cookie = await signIn(server.base, "bench@bench.test", PASSWORD);
    const httpN = Math.min(N, 500);
    report("GET /api/health (anonymous, no session check)", await time(getter(server.base, "")("/api/health"), httpN, 20));
    report("GET /api/systems (signed in, empty inventory)", await time(getter(server.base, cookie)("/api/systems"), httpN, 20));
  } finally {
    server.stop();
  }
});
