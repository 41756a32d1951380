import { z } from "zod";
import type { Db } from "@/lib/db/create-client";
import { appendAudit } from "@/lib/audit/append";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { clearLoginFailures, isRateLimited, loginKey, recordLoginFailure, type RateLimitSettings } from "./rate-limit";

export const ZSignInInput = z.object({
  email: z.email("Enter a valid email address.").trim().toLowerCase().max(320),
  password: z.string().min(1, "Enter your password.").max(1024),
});

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "INVALID" | "RATE_LIMITED" };

/**
 * Checks an email + password. Every failure looks the same to the caller ("INVALID") whether
 * the account exists, is disabled or the password is wrong; the rate limit applies to
 * unknown accounts as well, so it reveals nothing either.
 */
export async function authenticateWithPassword(
  db: Db,
  input: { email: string; password: string; ip: string; userAgent?: string },
  limits: RateLimitSettings,
): Promise<SignInResult> {
  const parsed = ZSignInInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "INVALID" };
  const { email, password } = parsed.data;
  const key = loginKey(email, input.ip);
  if (await isRateLimited(db, key, limits)) return { ok: false, reason: "RATE_LIMITED" };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabled: true, sessionVersion: true },
  });
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid || user.disabled) {
    await recordLoginFailure(db, key);
    return { ok: false, reason: "INVALID" };
  }
  await clearLoginFailures(db, key);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await appendAudit(tx, user, { action: "auth.sign_in", entityType: "User", entityId: user.id, summary: { method: "password" } }, {
      ip: input.ip,
      userAgent: input.userAgent,
    });
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
