import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { unreadCount } from "@/lib/notifications/queries";

/**
 * The unread-notification count for the signed-in user, for the app frame to render next to
 * its Inbox link (the frame owns where; this owns what). Renders nothing at zero.
 */
export async function UnreadBadge() {
  const actor = await requireActor();
  const count = await unreadCount({ actor, db });
  if (!count) return null;
  return (
    <span className="ml-auto rounded-full bg-brand-500 px-2 py-0.5 text-[11px] font-semibold tabular-nums text-white" data-testid="unread-badge" aria-label={`${count} unread`}>
      {count > 99 ? "99+" : count}
    </span>
  );
}
