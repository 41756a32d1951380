import "server-only";
import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db/create-client";
import { DELIVERY_TIMEOUT_MS, postToTarget } from "./http";
import { webhookHeaders } from "./payload";
import { openSecret, webhookKek } from "./secret-box";
import { privateTargetPolicy } from "./settings";
import { WebhookTargetError } from "./ssrf";
import { checkWebhookTarget, type Resolver } from "./target";

export type DeliverOptions = {
  /** This is the queue's last try: a failure is final (no retry follows). */
  lastAttempt: boolean;
  /** DNS resolver (tests); default the system's. */
  resolve?: Resolver;
  timeoutMs?: number;
};

export type DeliveryResult = {
  /** SKIPPED: the delivery is gone (webhook deleted) or already finished (a duplicate run). */
  status: "SUCCEEDED" | "RETRYING" | "FAILED" | "SKIPPED";
  attempt: number;
  statusCode: number | null;
  error: string | null;
};

/** Thrown so the queue retries; the attempt is already in the log. */
export class DeliveryAttemptFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeliveryAttemptFailed";
  }
}

/**
 * One attempt of one delivery (the `deliver-webhook` job's work):
 * 1. takes the next attempt number (an atomic increment, so a re-run never reuses one);
 * 2. refuses at once, without retries, when the webhook was disabled (tests are still sent) or
 *    its secret cannot be decrypted;
 * 3. runs the SSRF guard again (`checkWebhookTarget`: the URL was checked when saved, but DNS
 *    may answer differently now, and the admin may have turned "allow private targets" off): a
 *    refused address ends the delivery; an unresolvable host is retried;
 * 4. signs the stored body with a fresh timestamp and POSTs it to the checked address only
 *    (./http.ts: no redirects, 10 s, at most 200 characters of the answer kept);
 * 5. writes the attempt (status code, duration, error, excerpt) and the delivery's state in one
 *    transaction.
 *
 * @returns the outcome when the delivery succeeded, failed for good or was skipped.
 * @throws DeliveryAttemptFailed after recording a failed attempt that the queue should retry.
 */
export async function deliverWebhook(db: Db, deliveryId: string, opts: DeliverOptions): Promise<DeliveryResult> {
  const delivery = await db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    select: { id: true, status: true, body: true, kind: true, test: true, webhook: { select: { id: true, url: true, enabled: true, encryptedSecret: true, secretSource: true } } },
  });
  if (!delivery || delivery.status === "SUCCEEDED" || delivery.status === "FAILED") return { status: "SKIPPED", attempt: 0, statusCode: null, error: null };
  const { webhook } = delivery;
  const { attempts: attempt } = await db.webhookDelivery.update({ where: { id: deliveryId }, data: { attempts: { increment: 1 } }, select: { attempts: true } });
  const startedAt = new Date();
  const started = performance.now();

  let statusCode: number | null = null;
  let excerpt: string | null = null;
  let error: string | null = null;
  let retryable = true;
  let durationMs = 0;

  if (!webhook.enabled && !delivery.test) {
    error = "The webhook was disabled before this delivery was sent.";
    retryable = false;
  } else {
    try {
      const secret = openSecret(webhook, webhookKek({ SIGNING_KEY_SECRET: getConfig().SIGNING_KEY_SECRET, AUTH_SECRET: getConfig().AUTH_SECRET }));
      const { allowPrivate } = await privateTargetPolicy(db);
      const target = await checkWebhookTarget(webhook.url, { allowPrivate, resolve: opts.resolve });
      const headers = webhookHeaders({ secret, timestampSeconds: Math.floor(Date.now() / 1000), body: delivery.body, deliveryId, kind: delivery.kind, webhookId: webhook.id });
      const post = await postToTarget(target, delivery.body, headers, opts.timeoutMs ?? DELIVERY_TIMEOUT_MS);
      statusCode = post.statusCode;
      excerpt = post.excerpt;
      durationMs = post.durationMs;
      if (post.error) error = post.error;
      else if (statusCode !== null && (statusCode < 200 || statusCode > 299)) {
        error = statusCode >= 300 && statusCode < 400 ? `HTTP ${statusCode}: redirects are not followed; use the final URL.` : `HTTP ${statusCode}`;
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      // Only a host that did not resolve may resolve later; refusals and key problems stay.
      retryable = e instanceof WebhookTargetError && e.kind === "unresolved";
    }
  }
  if (!durationMs) durationMs = Math.max(0, Math.round(performance.now() - started));

  const succeeded = error === null && statusCode !== null;
  const willRetry = !succeeded && retryable && !opts.lastAttempt;
  const status = succeeded ? "SUCCEEDED" : willRetry ? "RETRYING" : "FAILED";
  const trimmedError = error ? error.slice(0, 500) : null;
  await db.$transaction([
    db.webhookAttempt.create({
      data: { deliveryId, webhookId: webhook.id, attempt, startedAt, durationMs, statusCode, succeeded, willRetry, error: trimmedError, responseExcerpt: excerpt },
    }),
    db.webhookDelivery.update({
      where: { id: deliveryId },
      data: { status, lastStatusCode: statusCode, lastError: trimmedError, completedAt: status === "RETRYING" ? null : new Date() },
    }),
  ]);
  if (willRetry) throw new DeliveryAttemptFailed(`Webhook delivery ${deliveryId}, attempt ${attempt}: ${trimmedError}`);
  return { status, attempt, statusCode, error: trimmedError };
}
