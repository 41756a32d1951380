import type { Db } from "@/lib/db/create-client";
import { auditFailure } from "./authenticate";
import { verifyPassword } from "./password";
import { attemptSucceeded, reserveAttempt, type RateLimitSettings } from "./rate-limit";

export type CurrentPasswordCheck = { ok: true } | { ok: false; reason: "WRONG" } | { ok: false; reason: "RATE_LIMITED"; retryAfterSeconds: number };

/**
 * Checks a signed-in user's current password (the change-password form) under the same two
 * limits as sign-in (`rate-limit.ts`, same keys): a stolen session cannot be used to guess
 * the password behind it faster than the sign-in form allows.
 *
 * @param input.ip the trusted client address, or "unknown"
 */
export async function checkCurrentPassword(
  db: Db,
  input: { userId: string; email: string; passwordHash: string | null; password: string; ip: string; userAgent?: string },
  limits: RateLimitSettings,
): Promise<CurrentPasswordCheck> {
  const decision = await reserveAttempt(db, input.email, input.ip, limits);
  if (!decision.ok) return { ok: false, reason: "RATE_LIMITED", retryAfterSeconds: decision.retryAfterSeconds };
  if (input.passwordHash && (await verifyPassword(input.passwordHash, input.password))) {
    await attemptSucceeded(db, decision, input.email, input.ip);
    return { ok: true };
  }
  await auditFailure(
    db,
    { email: input.email, userId: input.userId, reason: "wrong_current_password", decision, limits },
    { ip: input.ip, userAgent: input.userAgent },
  );
  return { ok: false, reason: "WRONG" };
}
