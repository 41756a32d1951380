"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, serverAction } from "@/lib/server-action";
import { parseOrThrow } from "@/lib/validation";
import { zId } from "@/lib/validation/fields";
import { NOTIFICATION_KINDS } from "./events";
import { markRead, savePreferences } from "./queries";

const ZKind = z.enum(NOTIFICATION_KINDS, { error: "Choose one of the listed notification kinds." });

/**
 * The preferences form: `shown` names the kinds the form showed (hidden inputs), `email` the
 * ones ticked. Saving replaces the choice for every kind, so a form that did not show them all
 * (a page loaded before a kind was added, or no form at all) is refused rather than silently
 * turning email off for kinds the user never saw.
 */
const ZPreferencesForm = z.object({
  shown: z
    .array(ZKind)
    .max(NOTIFICATION_KINDS.length * 2)
    .refine((shown) => NOTIFICATION_KINDS.every((k) => shown.includes(k)), "This form does not list every notification kind. Reload the page and try again."),
  email: z.array(ZKind).max(NOTIFICATION_KINDS.length * 2).default([]),
});

/** Marks one notification (or all, with "all") read for the signed-in user. */
export const markReadAction = serverAction(
  { args: z.tuple([z.union([z.literal("all"), z.array(zId("The notification id")).min(1, "Name at least one notification.").max(100)])]) },
  async (ctx, ids) => {
    const changed = await markRead(ctx, ids);
    revalidatePath("/", "layout");
    return { changed };
  },
);

/** Saves the email preferences form (checkboxes named `email`, one per kind; hidden `shown`, one per kind). */
export const savePreferencesAction = formAction({ args: z.tuple([]), arrays: ["email", "shown"] }, async (ctx, _args, values) => {
  const { email } = parseOrThrow(ZPreferencesForm, values);
  await savePreferences(ctx, email);
  revalidatePath("/inbox/preferences");
  return { saved: true };
});
