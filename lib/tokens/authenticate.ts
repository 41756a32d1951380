import "server-only";
import type { Role } from "@/generated/prisma/enums";
import type { RequestMeta, TokenActor } from "@/lib/authz/actor";
import { API_SCOPES, type ApiScope } from "@/lib/authz/scopes";
import { appendAudit } from "@/lib/audit/append";
import { getConfig } from "@/lib/config";
import { Prisma } from "@/generated/prisma/client";
import { batcherPerClient, createBatcher } from "@/lib/db/batcher";
import type { Db } from "@/lib/db/create-client";
import { queryRows, utc } from "@/lib/db/sql";
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
 * Concurrent calls presenting the same token are looked up and counted by ONE statement
 * (`lookupToken`): the token is still read after each call arrived, and every call still
 * counts one, in order.
 *
 * @throws UnauthenticatedError (401) for an unknown, malformed, revoked or expired token or a
 *   disabled owner; TooManyRequestsError (429) over the limit. Presenting a revoked or expired
 *   token is audited (`token.denied`).
 */
export async function authenticateToken(db: Db, secret: string, meta: RequestMeta, now = new Date()): Promise<TokenActor> {
  const hash = secretHashOf(secret);
  if (!hash) throw new UnauthenticatedError("Invalid API token.");
  const found = await lookupToken(db)({ hash, now, ip: meta.ip ?? null });
  if (!found) throw new UnauthenticatedError("Invalid API token.");
  const { token, count } = found;
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
        : count === null
          ? "This API token has expired." // expired between this call and a later one counted with it
          : null;
  if (refusal) {
    await recordTokenDenied(db, actor, refusal, meta, now);
    throw new UnauthenticatedError(refusal);
  }

  if ((count ?? Number.POSITIVE_INFINITY) > token.rateLimitPerMinute) {
    throw new TooManyRequestsError(`This API token may make ${token.rateLimitPerMinute} requests a minute.`, secondsToNextMinute(now));
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
  /** This minute's count after the statement's increment; null when the token is not usable (nothing counted). */
  count: number | null;
};

type Lookup = { hash: string; now: Date; ip: string | null };
/** The token with its owner and this call's place in the minute's count (null: not counted). */
type Found = { token: TokenRow; count: number | null } | null;

/**
 * Looks tokens up and counts their calls, a batch of concurrent calls at a time
 * (lib/db/batcher.ts). Calls with the same token in the same minute share one statement: the
 * token with its owner, and — only for a usable token — the minute's counter incremented by
 * the number of calls, each call getting its own place in that count (so the limit refuses
 * exactly the calls past it, as one statement per call did). Usable means not revoked, not
 * expired at the latest call's time, and an enabled owner. `lastUsedAt` / `lastUsedIp` are
 * refreshed (at most once a minute) before any call of the batch is answered.
 */
const lookupToken = batcherPerClient((db: Db) =>
  createBatcher<Lookup, Found>(async (items) => {
    const groups = new Map<string, number[]>();
    items.forEach((item, i) => {
      const key = `${item.hash}:${windowStart(item.now).getTime()}`;
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    const results: Found[] = new Array<Found>(items.length).fill(null);
    await Promise.all(
      [...groups.values()].map(async (indices) => {
        const calls = indices.map((i) => items[i]!);
        const latest = calls.reduce((a, b) => (b.now > a.now ? b : a));
        const rows = await queryRows<TokenRow>(
          db,
          Prisma.sql`
          WITH t AS (
            SELECT k."id", k."name", k."scopes", k."expiresAt", k."revokedAt", k."lastUsedAt", k."rateLimitPerMinute",
              u."id" AS "ownerId", u."email", u."name" AS "ownerName", u."role"::text AS "role", u."disabled"
            FROM "ApiToken" k JOIN "User" u ON u."id" = k."ownerId"
            WHERE k."secretHash" = ${latest.hash}
          ), c AS (
            INSERT INTO "ApiRateLimit" ("key", "windowStart", "count")
            SELECT 'token:' || t."id", ${utc(windowStart(latest.now))}, ${calls.length}::int FROM t
            WHERE t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > ${utc(latest.now)}) AND NOT t."disabled"
            ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "ApiRateLimit"."count" + EXCLUDED."count"
            RETURNING "count"
          )
          SELECT t.*, (SELECT c."count" FROM c) AS "count" FROM t`,
        );
        const token = rows[0];
        if (!token) return;
        // The counter now stands at `count`: these calls hold its last `calls.length` places, in order.
        indices.forEach((i, j) => {
          results[i] = { token, count: token.count === null ? null : token.count - calls.length + j + 1 };
        });
        const withinLimit = token.count !== null && token.count - calls.length + 1 <= token.rateLimitPerMinute;
        if (withinLimit && (!token.lastUsedAt || latest.now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS)) {
          await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: latest.now, lastUsedIp: latest.ip } });
        }
      }),
    );
    return results;
  }),
);

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
