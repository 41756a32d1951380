import "server-only";
import { randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { getConfig } from "@/lib/config";
import { NotFoundError } from "@/lib/errors";
import { withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { zId } from "@/lib/validation/fields";
import { webhookBody, WEBHOOK_TEST_KIND } from "./payload";
import { enqueueDelivery } from "./queue";

/** Puts a delivery's job on the queue in `db`; tests pass one that enqueues nothing. */
export type EnqueueDelivery = (db: DbOrTx, deliveryId: string) => Promise<string | null>;

/**
 * Queues a test delivery ("webhook.test", `test: true`, no system) to a webhook (admins),
 * whether or not it is enabled and whatever kinds it subscribed to, through the same job,
 * signature, SSRF check and log as real events; the page shows its attempts as they happen.
 * Audited as `webhook.test_sent`.
 * @returns `{ deliveryId }`.
 * @throws ForbiddenError, NotFoundError, ValidationError (malformed id).
 */
export async function sendWebhookTest(ctx: ServiceContext, webhookId: string, enqueue: EnqueueDelivery = enqueueDelivery): Promise<{ deliveryId: string }> {
  assertCan(ctx.actor, "webhook:manage");
  const id = parseOrThrow(zId("The webhook"), webhookId);
  return withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const hook = await tx.webhook.findUnique({ where: { id }, select: { id: true, name: true } });
    if (!hook) throw new NotFoundError("Webhook not found.");
    const deliveryId = randomUUID();
    const now = new Date();
    const body = webhookBody({
      deliveryId,
      kind: WEBHOOK_TEST_KIND,
      createdAt: now,
      test: true,
      title: `Test delivery to “${hook.name}”`,
      body: "Sent from the webhook's page to check that the receiver gets and verifies deliveries.",
      href: `/admin/webhooks/${id}`,
      baseUrl: getConfig().AUTH_URL ?? "",
      system: null,
      data: { requestedBy: actor.email },
    });
    await tx.webhookDelivery.create({ data: { id: deliveryId, webhookId: id, kind: WEBHOOK_TEST_KIND, test: true, body, createdAt: now } });
    await appendAudit(tx, actor, { action: "webhook.test_sent", entityType: "Webhook", entityId: id, summary: { name: hook.name, deliveryId } }, meta);
    await enqueue(tx, deliveryId);
    return { deliveryId };
  });
}
