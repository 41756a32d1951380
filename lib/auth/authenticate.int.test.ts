import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { authenticateWithPassword } from "./authenticate";

const t = useTestDatabase();
const limits = { maxFailures: 3, windowMinutes: 15 };
const PASSWORD = "correct horse battery staple";

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

  it("locks an account+IP after too many failures, even for the right password; other IPs are unaffected", async () => {
    const user = await createUser(t.db, "AUDITOR", { password: PASSWORD });
    for (let i = 0; i < 3; i++) {
      await authenticateWithPassword(t.db, { email: user.email, password: "nope", ip: "10.0.0.3" }, limits);
    }
    expect(await authenticateWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "10.0.0.3" }, limits)).toEqual({ ok: false, reason: "RATE_LIMITED" });
    expect((await authenticateWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "10.0.0.4" }, limits)).ok).toBe(true);
  });

  it("unknown accounts are rate limited the same way (nothing revealed)", async () => {
    for (let i = 0; i < 3; i++) {
      await authenticateWithPassword(t.db, { email: "ghost@example.test", password: "x", ip: "10.0.0.5" }, limits);
    }
    expect(await authenticateWithPassword(t.db, { email: "ghost@example.test", password: "x", ip: "10.0.0.5" }, limits)).toEqual({ ok: false, reason: "RATE_LIMITED" });
  });
});
