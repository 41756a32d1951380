import type { Db } from "@/lib/db/create-client";
import type { Role } from "@/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append";
import type { RequestMeta } from "@/lib/authz/actor";

export type OidcProfile = { subject: string; email: string; emailVerified: boolean; name: string; mappedRole: Role | null };

export type OidcUserResult =
  | { ok: true; user: { id: string; email: string; disabled: boolean }; linked: boolean; created: boolean }
  | { ok: false; reason: "email_not_verified" | "subject_conflict" | "disabled"; userId?: string };

/**
 * Finds or creates the local account for an OpenID Connect sign-in, in one transaction with
 * its audit events.
 *
 * - Known subject: that account.
 * - Unknown subject, existing account with the same email and no subject yet: the two are
 *   linked — only when the provider says the email is verified (`email_verified: true`),
 *   otherwise anyone able to register that address at the provider could take the account.
 *   Audited as `user.sso_linked`.
 * - Existing account with that email already linked to another subject: refused.
 * - Nobody: a new account with the mapped role (or none: "no access yet"), `user.created_by_sso`.
 * A disabled account is refused before anything is linked. Every refusal is audited as
 * `auth.sign_in_failed` with its reason.
 */
export async function findOrCreateOidcUser(db: Db, profile: OidcProfile, meta?: RequestMeta): Promise<OidcUserResult> {
  const email = profile.email.trim().toLowerCase();
  const result = await db.$transaction(async (tx): Promise<OidcUserResult> => {
    const bySubject = await tx.user.findUnique({ where: { oidcSubject: profile.subject }, select: { id: true, email: true, disabled: true } });
    if (bySubject?.disabled) return { ok: false, reason: "disabled", userId: bySubject.id };
    if (bySubject) return { ok: true, user: bySubject, linked: false, created: false };
    const byEmail = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, disabled: true, oidcSubject: true } });
    if (byEmail) {
      if (byEmail.oidcSubject) return { ok: false, reason: "subject_conflict", userId: byEmail.id };
      if (byEmail.disabled) return { ok: false, reason: "disabled", userId: byEmail.id };
      if (!profile.emailVerified) return { ok: false, reason: "email_not_verified", userId: byEmail.id };
      // Only link if nobody linked it meanwhile (the unique index on oidcSubject guards the subject).
      const { count } = await tx.user.updateMany({ where: { id: byEmail.id, oidcSubject: null }, data: { oidcSubject: profile.subject } });
      if (count === 0) return { ok: false, reason: "subject_conflict", userId: byEmail.id };
      await appendAudit(
        tx,
        { id: byEmail.id, email: byEmail.email },
        { action: "user.sso_linked", entityType: "User", entityId: byEmail.id, summary: { email: byEmail.email, method: "oidc" } },
        meta,
      );
      return { ok: true, user: { id: byEmail.id, email: byEmail.email, disabled: byEmail.disabled }, linked: true, created: false };
    }
    const user = await tx.user.create({
      data: { email, name: profile.name || email, oidcSubject: profile.subject, role: profile.mappedRole },
      select: { id: true, email: true, disabled: true },
    });
    await appendAudit(tx, user, { action: "user.created_by_sso", entityType: "User", entityId: user.id, summary: { email: user.email, role: profile.mappedRole } }, meta);
    return { ok: true, user, linked: false, created: true };
  });
  if (!result.ok) await auditOidcRefusal(db, { userId: result.userId, email, reason: result.reason }, meta);
  return result;
}

async function auditOidcRefusal(db: Db, refusal: { userId?: string; email: string; reason: string }, meta?: RequestMeta) {
  // SSO refusals need a successful sign-in at the provider first, so they cannot be sprayed
  // like password guesses: each is audited.
  await db.$transaction(async (tx) => {
    await appendAudit(
      tx,
      null,
      { action: "auth.sign_in_failed", entityType: "User", entityId: refusal.userId ?? "unknown", summary: { method: "oidc", reason: refusal.reason, email: refusal.email } },
      meta,
    );
  });
}
