import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import type { RequestMeta, UserActor } from "@/lib/authz/actor";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { auth } from "./auth";
import { clientIp } from "./request-ip";
import { loadSessionActor } from "./session-store";
import { sessionIdFromCookies } from "./session-token";

/**
 * The current user, or null. Each request decrypts the session cookie (no database; the key
 * derived from AUTH_SECRET is cached per process, see session-token.ts — Auth.js's own
 * `auth()` would also re-derive it and re-encrypt a refreshed cookie that a page cannot even
 * set) and then makes ONE indexed query (`loadSessionActor`: the session row by primary key joined to
 * its user) that answers everything at once: the session was not signed out, is within its
 * absolute maximum age, and its user is enabled with an unchanged session version (disable,
 * role change, password change or reset end every session). Cached per request.
 */
export const getActor = cache(async (): Promise<UserActor | null> => {
  const store = await cookies();
  let sid = await sessionIdFromCookies((name) => store.get(name)?.value, process.env.AUTH_SECRET);
  if (sid === undefined) sid = (await auth())?.sid ?? null;
  if (!sid) return null;
  const user = await loadSessionActor(db, sid);
  if (!user) return null;
  return { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword };
});

/** For pages: signed-in users with a role, or a redirect to sign-in / the waiting page. */
export async function requireActor(): Promise<UserActor & { role: NonNullable<UserActor["role"]> }> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  if (actor.mustChangePassword) redirect("/account/password");
  if (!actor.role) redirect("/pending");
  return actor as UserActor & { role: NonNullable<UserActor["role"]> };
}

/**
 * For route handlers and server actions: throws instead of redirecting. Someone still on an
 * admin-issued temporary password may do nothing but replace it.
 */
export async function requireApiActor(opts: { allowTemporaryPassword?: boolean } = {}): Promise<UserActor> {
  const actor = await getActor();
  if (!actor) throw new UnauthenticatedError();
  if (actor.mustChangePassword && !opts.allowTemporaryPassword) {
    throw new ForbiddenError("Replace your temporary password first (Account → password).");
  }
  return actor;
}

export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return {
    ip: clientIp(h),
    userAgent: h.get("user-agent")?.slice(0, 300) ?? undefined,
    requestId: h.get("x-request-id") ?? undefined,
  };
}
