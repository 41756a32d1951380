import { createHash } from "node:crypto";
import { z } from "zod";
import { isStorableText } from "@/lib/validation/fields";
import type { Db } from "@/lib/db/create-client";
import { appendAudit } from "@/lib/audit/append";
import { getConfig } from "@/lib/config";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { attemptSucceeded, DEFAULT_BACKOFF, reserveAttempt, type AttemptDecision, type RateLimitSettings } from "./rate-limit";

export const ZSignInInput = z.object({
  email: z.email("Enter a valid email address.").trim().toLowerCase().max(320),
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024, "The password is too long.").refine(isStorableText, { message: "The password contains a character that cannot be used (NUL or a lone UTF-16 surrogate)." }),
});

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "INVALID" }
  | { ok: false; reason: "RATE_LIMITED"; retryAfterSeconds: number };

/** The limiter settings from the configuration (LOGIN_* variables). */
export function loginLimitsFromConfig(): RateLimitSettings {
  const cfg = getConfig();
  return {
    maxFailures: cfg.LOGIN_MAX_FAILURES,
    windowMinutes: cfg.LOGIN_WINDOW_MINUTES,
    backoffAfter: cfg.LOGIN_BACKOFF_AFTER,
    backoffMaxMinutes: cfg.LOGIN_BACKOFF_MAX_MINUTES,
  };
}

/**
 * Checks an email + password. Every failure looks the same to the caller ("INVALID") whether
 * the account exists, is disabled or the password is wrong; the rate limits (see
 * `rate-limit.ts`) apply to unknown accounts as well, so they reveal nothing either.
 *
 * @param input.ip the trusted client address (`clientIp`), or "unknown"
 * @param input.knownDevice the id from a verified known-device cookie for this email, if any
 */
export async function authenticateWithPassword(
  db: Db,
  input: { email: string; password: string; ip: string; userAgent?: string; knownDevice?: string },
  limits: RateLimitSettings,
  now = new Date(),
): Promise<SignInResult> {
  const parsed = ZSignInInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "INVALID" };
  const { email, password } = parsed.data;
  const decision = await reserveAttempt(db, email, input.ip, limits, now, input.knownDevice);
  if (!decision.ok) return { ok: false, reason: "RATE_LIMITED", retryAfterSeconds: decision.retryAfterSeconds };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabled: true, sessionVersion: true },
  });
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  const meta = { ip: input.ip, userAgent: input.userAgent?.slice(0, 300) };
  if (!user || !valid || user.disabled) {
    const reason = !user ? "unknown_account" : !valid ? "wrong_password" : "disabled";
    await auditFailure(db, { email, userId: user?.id, reason, decision, limits }, meta);
    return { ok: false, reason: "INVALID" };
  }
  await attemptSucceeded(db, decision, email, input.ip, input.knownDevice);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    await appendAudit(tx, user, { action: "auth.sign_in", entityType: "User", entityId: user.id, summary: { method: "password" } }, meta);
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}

/**
 * Audits a failed password check — but not every one: an attacker must not be able to fill
 * the audit log (or queue every request on its chain lock) by guessing. One event is written
 * for the first failure in a window, for the failure that reaches the per-IP limit, and for
 * the one that starts (and each that extends) the per-account back-off.
 *
 * The attempted email of an account that does not exist is not stored (people type
 * passwords into the email field); the entity is then `unknown:` + 16 hex digits of its
 * SHA-256, enough to see repeated attempts on one name.
 */
export async function auditFailure(
  db: Db,
  failure: {
    email: string;
    userId?: string;
    reason: "unknown_account" | "wrong_password" | "disabled" | "wrong_current_password";
    decision: Extract<AttemptDecision, { ok: true }>;
    limits: RateLimitSettings;
  },
  meta: { ip: string; userAgent?: string },
) {
  const { ipFailures, accountFailures } = failure.decision;
  const backoffAfter = failure.limits.backoffAfter ?? DEFAULT_BACKOFF.backoffAfter;
  const worth = ipFailures === 1 || ipFailures === failure.limits.maxFailures || accountFailures >= backoffAfter;
  if (!worth) return;
  const entityId = failure.userId ?? `unknown:${createHash("sha256").update(failure.email).digest("hex").slice(0, 16)}`;
  await db.$transaction(async (tx) => {
    await appendAudit(
      tx,
      null,
      {
        action: "auth.sign_in_failed",
        entityType: "User",
        entityId,
        summary: {
          reason: failure.reason,
          ...(failure.userId ? { email: failure.email } : {}),
          failuresFromThisClient: ipFailures,
          failuresOnAccount24h: accountFailures,
          limitReached: ipFailures >= failure.limits.maxFailures || accountFailures >= backoffAfter,
        },
      },
      meta,
    );
  });
}
