import "server-only";
import type { Role } from "@/generated/prisma/enums";
import type { RequestMeta, TokenActor } from "@/lib/authz/actor";
import { API_SCOPES, type ApiScope } from "@/lib/authz/scopes";
import { appendAudit } from "@/lib/audit/append";
import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db/create-client";
import { TooManyRequestsError, UnauthenticatedError } from "@/lib/errors";
import { withTransaction } from "@/lib/service-context";
import { derivePepper, hashTokenSecret, isWellFormedToken } from "./secret";

/** `lastUsedAt` / `lastUsedIp` are refreshed at most this often per token (one write a minute, not one per call). */
const LAST_USED_RESOLUTION_MS = 60_000;

let pepper: Buffer | undefined;
function tokenPepper(): Buffer {
  pepper ??= derivePepper(getConfig());
  return pepper;
}

/** The `ApiToken.secretHash` of a presented secret, or null when it is not a well-formed token. */
export function secretHashOf(secret: string): string | null {
  return isWellFormedToken(secret) ? hashTokenSecret(secret, tokenPepper()) : null;
}

/**
 * Resolves `Authorization: Bearer <secret>` to the token's actor: its owner (re-read now, so a
 * disabled owner or a changed role takes effect on the next call) narrowed by its scopes.
 * Counts the call against the token's per-minute limit (stored in PostgreSQL, so it holds
 * across app instances) and refreshes "last used" at most once a minute.
 *
 * @throws UnauthenticatedError (401) for an unknown, malformed, revoked or expired token or a
 *   disabled owner; TooManyRequestsError (429) over the limit. Presenting a revoked or expired
 *   token is audited (`token.denied`).
 */
export async function authenticateToken(db: Db, secret: string, meta: RequestMeta, now = new Date()): Promise<TokenActor> {
  const hash = secretHashOf(secret);
  if (!hash) throw new UnauthenticatedError("Invalid API token.");
  // One round trip (this runs on every API call, the deployment gate's included): the token
  // with its owner, and, only for a usable token, this minute's request count incremented.
  const rows = await db.$queryRaw<TokenRow[]>`
    WITH t AS (
      SELECT k."id", k."name", k."scopes", k."expiresAt", k."revokedAt", k."lastUsedAt", k."rateLimitPerMinute",
        u."id" AS "ownerId", u."email", u."name" AS "ownerName", u."role"::text AS "role", u."disabled"
      FROM "ApiToken" k JOIN "User" u ON u."id" = k."ownerId"
      WHERE k."secretHash" = ${hash}
    ), c AS (
      INSERT INTO "ApiRateLimit" ("key", "windowStart", "count")
      SELECT 'token:' || t."id", ${windowStart(now)}, 1 FROM t
      WHERE t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > ${now}) AND NOT t."disabled"
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "ApiRateLimit"."count" + 1
      RETURNING "count"
    )
    SELECT t.*, (SELECT c."count" FROM c) AS "count" FROM t`;
  const token = rows[0];
  if (!token) throw new UnauthenticatedError("Invalid API token.");
  const actor: TokenActor = {
    kind: "token",
    id: token.ownerId,
    email: token.email,
    name: token.ownerName,
    role: token.role as Role | null,
    token: { id: token.id, name: token.name, scopes: token.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)) },
  };
  const refusal = token.revokedAt
    ? "This API token was revoked."
    : token.expiresAt && token.expiresAt <= now
      ? "This API token has expired."
      : token.disabled
        ? "The owner of this API token is disabled."
        : null;
  if (refusal) {
    await recordTokenDenied(db, actor, refusal, meta, now);
    throw new UnauthenticatedError(refusal);
  }

  if ((token.count ?? Number.POSITIVE_INFINITY) > token.rateLimitPerMinute) {
    throw new TooManyRequestsError(`This API token may make ${token.rateLimitPerMinute} requests a minute.`, secondsToNextMinute(now));
  }
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now, lastUsedIp: meta.ip ?? null } });
  }
  return actor;
}

type TokenRow = {
  id: string;
  name: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  rateLimitPerMinute: number;
  ownerId: string;
  email: string;
  ownerName: string;
  role: string | null;
  disabled: boolean;
  /** This minute's count after this call; null only if the token was refused above. */
  count: number | null;
};

/** Start of the fixed one-minute window `now` falls in. */
function windowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}

function secondsToNextMinute(now: Date): number {
  return Math.max(1, Math.ceil((windowStart(now).getTime() + 60_000 - now.getTime()) / 1000));
}

/**
 * Adds one to `key`'s counter for the current minute and returns the new count (one statement,
 * safe under concurrency and across instances).
 */
export async function countRequest(db: Db, key: string, now = new Date()): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "ApiRateLimit" ("key", "windowStart", "count") VALUES (${key}, ${windowStart(now)}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "ApiRateLimit"."count" + 1
    RETURNING "count"`;
  return rows[0]!.count;
}

/**
 * Audits a refused use of a token (revoked, expired, scope or permission refused). At most one
 * event per token, reason and minute, so a misconfigured pipeline hammering the API cannot
 * flood the audit trail; the event counts toward nothing else.
 */
export async function recordTokenDenied(db: Db, actor: TokenActor, reason: string, meta: RequestMeta, now = new Date()) {
  const first = (await countRequest(db, `deny:${actor.token.id}:${reason.slice(0, 80)}`, now)) === 1;
  if (!first) return;
  await withTransaction({ actor, db, meta }, ({ db: tx }) =>
    appendAudit(tx, actor, { action: "token.denied", entityType: "ApiToken", entityId: actor.token.id, summary: { reason, token: actor.token.name } }, meta),
  );
}
