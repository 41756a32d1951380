import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/create-client";

export type RateLimitSettings = { maxFailures: number; windowMinutes: number };

/** Failures are counted per account+IP; the key is hashed so the table holds no addresses. */
export function loginKey(email: string, ip: string): string {
  return createHash("sha256").update(`${email.trim().toLowerCase()}|${ip}`).digest("hex");
}

export async function isRateLimited(db: Db, key: string, settings: RateLimitSettings, now = new Date()) {
  const since = new Date(now.getTime() - settings.windowMinutes * 60_000);
  const failures = await db.loginFailure.count({ where: { key, createdAt: { gte: since } } });
  return failures >= settings.maxFailures;
}

export async function recordLoginFailure(db: Db, key: string) {
  await db.loginFailure.create({ data: { key } });
}

export async function clearLoginFailures(db: Db, key: string) {
  await db.loginFailure.deleteMany({ where: { key } });
}

/** Housekeeping: drop rows older than any window we could be asked about. */
export async function pruneLoginFailures(db: Db, olderThanMinutes = 24 * 60) {
  await db.loginFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - olderThanMinutes * 60_000) } } });
}
