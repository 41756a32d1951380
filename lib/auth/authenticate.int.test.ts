import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { actorOf, createUser } from "@/test/factories";
import { ValidationError } from "@/lib/errors";
import { changeOwnPassword } from "@/lib/users/manage-users";
import { authenticateWithPassword } from "./authenticate";
import { checkCurrentPassword } from "./check-current-password";
import { accountKey, backoffDelayMs, pruneLoginFailures, type RateLimitSettings } from "./rate-limit";

const t = useTestDatabase();
const limits: RateLimitSettings = { maxFailures: 3, windowMinutes: 15, backoffAfter: 5, backoffMaxMinutes: 15 };
const PASSWORD = "correct horse battery staple";
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe("[AUTH] password sign-in", () => {
  it("stores Argon2id hashes and accepts the right password", async () => {
    const user = await createUser(t.db, "AUDITOR", { password: PASSWORD });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const result = await authenticateWithPassword(t.db, { email: user.email.toUpperCase(), password: PASSWORD, ip: "10.0.0.1" }, limits);
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await t.db.auditEvent.count({ where: { action: "auth.sign_in", entityId: user.id } })).toBe(1);
  });

  it("wrong password, unknown account and disabled account all look the same", async () => {
    const user = await createUser(t.db, "AUDITOR", { password: PASSWORD });
    const disabled = await createUser(t.db, "AUDITOR", { password: PASSWORD });
    await t.db.user.update({ where: { id: disabled.id }, data: { disabled: true } });
    for (const [email, password] of [
      [user.email, "wrong password"],
      ["nobody@example.test", PASSWORD],
      [disabled.email, PASSWORD],
    ]) {
      expect(await authenticateWithPassword(t.db, { email: email!, password: password!, ip: "10.0.0.2" }, limits)).toEqual({ ok: false, reason: "INVALID" });
    }
  });

  it("locks an account+IP after too many failures, even for the right password; another IP is not affected by that window", async () => {
    const user = await createUser(t.db, "AUDITOR", { password: PASSWORD });
    for (let i = 0; i < 3; i++) {
      await authenticateWithPassword(t.db, { email: user.email, password: "nope", ip: "10.0.0.3" }, limits);
    }
    expect(await authenticateWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "10.0.0.3" }, limits)).toMatchObject({ ok: false, reason: "RATE_LIMITED" });
    expect((await authenticateWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "10.0.0.4" }, limits)).ok).toBe(true);
  });

  it("unknown accounts are rate limited the same way (nothing revealed)", async () => {
    for (let i = 0; i < 3; i++) {
      await authenticateWithPassword(t.db, { email: "ghost@example.test", password: "x", ip: "10.0.0.5" }, limits);
    }
    expect(await authenticateWithPassword(t.db, { email: "ghost@example.test", password: "x", ip: "10.0.0.5" }, limits)).toMatchObject({ ok: false, reason: "RATE_LIMITED" });
  });
});

