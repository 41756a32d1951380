import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { zId } from "@/lib/validation/fields";
import { assertTargetAllowed, auditUrl, lockWebhook } from "./access";
import { ZUpdateWebhookInput } from "./schema";

/**
 * Edits a webhook (admins): name, URL, kinds, enabled. A changed URL passes the SSRF guard
 * again. Deliveries already queued go to the new URL (each attempt reads it). Audited as
 * `webhook.updated` with the changed fields (URLs as origin + SHA-256).
 *
 * @param rawInput `ZUpdateWebhookInput`: the create fields plus `expectedVersion`.
 * @returns `{ changed }`, the names of the fields that changed (empty: nothing written).
 * @throws ForbiddenError, NotFoundError, ConflictError (stale version), ValidationError.
 */
export async function updateWebhook(ctx: ServiceContext, webhookId: string, rawInput: unknown): Promise<{ changed: string[] }> {
  assertCan(ctx.actor, "webhook:manage");
  const id = parseOrThrow(zId("The webhook"), webhookId);
  const input = parseOrThrow(ZUpdateWebhookInput, rawInput);
  const current = await ctx.db.webhook.findUnique({ where: { id }, select: { url: true } });
  // DNS before the transaction; the row lock below catches a URL changed meanwhile (version).
  if (current && current.url !== input.url) await assertTargetAllowed(ctx.db, input.url);
  return withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const row = await lockWebhook(tx, id, input.expectedVersion);
    const changed = [
      row.name !== input.name && "name",
      row.url !== input.url && "url",
      row.kinds.join() !== input.kinds.join() && "kinds",
      row.enabled !== input.enabled && "enabled",
    ].filter((x): x is string => Boolean(x));
    if (changed.length === 0) return { changed };
    await tx.webhook.update({ where: { id }, data: { name: input.name, url: input.url, kinds: input.kinds, enabled: input.enabled, rowVersion: { increment: 1 } } });
    await appendAudit(
      tx,
      actor,
      {
        action: "webhook.updated",
        entityType: "Webhook",
        entityId: id,
        summary: {
          changed,
          name: input.name,
          ...(changed.includes("url") ? { url: { from: auditUrl(row.url), to: auditUrl(input.url) } } : {}),
          ...(changed.includes("kinds") ? { kinds: { from: row.kinds, to: input.kinds } } : {}),
          ...(changed.includes("enabled") ? { enabled: input.enabled } : {}),
        },
      },
      meta,
    );
    return { changed };
  });
}
