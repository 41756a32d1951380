import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { findOrCreateOidcUser, type OidcProfile } from "./oidc-user";

const t = useTestDatabase();
let n = 0;
const profile = (over: Partial<OidcProfile> = {}): OidcProfile => ({
  subject: `sub-${Date.now()}-${n++}`,
  email: `sso-${Date.now()}-${n++}@example.test`,
  emailVerified: true,
  name: "Sam SSO",
  mappedRole: null,
  ...over,
});

describe("[AUTH] OpenID Connect accounts", () => {
  it("creates a new account with the mapped role, or none (no access yet), audited", async () => {
    const mapped = await findOrCreateOidcUser(t.db, profile({ mappedRole: "SECURITY_REVIEWER" }));
    const unmapped = await findOrCreateOidcUser(t.db, profile());
    expect(mapped.ok && unmapped.ok).toBe(true);
    if (!mapped.ok || !unmapped.ok) return;
    expect(mapped.created).toBe(true);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: mapped.user.id } })).role).toBe("SECURITY_REVIEWER");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: unmapped.user.id } })).role).toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: "user.created_by_sso", entityId: { in: [mapped.user.id, unmapped.user.id] } } })).toBe(2);
  });

  it("links an existing account with a verified email once, audited; later sign-ins use the subject", async () => {
    const user = await createUser(t.db, "AUDITOR", { password: "some password 1" });
    const p = profile({ email: user.email.toUpperCase() });
    const first = await findOrCreateOidcUser(t.db, p, { ip: "192.0.2.9" });
    expect(first).toMatchObject({ ok: true, linked: true, user: { id: user.id } });
    const events = await t.db.auditEvent.findMany({ where: { action: "user.sso_linked", entityId: user.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.requestMeta).toMatchObject({ ip: "192.0.2.9" });
    const again = await findOrCreateOidcUser(t.db, p);
    expect(again).toMatchObject({ ok: true, linked: false, user: { id: user.id } });
    expect(await t.db.auditEvent.count({ where: { action: "user.sso_linked", entityId: user.id } })).toBe(1);
  });

  it("refuses to link when the provider has not verified the email", async () => {
    const user = await createUser(t.db, "ADMIN");
    expect(await findOrCreateOidcUser(t.db, profile({ email: user.email, emailVerified: false }))).toMatchObject({ ok: false, reason: "email_not_verified" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).oidcSubject).toBeNull();
  });

  it("refuses another subject claiming an already linked email (no takeover by email)", async () => {
    const owner = profile();
    const created = await findOrCreateOidcUser(t.db, owner);
    expect(created.ok).toBe(true);
    expect(await findOrCreateOidcUser(t.db, profile({ email: owner.email }))).toMatchObject({ ok: false, reason: "subject_conflict" });
  });

  it("a disabled account cannot sign in through SSO, and is not linked; the refusal is audited", async () => {
    const linked = profile();
    const made = await findOrCreateOidcUser(t.db, linked);
    if (!made.ok) throw new Error("setup");
    await t.db.user.update({ where: { id: made.user.id }, data: { disabled: true } });
    expect(await findOrCreateOidcUser(t.db, linked)).toMatchObject({ ok: false, reason: "disabled" });

    const local = await createUser(t.db, "AUDITOR");
    await t.db.user.update({ where: { id: local.id }, data: { disabled: true } });
    expect(await findOrCreateOidcUser(t.db, profile({ email: local.email }))).toMatchObject({ ok: false, reason: "disabled" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: local.id } })).oidcSubject).toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: "auth.sign_in_failed", entityId: { in: [made.user.id, local.id] } } })).toBe(2);
  });
});
