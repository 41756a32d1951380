import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { zId } from "@/lib/validation/fields";
import { configuredKek, lockWebhook } from "./access";
import { ZWebhookVersionInput } from "./schema";
import { generateWebhookSecret, sealSecret, secretPrefixOf } from "./secret-box";

/**
 * Replaces a webhook's signing secret (admins): the new secret is returned once; every attempt
 * from now on (retries of queued deliveries included) is signed with it, so give the receiver
 * the new secret first or accept both for a while. Audited as `webhook.secret_rotated` (the
 * prefixes, never a secret).
 * @param rawInput `{ expectedVersion }`.
 * @returns `{ secret, secretPrefix }`.
 * @throws ForbiddenError, NotFoundError, ConflictError, ValidationError.
 */
export async function rotateWebhookSecret(ctx: ServiceContext, webhookId: string, rawInput: unknown): Promise<{ secret: string; secretPrefix: string }> {
  assertCan(ctx.actor, "webhook:manage");
  const id = parseOrThrow(zId("The webhook"), webhookId);
  const { expectedVersion } = parseOrThrow(ZWebhookVersionInput, rawInput);
  const kek = configuredKek();
  const secret = generateWebhookSecret();
  const secretPrefix = secretPrefixOf(secret);
  return withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const row = await lockWebhook(tx, id, expectedVersion);
    await tx.webhook.update({
      where: { id },
      data: { encryptedSecret: new Uint8Array(sealSecret(secret, id, kek)), secretSource: kek.source, secretPrefix, secretRotatedAt: new Date(), rowVersion: { increment: 1 } },
    });
    await appendAudit(tx, actor, { action: "webhook.secret_rotated", entityType: "Webhook", entityId: id, summary: { name: row.name, from: row.secretPrefix, to: secretPrefix } }, meta);
    return { secret, secretPrefix };
  });
}