describe("[AUTH] per-account back-off that no IP can reset", () => {
  it("the back-off curve grows from 30 s and is capped (a slow-down, never a lock)", () => {
    const s = { backoffAfter: 5, backoffMaxMinutes: 15 };
    expect([4, 5, 6, 7, 8, 9, 10, 11, 50, 10_000].map((n) => backoffDelayMs(n, s) / 1000)).toEqual([0, 30, 60, 120, 240, 480, 900, 900, 900, 900]);
  });

  it("rotating the IP does not reset it; after the wait one more guess is allowed; the right password then works", async () => {
    const user = await createUser(t.db, "AUDITOR", { password: PASSWORD });
    const t0 = new Date();
    // Five failures from five different addresses, none reaching the per-IP limit.
    for (let i = 0; i < 5; i++) {
      expect(await authenticateWithPassword(t.db, { email: user.email, password: "guess", ip: `198.51.100.${i}` }, limits, at(t0, i))).toEqual({ ok: false, reason: "INVALID" });
    }
    // A sixth address, even with the right password, must wait 30 s after the last failure.
    const limited = await authenticateWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "198.51.100.77" }, limits, at(t0, 1000));
    expect(limited).toMatchObject({ ok: false, reason: "RATE_LIMITED" });
    expect((limited as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(25);
    expect((limited as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(30);
    // Refused attempts check nothing and record nothing.
    expect(await t.db.loginFailure.count({ where: { key: accountKey(user.email) } })).toBe(5);
    // After the wait, one more wrong guess is checked, and the wait doubles.
    expect(await authenticateWithPassword(t.db, { email: user.email, password: "guess", ip: "198.51.100.8" }, limits, at(t0, 31_000))).toEqual({ ok: false, reason: "INVALID" });
    expect(await authenticateWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "198.51.100.9" }, limits, at(t0, 31_000 + 59_000))).toMatchObject({ ok: false, reason: "RATE_LIMITED" });
    // Never a lock: after the (capped) wait the owner gets in.
    expect((await authenticateWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "198.51.100.9" }, limits, at(t0, 31_000 + 61_000))).ok).toBe(true);
  });

  it("an attacker keeping the account throttled does not lock the owner out of a known device", async () => {
    const user = await createUser(t.db, "AUDITOR", { password: PASSWORD });
    const t0 = new Date();
    // Everyone shares the IP "unknown" (no trusted proxy): the attacker fills both limits.
    for (let i = 0; i < 5; i++) await authenticateWithPassword(t.db, { email: user.email, password: "guess", ip: "unknown" }, limits, at(t0, i));
    expect(await authenticateWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "unknown" }, limits, at(t0, 10))).toMatchObject({ reason: "RATE_LIMITED" });
    // The owner's browser, which signed in before, gets in at once.
    expect((await authenticateWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "unknown", knownDevice: "owner-laptop" }, limits, at(t0, 20))).ok).toBe(true);
    // A known device is still limited per device (3 per window here), and others still wait.
    for (let i = 0; i < 3; i++) {
      await authenticateWithPassword(t.db, { email: user.email, password: "typo", ip: "unknown", knownDevice: "owner-laptop" }, limits, at(t0, 30 + i));
    }
    expect(await authenticateWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "unknown", knownDevice: "owner-laptop" }, limits, at(t0, 40))).toMatchObject({ reason: "RATE_LIMITED" });
    expect(await authenticateWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "unknown" }, limits, at(t0, 50))).toMatchObject({ reason: "RATE_LIMITED" });
  });

  it("a burst of parallel guesses checks at most the allowed number of passwords", async () => {
    const user = await createUser(t.db, "AUDITOR", { password: PASSWORD });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => authenticateWithPassword(t.db, { email: user.email, password: `guess-${i}`, ip: `203.0.113.${i}` }, limits)),
    );
    // backoffAfter = 5 free failures; the 6th must wait 30 s after the 5th: all others refused.
    expect(results.filter((r) => !r.ok && r.reason === "INVALID")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === "RATE_LIMITED")).toHaveLength(7);
  });

  it("failed sign-ins are audited, but not every one (an attacker cannot flood the log)", async () => {
    const user = await createUser(t.db, "AUDITOR", { password: PASSWORD });
    const t0 = new Date();
    for (let i = 0; i < 3; i++) await authenticateWithPassword(t.db, { email: user.email, password: "nope", ip: "192.0.2.1" }, limits, at(t0, i));
    const events = await t.db.auditEvent.findMany({ where: { action: "auth.sign_in_failed", entityId: user.id }, orderBy: { id: "asc" } });
    // The first failure and the one reaching the per-IP limit (3); not the second.
    expect(events.map((e) => (e.summary as { failuresFromThisClient: number }).failuresFromThisClient)).toEqual([1, 3]);
    expect(events[0]!.summary).toMatchObject({ reason: "wrong_password", email: user.email });
    expect(events[0]!.requestMeta).toMatchObject({ ip: "192.0.2.1" });
    expect(events[0]!.actorId).toBeNull();
  });

  it("an unknown account's attempted email is not stored in the audit log", async () => {
    await authenticateWithPassword(t.db, { email: "typo-or-password@example.test", password: "x", ip: "192.0.2.2" }, limits);
    const [event] = await t.db.auditEvent.findMany({ where: { action: "auth.sign_in_failed", entityId: { startsWith: "unknown:" } }, orderBy: { id: "desc" }, take: 1 });
    expect(event).toBeDefined();
    expect(JSON.stringify([event!.entityId, event!.summary, event!.actorLabel])).not.toContain("typo-or-password");
  });

  it("housekeeping drops failures older than every window", async () => {
    await t.db.loginFailure.create({ data: { key: "old", createdAt: new Date(Date.now() - 26 * 3_600_000) } });
    await t.db.loginFailure.create({ data: { key: "recent", createdAt: new Date() } });
    await pruneLoginFailures(t.db);
    expect(await t.db.loginFailure.count({ where: { key: "old" } })).toBe(0);
    expect(await t.db.loginFailure.count({ where: { key: "recent" } })).toBe(1);
  });
});

describe("[AUTH] wrong current passwords on the change-password form count in the same limiter", () => {
  it("guesses through a session are limited like sign-in guesses, and the limit also refuses sign-in", async () => {
    const user = await createUser(t.db, "AUDITOR", { password: PASSWORD });
    const ctx = { actor: actorOf(user), db: t.db, meta: { ip: "192.0.2.50" } };
    // LOGIN_MAX_FAILURES default 10 per account+IP: exhaust it through the form.
    for (let i = 0; i < 10; i++) {
      await expect(changeOwnPassword(ctx, { current: `guess ${i}`, password: "a brand new password", confirm: "a brand new password" })).rejects.toThrow(/not correct/);
    }
    const error = await changeOwnPassword(ctx, { current: PASSWORD, password: "a brand new password", confirm: "a brand new password" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/Too many wrong passwords/);
    // The sign-in form, from the same address, is refused too: one limiter.
    expect(await authenticateWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "192.0.2.50" }, { maxFailures: 10, windowMinutes: 15 })).toMatchObject({
      ok: false,
      reason: "RATE_LIMITED",
    });
    expect(await t.db.auditEvent.count({ where: { action: "auth.sign_in_failed", entityId: user.id } })).toBeGreaterThan(0);
  });

  it("the right current password clears this address's failures", async () => {
    const user = await createUser(t.db, "AUDITOR", { password: PASSWORD });
    const input = { userId: user.id, email: user.email, passwordHash: user.passwordHash, ip: "192.0.2.60" };
    expect(await checkCurrentPassword(t.db, { ...input, password: "wrong" }, limits)).toEqual({ ok: false, reason: "WRONG" });
    expect(await checkCurrentPassword(t.db, { ...input, password: PASSWORD }, limits)).toEqual({ ok: true });
    expect(await checkCurrentPassword(t.db, { ...input, password: "wrong" }, limits)).toEqual({ ok: false, reason: "WRONG" });
    expect(await checkCurrentPassword(t.db, { ...input, password: "wrong" }, limits)).toEqual({ ok: false, reason: "WRONG" });
    expect(await checkCurrentPassword(t.db, { ...input, password: PASSWORD }, limits)).toEqual({ ok: true });
  });
});
