import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/create-client";

/**
 * Two limits on password checks, both stored in PostgreSQL (`LoginFailure`, one row per
 * failed check) so they hold across app instances:
 *
 * - per account + client IP: `maxFailures` failures within `windowMinutes` refuse further
 *   checks from that IP until the oldest failure leaves the window (sliding window);
 * - per account, whatever the IP (no address rotation resets it): after `backoffAfter`
 *   failures within {@link ACCOUNT_WINDOW_HOURS}, each further check must wait
 *   {@link backoffDelayMs} after the latest failure: 30 s, then doubling, capped at
 *   `backoffMaxMinutes`. It is a slow-down, never a permanent lock, so an attacker who knows
 *   an email address cannot lock its owner out for longer than the cap.
 *
 * Refused attempts check no password and record nothing, so hammering a throttled account
 * does not extend its back-off. Keys are SHA-256 hashes: the table holds no addresses.
 */
export type RateLimitSettings = {
  maxFailures: number;
  windowMinutes: number;
  /** Default {@link DEFAULT_BACKOFF}.backoffAfter (LOGIN_BACKOFF_AFTER). */
  backoffAfter?: number;
  /** Default {@link DEFAULT_BACKOFF}.backoffMaxMinutes (LOGIN_BACKOFF_MAX_MINUTES). */
  backoffMaxMinutes?: number;
};

/** The configuration's defaults, for callers that set only the per-IP window. */
export const DEFAULT_BACKOFF = { backoffAfter: 10, backoffMaxMinutes: 15 } as const;

/** Failures counted by the per-account back-off are those of the last 24 hours. */
export const ACCOUNT_WINDOW_HOURS = 24;
const BACKOFF_BASE_MS = 30_000;

/** Key of the per account + IP window. */
export function loginKey(email: string, ip: string): string {
  return createHash("sha256").update(`${normaliseEmail(email)}|${ip}`).digest("hex");
}

/** Key of the per-account back-off (any IP). Prefixed so it can never equal a {@link loginKey}. */
export function accountKey(email: string): string {
  return createHash("sha256").update(`account|${normaliseEmail(email)}`).digest("hex");
}

function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

/**
 * How long the account must wait after its latest failure, given its failures in the last
 * {@link ACCOUNT_WINDOW_HOURS}: 0 below `backoffAfter`, then 30 s × 2^(failures − backoffAfter),
 * capped at `backoffMaxMinutes`. With the defaults (10, 15): 30 s, 1, 2, 4, 8, 15, 15 … min.
 *
 * @returns milliseconds
 */
export function backoffDelayMs(failures: number, settings: Pick<RateLimitSettings, "backoffAfter" | "backoffMaxMinutes">): number {
  const { backoffAfter, backoffMaxMinutes } = { ...DEFAULT_BACKOFF, ...settings };
  if (failures < backoffAfter) return 0;
  const exponent = Math.min(failures - backoffAfter, 30);
  return Math.min(BACKOFF_BASE_MS * 2 ** exponent, backoffMaxMinutes * 60_000);
}

export type AttemptDecision =
  | { ok: true; reservation: bigint[]; ipFailures: number; accountFailures: number }
  | { ok: false; retryAfterSeconds: number; limit: "ip" | "account" };

/**
 * Decides whether a password may be checked now and, if so, records the attempt as a
 * failure *before* the check (a "reservation"), inside one short transaction that holds a
 * per-account advisory lock. Parallel attempts on one account are thus counted one after the
 * other: a burst of 100 requests cannot all slip in before the first failure is written.
 * Call {@link attemptSucceeded} when the password was right; otherwise the reservation stays
 * as the recorded failure.
 *
 * @param ip the trusted client address, or "unknown" (then the per-IP window is shared by
 *   every client of that account)
 * @param knownDevice a verified known-device id (device-cookie.ts): the per-client window is
 *   then per device, and the account back-off does not apply (failures still count in it)
 */
export async function reserveAttempt(
  db: Db,
  email: string,
  ip: string,
  settings: RateLimitSettings,
  now = new Date(),
  knownDevice?: string,
): Promise<AttemptDecision> {
  const ipKey = clientKey(email, ip, knownDevice);
  const acctKey = accountKey(email);
  return db.$transaction(async (tx) => {
    // Two-integer advisory locks live in a key space apart from the single-bigint ones.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7241, hashtext(${acctKey}))`;
    const ipSince = new Date(now.getTime() - settings.windowMinutes * 60_000);
    const ipRows = await tx.loginFailure.aggregate({ where: { key: ipKey, createdAt: { gte: ipSince } }, _count: true, _min: { createdAt: true } });
    if (ipRows._count >= settings.maxFailures) {
      const freeAt = (ipRows._min.createdAt?.getTime() ?? now.getTime()) + settings.windowMinutes * 60_000;
      return { ok: false, limit: "ip", retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)) };
    }
    const acctSince = new Date(now.getTime() - ACCOUNT_WINDOW_HOURS * 3_600_000);
    const acctRows = await tx.loginFailure.aggregate({ where: { key: acctKey, createdAt: { gte: acctSince } }, _count: true, _max: { createdAt: true } });
    const wait = backoffDelayMs(acctRows._count, settings);
    const last = acctRows._max.createdAt?.getTime();
    // A browser that signed in as this account before is limited per device only: an
    // attacker keeping the account throttled does not lock its owner out (device-cookie.ts).
    if (!knownDevice && wait > 0 && last !== undefined && now.getTime() < last + wait) {
      return { ok: false, limit: "account", retryAfterSeconds: Math.max(1, Math.ceil((last + wait - now.getTime()) / 1000)) };
    }
    const ipRow = await tx.loginFailure.create({ data: { key: ipKey, createdAt: now }, select: { id: true } });
    const acctRow = await tx.loginFailure.create({ data: { key: acctKey, createdAt: now }, select: { id: true } });
    return { ok: true, reservation: [ipRow.id, acctRow.id], ipFailures: ipRows._count + 1, accountFailures: acctRows._count + 1 };
  });
}

/**
 * The password was right: drop this attempt's reservation and the failures of this
 * account + IP. The per-account failures stay until they age out of the 24-hour window, so
 * an attacker cannot reset the back-off by waiting for the owner to sign in.
 */
export async function attemptSucceeded(db: Db, decision: Extract<AttemptDecision, { ok: true }>, email: string, ip: string, knownDevice?: string) {
  await db.loginFailure.deleteMany({ where: { OR: [{ id: { in: decision.reservation } }, { key: clientKey(email, ip, knownDevice) }] } });
}

/** The per-client window's key: the known device when there is one, else the client IP. */
function clientKey(email: string, ip: string, knownDevice?: string) {
  return knownDevice ? loginKey(email, `device:${knownDevice}`) : loginKey(email, ip);
}

/** Housekeeping: drop rows older than any window we could be asked about. */
export async function pruneLoginFailures(db: Db, olderThanMinutes = 24 * 60 + 60) {
  await db.loginFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - olderThanMinutes * 60_000) } } });
}
