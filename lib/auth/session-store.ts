import { randomBytes } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import type { Role } from "@/generated/prisma/enums";
import type { Db } from "@/lib/db/create-client";
import { queryRows, utc } from "@/lib/db/sql";
import { appendAudit } from "@/lib/audit/append";
import type { RequestMeta } from "@/lib/authz/actor";

/**
 * Server-side session records (`AuthSession`). The cookie is a signed, encrypted Auth.js JWT
 * holding only the session id; this module is the whole of "is that session still valid?".
 *
 * Revocation model: one row per sign-in (per device). Sign-out deletes that row, so signing
 * out on a phone leaves the laptop signed in; a `User.sessionVersion` bump (disable, role
 * change, password change or reset) ends every session of the user; `expiresAt` is set once
 * at sign-in (absolute maximum age, `SESSION_MAX_AGE_HOURS`) and never moves.
 */

export type SessionActor = { id: string; email: string; name: string; role: Role | null; mustChangePassword: boolean };

/**
 * Starts a session for a user who has just proved who they are.
 *
 * @param maxAgeHours absolute lifetime; the session ends then however much it is used
 * @returns the new session id (32 random bytes, base64url) and its end
 */
export async function createSession(db: Db, input: { userId: string; method: "password" | "oidc"; maxAgeHours: number }, now = new Date()) {
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + input.maxAgeHours * 3_600_000);
  // Reads the version in the same statement, so a concurrent bump cannot slip between.
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "AuthSession" ("id", "userId", "userVersion", "method", "createdAt", "expiresAt")
    SELECT ${id}, u."id", u."sessionVersion", ${input.method}, ${now}, ${expiresAt}
    FROM "User" u WHERE u."id" = ${input.userId} AND NOT u."disabled"
    RETURNING "id"`;
  if (rows.length === 0) throw new Error("Cannot start a session for a missing or disabled user.");
  // Housekeeping on the sign-in path (rare, and bounded to this user): forget their ended sessions.
  await db.authSession.deleteMany({ where: { userId: input.userId, expiresAt: { lte: now } } });
  return { id, expiresAt };
}

/**
 * The person behind a session id, or null when the session was ended (signed out), is past
 * its absolute maximum age, or its user was disabled or had their sessions ended.
 * Exactly one query: a primary-key lookup joined to the user's primary key (run on the pool
 * directly, lib/db/sql.ts: it runs on every request).
 */
export async function loadSessionActor(db: Db, sessionId: string, now = new Date()): Promise<SessionActor | null> {
  if (!sessionId || sessionId.length > 100) return null;
  const rows = await queryRows<SessionActor>(
    db,
    Prisma.sql`
      SELECT u."id", u."email", u."name", u."role"::text AS "role", u."mustChangePassword"
      FROM "AuthSession" s JOIN "User" u ON u."id" = s."userId"
      WHERE s."id" = ${sessionId}
        AND s."expiresAt" > ${utc(now)}
        AND u."sessionVersion" = s."userVersion"
        AND NOT u."disabled"`,
  );
  return rows[0] ?? null;
}

/**
 * Sign-out: ends one session and audits it (`auth.sign_out`) in the same transaction.
 * Idempotent: for a session already ended nothing is written.
 *
 * @returns whether a session was ended
 */
export async function signOutSession(db: Db, sessionId: string, meta?: RequestMeta): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ userId: string; email: string; method: string }>>`
      WITH ended AS (DELETE FROM "AuthSession" WHERE "id" = ${sessionId} RETURNING "userId", "method")
      SELECT ended."userId", ended."method", u."email" FROM ended JOIN "User" u ON u."id" = ended."userId"`;
    const ended = rows[0];
    if (!ended) return false;
    await appendAudit(tx, { id: ended.userId, email: ended.email }, { action: "auth.sign_out", entityType: "User", entityId: ended.userId, summary: { method: ended.method } }, meta);
    return true;
  });
}

/** Ends every session of a user ("sign out everywhere"); returns how many were open. */
export async function endAllSessions(db: Db, userId: string): Promise<number> {
  const { count } = await db.authSession.deleteMany({ where: { userId } });
  return count;
}

/** Housekeeping for a scheduled job: drop sessions past their maximum age. */
export async function pruneExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.authSession.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
