import { cache } from "react";
import type { Actor } from "@/lib/authz/actor";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { unreadCount } from "@/lib/notifications/queries";

/**
 * One count per render: the frame places the badge twice (the sidebar and the phone menu).
 * React memoizes only within a server-component render, so a page rendered after an action
 * that marks notifications read counts afresh.
 */
const unreadFor = cache((actor: Actor) => unreadCount({ actor, db }));

/**
 * The unread-notification count for the signed-in user, for the app frame to render next to
 * its Inbox link (the frame owns where; this owns what). Renders nothing at zero. Screen readers
 * hear ", N unread" after the link's name (an aria-label on a plain span is not allowed).
 */
export async function UnreadBadge() {
  const actor = await requireActor();
  const count = await unreadFor(actor);
  if (!count) return null;
  return (
    <span className="rounded-full bg-brand-500 px-2 py-0.5 text-[11px] font-semibold tabular-nums text-white" data-testid="unread-badge">
      <span aria-hidden>{count > 99 ? "99+" : count}</span>
      <span className="sr-only">, {count} unread</span>
    </span>
  );
}
