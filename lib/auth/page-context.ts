import "server-only";
import type { UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { ServiceContext } from "@/lib/service-context";
import { requestMeta, requireActor } from "./session";

/** A page's service context: a signed-in user with a role, the app's client, request metadata. */
export type PageContext = ServiceContext & { actor: UserActor & { role: NonNullable<UserActor["role"]> } };

/**
 * The one way pages get their service context: the signed-in actor (redirects to sign-in, or
 * to the password change or "no access yet" pages, exactly as `requireActor`), the app's
 * Prisma client and the request's metadata for audit events.
 */
export async function pageContext(): Promise<PageContext> {
  const actor = await requireActor();
  return { actor, db, meta: await requestMeta() };
}
