import "server-only";
import { createHash } from "node:crypto";
import { getConfig } from "@/lib/config";
import { lockRows } from "@/lib/db/locks";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { DbOrTx, Tx } from "@/lib/service-context";
import { webhookKek, type WebhookKek } from "./secret-box";
import { privateTargetPolicy } from "./settings";
import { WebhookTargetError } from "./ssrf";
import { checkWebhookTarget } from "./target";

/** Locks a webhook row and checks the version the admin read. @throws NotFoundError, ConflictError. */
export async function lockWebhook(tx: Tx, webhookId: string, expectedVersion: number) {
  await lockRows(tx, "Webhook", [webhookId]);
  const row = await tx.webhook.findUnique({ where: { id: webhookId }, select: { id: true, name: true, url: true, kinds: true, enabled: true, secretPrefix: true, rowVersion: true } });
  if (!row) throw new NotFoundError("Webhook not found.");
  if (row.rowVersion !== expectedVersion) throw new ConflictError("Someone changed this webhook after you opened it. Reload to see their change.");
  return row;
}

/**
 * How a URL appears in audit events: its origin and the SHA-256 of the whole URL. Receivers
 * often put a secret token in the path or query (chat webhooks do), and the audit log is read
 * by auditors and reviewers, so the full URL stays on the admin-only webhook page.
 */
export function auditUrl(url: string): { origin: string; sha256: string } {
  let origin = "(invalid)";
  try {
    origin = new URL(url).origin;
  } catch {
    // Stored URLs always parse; keep the hash either way.
  }
  return { origin, sha256: createHash("sha256").update(url, "utf8").digest("hex") };
}

/**
 * The save-time SSRF check (the delivery checks again): the URL's host must resolve to public
 * addresses only, unless private targets are allowed.
 * @throws ValidationError on the `url` field, with the guard's reason.
 */
export async function assertTargetAllowed(db: DbOrTx, url: string): Promise<void> {
  const { allowPrivate } = await privateTargetPolicy(db);
  try {
    await checkWebhookTarget(url, { allowPrivate });
  } catch (error) {
    if (error instanceof WebhookTargetError) throw new ValidationError(error.message, { url: [error.message] });
    throw error;
  }
}

/** The key that encrypts webhook secrets, from the configuration. @throws Error when no secret is configured. */
export function configuredKek(): WebhookKek {
  const cfg = getConfig();
  return webhookKek({ SIGNING_KEY_SECRET: cfg.SIGNING_KEY_SECRET, AUTH_SECRET: cfg.AUTH_SECRET });
}
