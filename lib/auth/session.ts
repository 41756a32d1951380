import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import type { Actor, RequestMeta } from "@/lib/authz/actor";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { auth } from "./auth";
import { clientIp } from "./request-ip";

/**
 * The current user, re-read from the database on every request: a disabled account, a
 * changed role or a reset password (all bump `sessionVersion`) take effect immediately.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true, mustChangePassword: true },
  });
  if (!user || user.disabled || user.sessionVersion !== session.sv) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword };
});

/** For pages: signed-in users with a role, or a redirect to sign-in / the waiting page. */
export async function requireActor(): Promise<Actor & { role: NonNullable<Actor["role"]> }> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  if (actor.mustChangePassword) redirect("/account/password");
  if (!actor.role) redirect("/pending");
  return actor as Actor & { role: NonNullable<Actor["role"]> };
}

/**
 * For route handlers and server actions: throws instead of redirecting. Someone still on an
 * admin-issued temporary password may do nothing but replace it.
 */
export async function requireApiActor(opts: { allowTemporaryPassword?: boolean } = {}): Promise<Actor> {
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
