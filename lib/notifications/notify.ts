import "server-only";
import type { DbOrTx } from "@/lib/service-context";
import { queueWebhookDeliveries } from "@/lib/webhooks/queue";
import { ZNotificationEvent, type NotificationEvent } from "./events";
import { messageFor, recipientsFor } from "./rules";

/**
 * Records an event's notifications: one inbox row per recipient (fan-out rules in ./rules.ts),
 * marked for email when the recipient has not turned email off for this kind (delivered later
 * by `deliverPendingEmails`, so a slow or absent mail server never holds the transaction).
 * Call it with the transaction that made the change: a rollback notifies nobody. Repeated
 * scheduled events (expiries, due reviews) carry a de-duplication key, so a second run adds
 * nothing. Disabled users and users without a role are skipped; an unknown or deleted system
 * notifies nobody. Enabled outgoing webhooks that subscribed to the kind get a delivery queued
 * in the same transaction (lib/webhooks/queue.ts; de-duplicated by the same key), whether or
 * not any person is notified.
 *
 * @returns the ids of the users newly notified.
 * @throws ZodError when the event does not match `ZNotificationEvent` (a programming error).
 */
export async function notify(tx: DbOrTx, event: NotificationEvent): Promise<{ recipients: string[] }> {
  const parsed = ZNotificationEvent.parse(event);
  const system = await tx.aiSystem.findUnique({ where: { id: parsed.systemId }, select: { name: true, ownerId: true, contributors: { select: { userId: true } } } });
  if (!system) return { recipients: [] };
  const staff = await tx.user.findMany({ where: { disabled: false, role: { in: ["SECURITY_REVIEWER", "ADMIN"] } }, select: { id: true, role: true } });
  const wanted = recipientsFor(parsed, {
    systemName: system.name,
    ownerId: system.ownerId,
    contributorIds: system.contributors.map((c) => c.userId),
    reviewerIds: staff.filter((s) => s.role === "SECURITY_REVIEWER").map((s) => s.id),
    adminIds: staff.filter((s) => s.role === "ADMIN").map((s) => s.id),
  });
  const message = messageFor(parsed, system.name);
  const created: string[] = [];
  const users = wanted.length
    ? await tx.user.findMany({
        where: { id: { in: wanted }, disabled: false, role: { not: null } },
        select: { id: true, notificationPreferences: { where: { kind: parsed.kind }, select: { email: true } } },
      })
    : [];
  for (const user of users) {
    // One insert per user so a duplicate (same user and de-duplication key) is skipped alone.
    const rows = await tx.notification.createManyAndReturn({
      data: [
        {
          userId: user.id,
          kind: parsed.kind,
          systemId: parsed.systemId,
          title: message.title.slice(0, 300),
          body: message.body.slice(0, 1000),
          href: message.href,
          dedupeKey: message.dedupeKey,
          emailPending: user.notificationPreferences[0]?.email ?? true,
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    if (rows.length) created.push(user.id);
  }
  const { kind, ...data } = parsed;
  await queueWebhookDeliveries(tx, {
    kind,
    systemId: parsed.systemId,
    systemName: system.name,
    title: message.title.slice(0, 300),
    body: message.body.slice(0, 1000),
    href: message.href,
    dedupeKey: message.dedupeKey,
    data,
  });
  return { recipients: created };
}
