import type { Metadata } from "next";
import { RequestList } from "@/components/approvals/request-list";
import { IgnoredParamsNotice } from "@/components/ui/ignored-params";
import { Card } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listApprovals } from "@/lib/approvals/portfolio";
import { listMyRequests } from "@/lib/approvals/queries";
import { ZListApprovals, type TListApprovals } from "@/lib/approvals/schema";
import { APPROVAL_STATE_LABELS } from "@/lib/approvals/states";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { paramsObject, parseListParams, withParams, type ParamWords } from "@/lib/search-params";

export const metadata: Metadata = { title: "Approval requests" };

/** Words for the active filters of the portfolio view (`?view=all&…`). */
function describe(query: TListApprovals): string {
  const parts = [
    query.state ? APPROVAL_STATE_LABELS[query.state].toLowerCase() : null,
    query.expiring ? `approved, expiring within ${query.expiring} days` : null,
    query.closedWithin ? `in that state for at most ${query.closedWithin} days` : null,
    query.exception ? "resting on an exception in force" : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : "every state";
}

/** What the approvals list shows instead of a filter value it cannot use (the notice's words). */
const APPROVALS_PARAM_WORDS: ParamWords = {
  state: { fallback: "showing every state" },
  expiring: { label: "expiring-within filter", fallback: "showing requests whatever their expiry" },
  closedWithin: { label: "closed-within filter", fallback: "showing requests whenever they closed" },
  exception: { label: "exception filter", fallback: "showing requests with or without an exception" },
  page: { fallback: "showing the first page" },
};

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const raw = paramsObject(await searchParams);
  const reviewQueue = can(actor, "approval:decide") ? <ButtonLink href="/approvals/review" variant="secondary">Review queue</ButtonLink> : null;

  if (raw.view === "all") {
    // Portfolio view: every live system the person may see, filtered (the home page's approval figures link here).
    const ctx = { actor, db };
    const { params: good, ignored } = parseListParams(ZListApprovals, raw, APPROVALS_PARAM_WORDS);
    const result = await listApprovals(ctx, good);
    const { items, total, page, pageSize, query } = result;
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const base = Object.fromEntries(Object.entries(good).filter(([k]) => k !== "page"));
    return (
      <>
        <PageHeader title="Approval requests" description={`Across the systems you may see: ${describe(query)}. The longest waiting first.`} actions={<><ButtonLink href="/approvals" variant="secondary">My requests</ButtonLink>{reviewQueue}</>} />
        <IgnoredParamsNotice ignored={ignored} className="mb-4" />
        <Card>
          {items.length === 0 ? (
            <EmptyState title="No approval request matches" description="Nothing is in this state right now." action={<ButtonLink href="/approvals" variant="secondary">My requests</ButtonLink>} />
          ) : (
            <RequestList items={items} note={(r) => (r.state === "STALE" || r.state === "CHANGES_REQUESTED" ? r.stateReason : null)} />
          )}
          <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-4 py-3 text-sm">
            <p className="text-slate-600">
              Page {page} of {pages} · <span className="font-medium text-slate-900" data-testid="approvals-total">{total}</span> {total === 1 ? "request" : "requests"}
            </p>
            <div className="flex gap-2">
              {page > 1 ? <ButtonLink variant="secondary" size="sm" href={`/approvals${withParams(base, { page: String(page - 1) })}`}>← Previous</ButtonLink> : null}
              {page < pages ? <ButtonLink variant="secondary" size="sm" href={`/approvals${withParams(base, { page: String(page + 1) })}`}>Next →</ButtonLink> : null}
            </div>
          </nav>
        </Card>
      </>
    );
  }

  const { items, truncated } = await listMyRequests({ actor, db });
  return (
    <>
      <PageHeader
        title="My approval requests"
        description="Deployment sign-off requests you opened or that concern systems you own or contribute to. Open ones first."
        actions={reviewQueue}
      />
      <Card>
        {items.length === 0 ? (
          <EmptyState
            title="No approval requests"
            description="Open a system's Approvals tab to request approval for a release."
            action={<ButtonLink href="/systems" variant="secondary">Go to AI systems</ButtonLink>}
          />
        ) : (
          <RequestList items={items} note={(r) => (r.state === "CHANGES_REQUESTED" || r.state === "STALE" || r.state === "REVOKED" || r.state === "REJECTED" ? r.stateReason : null)} />
        )}
      </Card>
      {truncated ? <p className="mt-3 text-sm text-slate-500">Showing the 100 most recently changed requests.</p> : null}
    </>
  );
}
