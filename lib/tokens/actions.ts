"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, serverAction } from "@/lib/server-action";
import { zId } from "@/lib/validation/fields";
import { createApiToken } from "./create-token";
import { revokeApiToken } from "./revoke-token";

// Server actions of the API token admin page (admins only; the services check).

/** Creates a token from the form; the result carries the secret, shown once by the page. */
export const createTokenAction = formAction({ args: z.tuple([]), arrays: ["scopes"] }, async (ctx, _args, values) => {
  const created = await createApiToken(ctx, values);
  revalidatePath("/admin/tokens");
  return created;
});

/** Revokes a token (its next use gets 401). */
export const revokeTokenAction = serverAction({ args: z.tuple([zId("The token id")]) }, async (ctx, tokenId) => {
  await revokeApiToken(ctx, tokenId);
  revalidatePath("/admin/tokens");
});
