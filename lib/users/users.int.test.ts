import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { actorOf, createActor, createUser } from "@/test/factories";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";
import { changeOwnPassword, changeUserRole, createUserAccount, listUsers, resetUserPassword, setUserDisabled } from "./manage-users";

const t = useTestDatabase();

describe("[USERS] account management", () => {
  it("only admins manage users", async () => {
    for (const role of ["SECURITY_REVIEWER", "PRODUCT_OWNER", "AUDITOR"] as const) {
      const actor = await createActor(t.db, role);
      await expect(listUsers({ actor, db: t.db })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createUserAccount({ actor, db: t.db }, { email: `x-${role}@x.test`, name: "X Y", role: "ADMIN" })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await t.db.user.count({ where: { email: { startsWith: "x-" } } })).toBe(0);
  });

  it("creating a user issues a working one-time password and an audit event; duplicates are refused", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const { user, temporaryPassword } = await createUserAccount({ actor: admin, db: t.db }, { email: "New.Person@X.test", name: "New Person", role: "AUDITOR" });
    expect(user.email).toBe("new.person@x.test");
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.mustChangePassword).toBe(true);
    expect(await verifyPassword(stored.passwordHash!, temporaryPassword)).toBe(true);
    expect(await t.db.auditEvent.count({ where: { action: "user.created", entityId: user.id } })).toBe(1);
    await expect(createUserAccount({ actor: admin, db: t.db }, { email: "new.person@x.test", name: "Again", role: "AUDITOR" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("role change, disable and password reset end existing sessions (sessionVersion bump)", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const target = await createUser(t.db, "PRODUCT_OWNER", { password: "old password 123" });
    const version = async () => (await t.db.user.findUniqueOrThrow({ where: { id: target.id } })).sessionVersion;
    const v0 = await version();
    await changeUserRole({ actor: admin, db: t.db }, target.id, { role: "AUDITOR" });
    expect(await version()).toBe(v0 + 1);
    await setUserDisabled({ actor: admin, db: t.db }, target.id, true);
    expect(await version()).toBe(v0 + 2);
    const { temporaryPassword } = await resetUserPassword({ actor: admin, db: t.db }, target.id);
    expect(await version()).toBe(v0 + 3);
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: target.id } });
    expect(await verifyPassword(stored.passwordHash!, "old password 123")).toBe(false);
    expect(await verifyPassword(stored.passwordHash!, temporaryPassword)).toBe(true);
  });

  it("nobody changes their own role or disables themselves", async () => {
    const admin = await createActor(t.db, "ADMIN");
    await expect(changeUserRole({ actor: admin, db: t.db }, admin.id, { role: "AUDITOR" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setUserDisabled({ actor: admin, db: t.db }, admin.id, true)).rejects.toBeInstanceOf(ForbiddenError);
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(stored).toMatchObject({ role: "ADMIN", disabled: false });
  });

  it("an admin whose own account was meanwhile disabled cannot demote the last active admin", async () => {
    const keeper = await createActor(t.db, "ADMIN");
    await t.db.user.updateMany({ where: { role: "ADMIN", id: { not: keeper.id } }, data: { disabled: true } });
    const stale = await createUser(t.db, "ADMIN");
    await t.db.user.update({ where: { id: stale.id }, data: { disabled: true } });
    await expect(changeUserRole({ actor: actorOf(stale), db: t.db }, keeper.id, { role: "AUDITOR" })).rejects.toThrow(/last active admin/);
    await expect(setUserDisabled({ actor: actorOf(stale), db: t.db }, keeper.id, true)).rejects.toThrow(/last active admin/);
  });

  it("changing one's own password needs the current one", async () => {
    const user = await createUser(t.db, "AUDITOR", { password: "first password 1" });
    await expect(changeOwnPassword({ actor: actorOf(user), db: t.db }, { current: "wrong", password: "second password 2", confirm: "second password 2" })).rejects.toBeInstanceOf(ValidationError);
    await expect(changeOwnPassword({ actor: actorOf(user), db: t.db }, { current: "first password 1", password: "short", confirm: "short" })).rejects.toBeInstanceOf(ValidationError);
    await changeOwnPassword({ actor: actorOf(user), db: t.db }, { current: "first password 1", password: "second password 2", confirm: "second password 2" });
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash!, "second password 2")).toBe(true);
    expect(stored.mustChangePassword).toBe(false);
  });
});
