import "server-only";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import { UnauthenticatedError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { NOTIFICATION_KINDS, type NotificationKind } from "./events";

/** Only people have an inbox (not API tokens or jobs). */
function userId(ctx: ServiceContext): string {
  if (ctx.actor.kind !== "user") throw new UnauthenticatedError();
  return ctx.actor.id;
}

/** Unread notifications of the signed-in user (the header badge). */
export async function unreadCount(ctx: ServiceContext): Promise<number> {
  return ctx.db.notification.count({ where: { userId: userId(ctx), readAt: null } });
}

export const ZInboxQuery = z.object({
  show: z.enum(["all", "unread"]).default("all"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

const PAGE = 25;

/** One page of the user's own inbox, newest first, with the total for the filter. */
export async function listInbox(ctx: ServiceContext, raw: unknown) {
  const query = parseOrThrow(ZInboxQuery, raw);
  const where = { userId: userId(ctx), ...(query.show === "unread" ? { readAt: null } : {}) };
  const [total, unread, rows] = await Promise.all([
    ctx.db.notification.count({ where }),
    ctx.db.notification.count({ where: { userId: userId(ctx), readAt: null } }),
    ctx.db.notification.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (query.page - 1) * PAGE, take: PAGE }),
  ]);
  return {
    query,
    total,
    unread,
    pages: Math.max(1, Math.ceil(total / PAGE)),
    items: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, href: n.href, read: n.readAt !== null, createdAt: n.createdAt.toISOString(), emailedAt: n.emailedAt?.toISOString() ?? null })),
  };
}

/** The user's email choice per kind (default: on). */
export async function getPreferences(ctx: ServiceContext): Promise<Record<NotificationKind, boolean>> {
  const rows = await ctx.db.notificationPreference.findMany({ where: { userId: userId(ctx) } });
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, rows.find((r) => r.kind === k)?.email ?? true])) as Record<NotificationKind, boolean>;
}

/** Marks the user's own notifications read (ids of others are ignored). @returns how many changed. */
export async function markRead(ctx: ServiceContext, ids: string[] | "all"): Promise<number> {
  const where = { userId: userId(ctx), readAt: null, ...(ids === "all" ? {} : { id: { in: ids } }) };
  return (await ctx.db.notification.updateMany({ where, data: { readAt: new Date() } })).count;
}

/**
 * Replaces the user's email choices: kinds listed in `emailKinds` are emailed, the others not.
 * A change is audited (`user.notification_preferences_changed`, the kinds switched on and off)
 * in the same transaction; saving the same choices again writes nothing.
 *
 * @throws UnauthenticatedError for API tokens and jobs (only people have an inbox);
 *   ValidationError for a kind that does not exist.
 */
export async function savePreferences(ctx: ServiceContext, emailKinds: readonly string[]) {
  const id = userId(ctx);
  const on = new Set(parseOrThrow(z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length * 2), emailKinds));
  await withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const before = await getPreferences({ actor, db: tx });
    const switchedOn = NOTIFICATION_KINDS.filter((kind) => on.has(kind) && !before[kind]);
    const switchedOff = NOTIFICATION_KINDS.filter((kind) => !on.has(kind) && before[kind]);
    for (const kind of NOTIFICATION_KINDS) {
      await tx.notificationPreference.upsert({ where: { userId_kind: { userId: id, kind } }, create: { userId: id, kind, email: on.has(kind) }, update: { email: on.has(kind) } });
    }
    if (switchedOn.length || switchedOff.length) {
      await appendAudit(tx, actor, { action: "user.notification_preferences_changed", entityType: "User", entityId: id, summary: { emailOn: switchedOn, emailOff: switchedOff } }, meta);
    }
  });
}
