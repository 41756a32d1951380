"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverAction } from "@/lib/server-action";
import { zText } from "@/lib/validation/fields";
import { rotateSigningKey } from "./keys";

// Server actions of the instance signing key (admins only; the service checks).

/** Rotates the signing key; the argument is the key id the admin saw as active (stale → conflict). */
export const rotateSigningKeyAction = serverAction({ args: z.tuple([zText({ max: 64, min: 64, label: "The key id" })]) }, async (ctx, keyId) => {
  const key = await rotateSigningKey(ctx, keyId);
  revalidatePath("/admin/settings");
  return { keyId: key.keyId, fingerprint: key.fingerprint };
});
