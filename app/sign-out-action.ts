"use server";

import { auth, signOut } from "@/lib/auth/auth";
import { requestMeta } from "@/lib/auth/session";
import { signOutSession } from "@/lib/auth/session-store";
import { db } from "@/lib/db/client";

/**
 * Ends this device's session on the server first (so a copied cookie stops working even if
 * clearing the cookie never reaches the browser), then clears the cookie. Other devices of
 * the same user stay signed in.
 */
export async function signOutAction() {
  const session = await auth();
  if (session?.sid) await signOutSession(db, session.sid, await requestMeta());
  await signOut({ redirectTo: "/login" });
}
