import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { loginLimitsFromConfig } from "@/lib/auth/authenticate";
import { checkCurrentPassword } from "@/lib/auth/check-current-password";
import { hashPassword } from "@/lib/auth/password";
import { UNKNOWN_IP } from "@/lib/auth/request-ip";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { lockForTransaction } from "@/lib/db/locks";
import { outsideTransaction, withTransaction, type ServiceContext, type Tx } from "@/lib/service-context";
import { isUniqueViolation, parseOrThrow } from "@/lib/validation";
import { generatePassword } from "./generate-password";
import { ZChangeRoleInput, ZCreateUserInput, ZNewPassword } from "./schema";

export async function listUsers({ actor, db }: ServiceContext) {
  assertCan(actor, "user:manage");
  const users = await db.user.findMany({
    orderBy: [{ disabled: "asc" }, { name: "asc" }],
    select: { id: true, email: true, name: true, role: true, disabled: true, lastLoginAt: true, createdAt: true, oidcSubject: true, mustChangePassword: true, passwordHash: true },
  });
  return users.map(({ passwordHash, oidcSubject, ...u }) => ({
    ...u,
    hasPassword: Boolean(passwordHash),
    sso: Boolean(oidcSubject),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  }));
}
export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

/** Creates an account with a one-time temporary password the admin hands over. */
export async function createUserAccount({ actor, db, meta }: ServiceContext, rawInput: unknown) {
  assertCan(actor, "user:manage");
  const input = parseOrThrow(ZCreateUserInput, rawInput);
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  try {
    const user = await withTransaction({ actor, db, meta }, async ({ db: tx }) => {
      const created = await tx.user.create({
        data: { ...input, passwordHash, mustChangePassword: true },
        select: { id: true, email: true, name: true, role: true },
      });
      await appendAudit(tx, actor, { action: "user.created", entityType: "User", entityId: created.id, summary: { email: input.email, role: input.role } }, meta);
      return created;
    });
    return { user, temporaryPassword };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError("A user with this email already exists.", { email: ["Already registered."] });
    throw error;
  }
}

async function loadTarget(db: ServiceContext["db"], userId: string) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFoundError("User not found.");
  return user;
}

/**
 * Internal: refuses changes that would leave the instance with no active admin. Call it inside
 * the transaction after `lockForTransaction(tx, "lastAdmin")`, so two admins demoting or
 * disabling each other at the same moment are decided one after the other.
 */
async function assertAdminRemains(tx: Tx, target: { id: string; role: string | null; disabled: boolean }) {
  if (target.role !== "ADMIN" || target.disabled) return;
  const others = await tx.user.count({ where: { role: "ADMIN", disabled: false, id: { not: target.id } } });
  if (others === 0) throw new ValidationError("This is the last active admin. Make someone else an admin first.");
}

/**
 * Changes a user's role; the user is signed out everywhere (sessionVersion bump).
 * @throws ForbiddenError (own role), ValidationError (bad role, last active admin), NotFoundError.
 */
export async function changeUserRole(ctx: ServiceContext, userId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "user:manage");
  const { role } = parseOrThrow(ZChangeRoleInput, rawInput);
  if (userId === actor.id) throw new ForbiddenError("You cannot change your own role.");
  await withTransaction(ctx, async ({ db: tx }) => {
    await lockForTransaction(tx, "lastAdmin");
    const target = await loadTarget(tx, userId);
    if (target.role === role) return;
    if (role !== "ADMIN") await assertAdminRemains(tx, target);
    await tx.user.update({ where: { id: userId }, data: { role, sessionVersion: { increment: 1 } } });
    await appendAudit(tx, actor, { action: "user.role_changed", entityType: "User", entityId: userId, summary: { email: target.email, changes: { role: { from: target.role, to: role } } } }, meta);
  });
}

/**
 * Disables or re-enables an account; disabling ends its sessions on the next request.
 * @throws ForbiddenError (own account), ValidationError (last active admin), NotFoundError.
 */
export async function setUserDisabled(ctx: ServiceContext, userId: string, disabled: boolean) {
  const { actor, meta } = ctx;
  assertCan(actor, "user:manage");
  if (userId === actor.id) throw new ForbiddenError("You cannot disable your own account.");
  await withTransaction(ctx, async ({ db: tx }) => {
    await lockForTransaction(tx, "lastAdmin");
    const target = await loadTarget(tx, userId);
    if (target.disabled === disabled) return;
    if (disabled) await assertAdminRemains(tx, target);
    await tx.user.update({ where: { id: userId }, data: { disabled, sessionVersion: { increment: 1 } } });
    await appendAudit(tx, actor, { action: disabled ? "user.disabled" : "user.enabled", entityType: "User", entityId: userId, summary: { email: target.email } }, meta);
  });
}

/** Issues a new temporary password; existing sessions end. */
export async function resetUserPassword({ actor, db, meta }: ServiceContext, userId: string) {
  assertCan(actor, "user:manage");
  const target = await loadTarget(db, userId);
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await withTransaction({ actor, db, meta }, async ({ db: tx }) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } } });
    await appendAudit(tx, actor, { action: "user.password_reset", entityType: "User", entityId: userId, summary: { email: target.email } }, meta);
  });
  return { temporaryPassword };
}

/** A signed-in user replaces their own (possibly temporary) password. */
export async function changeOwnPassword({ actor, db, meta }: ServiceContext, rawInput: unknown) {
  const input = parseOrThrow(ZNewPassword, rawInput);
  const user = await loadTarget(db, actor.id);
  // Wrong current passwords count in the sign-in limiter (same keys as the sign-in form).
  const check = await checkCurrentPassword(
    outsideTransaction(db),
    { userId: user.id, email: user.email, passwordHash: user.passwordHash, password: input.current, ip: meta?.ip ?? UNKNOWN_IP, userAgent: meta?.userAgent },
    loginLimitsFromConfig(),
  );
  if (!check.ok && check.reason === "RATE_LIMITED") {
    throw new ValidationError(`Too many wrong passwords. Try again in ${Math.ceil(check.retryAfterSeconds / 60)} minute(s).`, { current: ["Too many attempts."] });
  }
  if (!check.ok) throw new ValidationError("Your current password is not correct.", { current: ["Not correct."] });
  const passwordHash = await hashPassword(input.password);
  return withTransaction({ actor, db, meta }, async ({ db: tx }) => {
    const updated = await tx.user.update({
      where: { id: actor.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await appendAudit(tx, actor, { action: "user.password_changed", entityType: "User", entityId: actor.id, summary: { email: user.email } }, meta);
    return updated;
  });
}
