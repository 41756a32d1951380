"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, serverAction } from "@/lib/server-action";
import { zId, zRowVersion } from "@/lib/validation/fields";
import { createWebhook } from "./create-webhook";
import { deleteWebhook } from "./delete-webhook";
import { rotateWebhookSecret } from "./rotate-secret";
import { sendWebhookTest } from "./send-test";
import { setAllowPrivateTargets } from "./settings";
import { updateWebhook } from "./update-webhook";

// Server actions of /admin/webhooks (admins only: every service checks `webhook:manage` first).

/** Creates a webhook from the form; the result carries the secret, shown once by the page. */
export const createWebhookAction = formAction({ args: z.tuple([]), arrays: ["kinds"] }, async (ctx, _args, values) => {
  const created = await createWebhook(ctx, values);
  revalidatePath("/admin/webhooks");
  return created;
});

/** Saves the edit form of one webhook. */
export const updateWebhookAction = formAction({ args: z.tuple([zId("The webhook")]), arrays: ["kinds"] }, async (ctx, [webhookId], values) => {
  const result = await updateWebhook(ctx, webhookId, values);
  revalidatePath(`/admin/webhooks/${webhookId}`);
  revalidatePath("/admin/webhooks");
  return result;
});

/** Deletes a webhook (behind a confirmation on the page). */
export const deleteWebhookAction = serverAction({ args: z.tuple([zId("The webhook"), zRowVersion()]) }, async (ctx, webhookId, expectedVersion) => {
  await deleteWebhook(ctx, webhookId, { expectedVersion });
  revalidatePath("/admin/webhooks");
});

/** Replaces the signing secret; the result carries the new secret, shown once. */
export const rotateWebhookSecretAction = serverAction({ args: z.tuple([zId("The webhook"), zRowVersion()]) }, async (ctx, webhookId, expectedVersion) => {
  const result = await rotateWebhookSecret(ctx, webhookId, { expectedVersion });
  revalidatePath(`/admin/webhooks/${webhookId}`);
  return result;
});

/** Queues a test delivery; the page's log shows its attempts. */
export const sendWebhookTestAction = serverAction({ args: z.tuple([zId("The webhook")]) }, async (ctx, webhookId) => {
  const result = await sendWebhookTest(ctx, webhookId);
  revalidatePath(`/admin/webhooks/${webhookId}`);
  return result;
});

/** The "allow private targets" toggle (audited): "allow" or "refuse", spelled out so no stray `true` turns it on. */
export const setAllowPrivateTargetsAction = serverAction({ args: z.tuple([z.enum(["allow", "refuse"], { error: "Choose allow or refuse." })]) }, async (ctx, choice) => {
  const result = await setAllowPrivateTargets(ctx, { allowPrivate: choice === "allow" });
  revalidatePath("/admin/webhooks");
  return result;
});
