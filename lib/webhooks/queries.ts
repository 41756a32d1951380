import "server-only";
import { assertCan } from "@/lib/authz/policy";
import { NotFoundError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { zId } from "@/lib/validation/fields";
import { ZDeliveryLogQuery } from "./schema";
import { privateTargetPolicy } from "./settings";

/** A webhook as the list and its page show it (never the secret). */
export type WebhookRow = {
  id: string;
  name: string;
  url: string;
  kinds: string[];
  enabled: boolean;
  secretPrefix: string;
  secretRotatedAt: string | null;
  rowVersion: number;
  createdAt: string;
  /** The newest delivery's state, if any. */
  lastDelivery: { status: string; statusCode: number | null; at: string } | null;
};

const COLUMNS = { id: true, name: true, url: true, kinds: true, enabled: true, secretPrefix: true, secretRotatedAt: true, rowVersion: true, createdAt: true } as const;

function toRow(w: { id: string; name: string; url: string; kinds: string[]; enabled: boolean; secretPrefix: string; secretRotatedAt: Date | null; rowVersion: number; createdAt: Date; deliveries: { status: string; lastStatusCode: number | null; createdAt: Date }[] }): WebhookRow {
  const last = w.deliveries[0];
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    kinds: w.kinds,
    enabled: w.enabled,
    secretPrefix: w.secretPrefix,
    secretRotatedAt: w.secretRotatedAt?.toISOString() ?? null,
    rowVersion: w.rowVersion,
    createdAt: w.createdAt.toISOString(),
    lastDelivery: last ? { status: last.status, statusCode: last.lastStatusCode, at: last.createdAt.toISOString() } : null,
  };
}

const LAST_DELIVERY = { orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }], take: 1, select: { status: true, lastStatusCode: true, createdAt: true } };

/**
 * Every webhook, by name, with its last delivery, and whether private targets are allowed
 * (admins).
 * @throws ForbiddenError.
 */
export async function listWebhooks(ctx: ServiceContext): Promise<{ webhooks: WebhookRow[]; policy: Awaited<ReturnType<typeof privateTargetPolicy>> }> {
  assertCan(ctx.actor, "webhook:manage");
  const [rows, policy] = await Promise.all([
    ctx.db.webhook.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { ...COLUMNS, deliveries: LAST_DELIVERY } }),
    privateTargetPolicy(ctx.db),
  ]);
  return { webhooks: rows.map(toRow), policy };
}

/** One webhook (admins). @throws ForbiddenError, NotFoundError (also for a malformed id). */
export async function getWebhook(ctx: ServiceContext, webhookId: string): Promise<WebhookRow> {
  assertCan(ctx.actor, "webhook:manage");
  const id = zId().safeParse(webhookId);
  if (!id.success) throw new NotFoundError("Webhook not found.");
  const row = await ctx.db.webhook.findUnique({ where: { id: id.data }, select: { ...COLUMNS, deliveries: LAST_DELIVERY } });
  if (!row) throw new NotFoundError("Webhook not found.");
  return toRow(row);
}

/** One line of the delivery log: an attempt with its delivery's event. */
export type DeliveryLogEntry = {
  id: string;
  deliveryId: string;
  kind: string;
  test: boolean;
  attempt: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  succeeded: boolean;
  willRetry: boolean;
  error: string | null;
  responseExcerpt: string | null;
};

export const DELIVERY_LOG_PAGE = 25;

/**
 * A page of a webhook's delivery log (admins): every attempt, newest first, 25 per page, plus
 * the deliveries still waiting for a first attempt (so a just-sent test shows at once).
 * @param rawQuery `{ page? }` (1-based).
 * @throws ForbiddenError, NotFoundError, ValidationError (page).
 */
export async function listDeliveryLog(ctx: ServiceContext, webhookId: string, rawQuery: unknown) {
  assertCan(ctx.actor, "webhook:manage");
  const { page } = parseOrThrow(ZDeliveryLogQuery, rawQuery);
  const hook = await getWebhook(ctx, webhookId);
  const where = { webhookId: hook.id };
  const [total, rows, waiting] = await Promise.all([
    ctx.db.webhookAttempt.count({ where }),
    ctx.db.webhookAttempt.findMany({
      where,
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * DELIVERY_LOG_PAGE,
      take: DELIVERY_LOG_PAGE,
      include: { delivery: { select: { kind: true, test: true } } },
    }),
    ctx.db.webhookDelivery.findMany({
      where: { webhookId: hook.id, status: { in: ["PENDING", "RETRYING"] } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
      select: { id: true, kind: true, test: true, status: true, attempts: true, createdAt: true },
    }),
  ]);
  const entries: DeliveryLogEntry[] = rows.map((r) => ({
    id: r.id,
    deliveryId: r.deliveryId,
    kind: r.delivery.kind,
    test: r.delivery.test,
    attempt: r.attempt,
    startedAt: r.startedAt.toISOString(),
    durationMs: r.durationMs,
    statusCode: r.statusCode,
    succeeded: r.succeeded,
    willRetry: r.willRetry,
    error: r.error,
    responseExcerpt: r.responseExcerpt,
  }));
  return {
    webhook: hook,
    page,
    total,
    pages: Math.max(1, Math.ceil(total / DELIVERY_LOG_PAGE)),
    entries,
    waiting: waiting.map((w) => ({ id: w.id, kind: w.kind, test: w.test, status: w.status, attempts: w.attempts, createdAt: w.createdAt.toISOString() })),
  };
}
