import "server-only";
import { randomUUID } from "node:crypto";
import { getConfig } from "@/lib/config";
import { enqueueJob } from "@/lib/jobs/enqueue";
import type { DbOrTx } from "@/lib/service-context";
import { deliverWebhookJob } from "./jobs";
import { webhookBody } from "./payload";

/** What the notification layer hands over for one event (already parsed, with its message). */
export type WebhookEvent = {
  kind: string;
  systemId: string;
  systemName: string;
  title: string;
  body: string;
  href: string;
  /** The notification's de-duplication key: with one, a webhook gets the event once. */
  dedupeKey: string | null;
  /** The event's own fields (ids, dates…), sent as `data`. */
  data: Record<string, unknown>;
};

/**
 * Puts one delivery per enabled webhook that subscribed to `event.kind` into the caller's
 * transaction, and its job on the queue in the same transaction (so a rolled-back change sends
 * nothing). An event with a de-duplication key is delivered once per webhook however often it
 * is raised (a daily scan, or the gate's hourly denial key). Called by `notify`; costs one
 * indexed query when no webhook listens.
 *
 * If the job queue has not been set up on this database (no instance ever started the job
 * runner), the delivery is kept as FAILED with that reason rather than failing the change.
 *
 * @returns the ids of the deliveries created.
 */
export async function queueWebhookDeliveries(tx: DbOrTx, event: WebhookEvent, now: Date = new Date()): Promise<string[]> {
  const hooks = await tx.webhook.findMany({ where: { enabled: true, kinds: { has: event.kind } }, select: { id: true } });
  if (hooks.length === 0) return [];
  const baseUrl = getConfig().AUTH_URL ?? "";
  const created: string[] = [];
  for (const hook of hooks) {
    const id = randomUUID();
    const body = webhookBody({
      deliveryId: id,
      kind: event.kind,
      createdAt: now,
      test: false,
      title: event.title,
      body: event.body,
      href: event.href,
      baseUrl,
      system: { id: event.systemId, name: event.systemName },
      data: event.data,
    });
    const rows = await tx.webhookDelivery.createManyAndReturn({
      data: [{ id, webhookId: hook.id, kind: event.kind, dedupeKey: event.dedupeKey, body, createdAt: now }],
      skipDuplicates: true,
      select: { id: true },
    });
    if (rows.length === 0) continue;
    await enqueueDelivery(tx, id);
    created.push(id);
  }
  return created;
}

/**
 * Enqueues the job of one delivery in `db` (the caller's transaction). A missing queue leaves
 * the delivery FAILED with the reason instead of throwing.
 */
export async function enqueueDelivery(db: DbOrTx, deliveryId: string): Promise<string | null> {
  try {
    return await enqueueJob(deliverWebhookJob, { deliveryId }, { db });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "FAILED", lastError: `Not queued: ${message}`.slice(0, 500), completedAt: new Date() } });
    return null;
  }
}
