import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { pageId } from "@/lib/page-params";
import { getSystem } from "./queries";

/**
 * The system for a detail page (cached per request); 404 when missing or not visible, and for an
 * id that is not a well-formed id (NUL, non-ASCII, overlong: `pageId`) before any query.
 */
export const loadSystemForPage = cache(async (rawId: string) => {
  const id = pageId(rawId);
  const actor = await requireActor();
  try {
    return { actor, system: await getSystem({ actor, db }, id) };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});
