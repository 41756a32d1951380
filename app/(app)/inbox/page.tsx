import type { Metadata } from "next";
import Link from "next/link";
import { MarkAllRead, OpenNotification } from "@/components/notifications/inbox-actions";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IgnoredParamsNotice } from "@/components/ui/ignored-params";
import { PageHeader } from "@/components/ui/page-header";
import { cn } from "@/components/ui/cn";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listInbox, ZInboxQuery } from "@/lib/notifications/queries";
import { paramsObject, parseListParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const { params, ignored } = parseListParams(ZInboxQuery, paramsObject(await searchParams), {
    show: { label: "filter", fallback: "showing all notices" },
    page: { fallback: "showing the first page" },
  });
  const inbox = await listInbox({ actor, db }, params);
  const { query, items, total, unread, pages } = inbox;
  const href = (over: Record<string, string>) => `/inbox?${new URLSearchParams({ show: query.show, page: String(query.page), ...over })}`;
  return (
    <>
      <PageHeader
        title="Inbox"
        description="What happened that concerns you: assignments, requests for a decision, expiries and due reviews."
        actions={
          <>
            <MarkAllRead disabled={unread === 0} />
            <ButtonLink variant="ghost" size="sm" href="/inbox/preferences">Email preferences</ButtonLink>
          </>
        }
      />
      <IgnoredParamsNotice ignored={ignored} className="mb-3" />
      <nav className="mb-3 flex gap-2 text-sm" aria-label="Filter">
        {(["all", "unread"] as const).map((show) => (
          <Link key={show} href={href({ show, page: "1" })} aria-current={query.show === show ? "page" : undefined} className={cn("rounded-full px-3 py-1", query.show === show ? "bg-slate-900 text-white" : "bg-white text-slate-600 ring-1 ring-slate-200 hover:bg-slate-50")}>
            {show === "all" ? "All" : `Unread (${unread})`}
          </Link>
        ))}
      </nav>
      <Card className="overflow-hidden">
        {items.length === 0 ? (
          <EmptyState title={query.show === "unread" ? "Nothing unread" : "No notifications yet"} description="Assignments, review requests, expiries and due reviews will appear here." />
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((n) => (
              <li key={n.id} className={cn(!n.read && "bg-brand-50/40")}>
                <OpenNotification id={n.id} href={n.href} read={n.read}>
                  <span className="flex items-start justify-between gap-3">
                    <span className="min-w-0">
                      <span className={cn("block text-sm text-slate-900", !n.read && "font-semibold")}>
                        {!n.read ? <span className="mr-2 inline-block h-2 w-2 rounded-full bg-brand-500 align-middle" aria-label="unread" /> : null}
                        {n.title}
                      </span>
                      {n.body ? <span className="block truncate text-xs text-slate-500">{n.body}</span> : null}
                    </span>
                    <time dateTime={n.createdAt} className="shrink-0 text-xs tabular-nums text-slate-500">{n.createdAt.slice(0, 10)}</time>
                  </span>
                </OpenNotification>
              </li>
            ))}
          </ul>
        )}
        <nav aria-label="Pagination" className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm">
          <p className="text-slate-600">Page {query.page} of {pages} · {total} in total</p>
          <div className="flex gap-2">
            {query.page > 1 ? <ButtonLink variant="secondary" size="sm" href={href({ page: String(query.page - 1) })}>← Previous</ButtonLink> : null}
            {query.page < pages ? <ButtonLink variant="secondary" size="sm" href={href({ page: String(query.page + 1) })}>Next →</ButtonLink> : null}
          </div>
        </nav>
      </Card>
    </>
  );
}
