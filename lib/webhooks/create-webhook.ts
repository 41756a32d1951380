import "server-only";
import { randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { assertTargetAllowed, auditUrl, configuredKek } from "./access";
import { ZCreateWebhookInput } from "./schema";
import { generateWebhookSecret, sealSecret, secretPrefixOf } from "./secret-box";

/** A new webhook as its creator sees it once: with the secret. */
export type CreatedWebhook = { id: string; name: string; secret: string; secretPrefix: string };

/**
 * Creates an outgoing webhook (admins): name, URL, the notification kinds it receives, enabled.
 * The URL passes the SSRF guard first (its host must resolve to public addresses unless private
 * targets are allowed; ./ssrf.ts). A signing secret is generated, returned here once and stored
 * encrypted (./secret-box.ts explains why not hashed). Audited as `webhook.created` (the URL as
 * origin + SHA-256, never the secret).
 *
 * @param rawInput `ZCreateWebhookInput`: `{ name, url, kinds: NotificationKind[], enabled? }`.
 * @throws ForbiddenError (not an admin), ValidationError (input; a refused or unresolvable URL on `url`).
 */
export async function createWebhook(ctx: ServiceContext, rawInput: unknown): Promise<CreatedWebhook> {
  assertCan(ctx.actor, "webhook:manage");
  const input = parseOrThrow(ZCreateWebhookInput, rawInput);
  // DNS before the transaction: a slow resolver never holds a connection or a lock.
  await assertTargetAllowed(ctx.db, input.url);
  const kek = configuredKek();
  const id = randomUUID();
  const secret = generateWebhookSecret();
  const secretPrefix = secretPrefixOf(secret);
  return withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    await tx.webhook.create({
      data: {
        id,
        name: input.name,
        url: input.url,
        kinds: input.kinds,
        enabled: input.enabled,
        encryptedSecret: new Uint8Array(sealSecret(secret, id, kek)),
        secretSource: kek.source,
        secretPrefix,
        createdById: actor.id,
      },
    });
    await appendAudit(
      tx,
      actor,
      { action: "webhook.created", entityType: "Webhook", entityId: id, summary: { name: input.name, url: auditUrl(input.url), kinds: input.kinds, enabled: input.enabled, secretPrefix } },
      meta,
    );
    return { id, name: input.name, secret, secretPrefix };
  });
}
