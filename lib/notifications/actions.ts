"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, serverAction } from "@/lib/server-action";
import { markRead, savePreferences } from "./queries";

/** Marks one notification (or all, with "all") read for the signed-in user. */
export const markReadAction = serverAction({ args: z.tuple([z.union([z.literal("all"), z.array(z.string().min(1).max(64)).max(100)])]) }, async (ctx, ids) => {
  const changed = await markRead(ctx, ids);
  revalidatePath("/", "layout");
  return { changed };
});

/** Saves the email preferences form (checkboxes named `email`, one per kind). */
export const savePreferencesAction = formAction({ args: z.tuple([]), arrays: ["email"] }, async (ctx, _args, values) => {
  const kinds = z.array(z.string().max(64)).max(50).parse(values.email ?? []);
  await savePreferences(ctx, kinds);
  revalidatePath("/inbox/preferences");
  return { saved: true };
});
