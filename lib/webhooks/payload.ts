/**
 * What a webhook receives (pure): the JSON body and the headers. The body is built once per
 * delivery and stored, so every retry sends the same bytes (and the same `id`); only the
 * signature's timestamp changes between attempts.
 *
 * Body (schema version 1):
 *   {
 *     "id": "<delivery id, also in X-Webhook-Delivery>",
 *     "type": "approval.requested",            // a notification kind, or "webhook.test"
 *     "createdAt": "2026-12-01T09:30:00.000Z",
 *     "test": false,
 *     "title": "Approval requested: Support assistant",
 *     "body": "v2.1 to production",
 *     "url": "https://aigov.example.com/approvals/…", // absolute when AUTH_URL is set, else the path
 *     "system": { "id": "…", "name": "Support assistant" } | null,
 *     "data": { …the event's own fields (ids, dates, severity…) }
 *   }
 */
import { signatureHeader, SIGNATURE_HEADER } from "./signature";

export const WEBHOOK_TEST_KIND = "webhook.test";
export const WEBHOOK_USER_AGENT = "aigov-webhooks/1";

export type WebhookBodyInput = {
  deliveryId: string;
  kind: string;
  createdAt: Date;
  test: boolean;
  title: string;
  body: string;
  /** An app path (`/approvals/…`). */
  href: string;
  /** The public origin (AUTH_URL) or "" when unknown. */
  baseUrl: string;
  system: { id: string; name: string } | null;
  data: Record<string, unknown>;
};

/** The JSON body of a delivery, serialised once. */
export function webhookBody(input: WebhookBodyInput): string {
  const base = input.baseUrl.replace(/\/$/, "");
  return JSON.stringify({
    id: input.deliveryId,
    type: input.kind,
    createdAt: input.createdAt.toISOString(),
    test: input.test,
    title: input.title,
    body: input.body,
    url: `${base}${input.href}`,
    system: input.system,
    data: input.data,
  });
}

/** The headers of one attempt, signed at `timestampSeconds`. */
export function webhookHeaders(input: { secret: string; timestampSeconds: number; body: string; deliveryId: string; kind: string; webhookId: string }): Record<string, string> {
  return {
    "Content-Type": "application/json; charset=utf-8",
    "User-Agent": WEBHOOK_USER_AGENT,
    [SIGNATURE_HEADER]: signatureHeader(input.secret, input.timestampSeconds, input.body),
    "X-Webhook-Id": input.webhookId,
    "X-Webhook-Delivery": input.deliveryId,
    "X-Webhook-Event": input.kind,
  };
}
