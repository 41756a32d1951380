import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { zId } from "@/lib/validation/fields";
import { auditUrl, lockWebhook } from "./access";
import { ZWebhookVersionInput } from "./schema";

/**
 * Deletes a webhook (admins), with its delivery log. Deliveries still queued find nothing and
 * stop. Audited as `webhook.deleted` (name, URL origin + SHA-256, kinds, deliveries dropped).
 * @param rawInput `{ expectedVersion }`.
 * @throws ForbiddenError, NotFoundError, ConflictError, ValidationError.
 */
export async function deleteWebhook(ctx: ServiceContext, webhookId: string, rawInput: unknown): Promise<void> {
  assertCan(ctx.actor, "webhook:manage");
  const id = parseOrThrow(zId("The webhook"), webhookId);
  const { expectedVersion } = parseOrThrow(ZWebhookVersionInput, rawInput);
  await withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const row = await lockWebhook(tx, id, expectedVersion);
    const deliveries = await tx.webhookDelivery.count({ where: { webhookId: id } });
    await tx.webhook.delete({ where: { id } });
    await appendAudit(tx, actor, { action: "webhook.deleted", entityType: "Webhook", entityId: id, summary: { name: row.name, url: auditUrl(row.url), kinds: row.kinds, deliveries } }, meta);
  });
}
