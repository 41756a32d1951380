/** Input schemas of the webhook services (form and server alike), built from the shared blocks. */
import { z } from "zod";
import { NOTIFICATION_KINDS } from "@/lib/notifications/events";
import { zBool, zHttpUrl, zInt, zName, zRowVersion } from "@/lib/validation/fields";

const zKinds = z
  .array(z.enum(NOTIFICATION_KINDS, { error: "Choose events from the list." }), { error: "Choose at least one event." })
  .min(1, "Choose at least one event.")
  .max(NOTIFICATION_KINDS.length)
  .transform((kinds) => NOTIFICATION_KINDS.filter((k) => kinds.includes(k)));

/** What an admin enters to create a webhook. The URL is also checked by the SSRF guard (service). */
export const ZCreateWebhookInput = z.object({
  name: zName({ max: 100, label: "The name" }),
  url: zHttpUrl("The URL"),
  kinds: zKinds,
  enabled: zBool("Enabled").default(true),
});
export type TCreateWebhookInput = z.input<typeof ZCreateWebhookInput>;

/** An edit: the same fields plus the version the admin read (a stale one is a conflict). */
export const ZUpdateWebhookInput = ZCreateWebhookInput.extend({ expectedVersion: zRowVersion() });
export type TUpdateWebhookInput = z.input<typeof ZUpdateWebhookInput>;

/** Rotating or deleting names the version the admin saw. */
export const ZWebhookVersionInput = z.object({ expectedVersion: zRowVersion() });

/** The admin toggle "allow private targets". */
export const ZAllowPrivateInput = z.object({ allowPrivate: zBool("Allow private targets") });

/** The delivery log's page number (1-based). */
export const ZDeliveryLogQuery = z.object({ page: zInt({ min: 1, max: 100_000, label: "The page" }).default(1) });
