import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { unreadCount } from "@/lib/notifications/queries";

/**
 * The unread-notification count for the signed-in user, for the app frame to render next to
 * its Inbox link (the frame owns where; this owns what). Renders nothing at zero. Screen readers
 * hear ", N unread" after the link's name (an aria-label on a plain span is not allowed).
 */
export async function UnreadBadge() {
  const actor = await requireActor();
  const count = await unreadCount({ actor, db });
  if (!count) return null;
  return (
    <span className="rounded-full bg-brand-500 px-2 py-0.5 text-[11px] font-semibold tabular-nums text-white" data-testid="unread-badge">
      <span aria-hidden>{count > 99 ? "99+" : count}</span>
      <span className="sr-only">, {count} unread</span>
    </span>
  );
}
