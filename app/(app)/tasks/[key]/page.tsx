import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { tellAuditTasks } from "@/components/audit/task-sentences";
import { relativeDay } from "@/lib/dates";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { cn } from "@/components/ui/cn";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { homeContext, loadTaskList } from "@/lib/home/queries";

export const metadata: Metadata = { title: "Tasks" };

const PAGE_SIZE = 25;
const TONE = { red: "text-red-700 font-semibold", amber: "text-amber-700 font-medium", slate: "text-slate-500" } as const;

export default async function TaskListPage({ params, searchParams }: { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const { key } = await params;
  const sp = await searchParams;
  const page = Math.min(Math.max(1, Math.floor(Number(sp.page) || 1)), 100_000);
  const ctx = await homeContext({ actor, db }, { since: typeof sp.since === "string" ? sp.since : undefined });
  let result: Awaited<ReturnType<typeof loadTaskList>>;
  try {
    result = await loadTaskList(ctx, key, { skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const { provider, total } = result;
  // Lines reporting audit events ("Changes since") read as sentences, like the audit log.
  const items = await tellAuditTasks(db, result.items);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const qs = (p: number) => `?${new URLSearchParams({ ...(key === "changes-since" ? { since: ctx.since } : {}), page: String(p) })}`;
  return (
    <>
      <PageHeader
        breadcrumb={<Link href="/" className="hover:underline">← Home</Link>}
        title={key === "changes-since" ? `Changes since ${ctx.since}` : provider.title}
        description={provider.description}
      />
      <Card className="overflow-hidden">
        {items.length === 0 ? (
          <EmptyState title={provider.empty} action={<ButtonLink variant="secondary" href="/">Back to home</ButtonLink>} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((item) => (
              <li key={item.id}>
                <Link href={item.href} className="flex items-start justify-between gap-4 px-5 py-3 hover:bg-slate-50" data-testid="task-row">
                  <span className="min-w-0">
                    <span className="block text-sm font-medium text-slate-900">{item.title}</span>
                    <span className="block text-xs text-slate-500">{item.detail}</span>
                  </span>
                  {item.date ? (
                    <span className={cn("shrink-0 text-right text-xs tabular-nums", TONE[item.tone ?? "slate"])}>
                      {relativeDay(item.date, ctx.today, provider.dateKind)}
                      <span className="block font-normal text-slate-500">{item.date}</span>
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <nav aria-label="Pagination" className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm">
          <p className="text-slate-600">
            Page {page} of {pages} · <span className="font-medium text-slate-900" data-testid="tasks-total">{total.toLocaleString("en")}</span> in total
          </p>
          <div className="flex gap-2">
            {page > 1 ? <ButtonLink variant="secondary" size="sm" href={qs(page - 1)}>← Previous</ButtonLink> : null}
            {page < pages ? <ButtonLink variant="secondary" size="sm" href={qs(page + 1)} rel="next">Next →</ButtonLink> : null}
          </div>
        </nav>
      </Card>
    </>
  );
}
