import type { Metadata } from "next";
import Link from "next/link";
import { label } from "@/components/labels";
import { LifecycleBadge, SensitivityBadge, TierBadge } from "@/components/status-badges";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IgnoredParamsNotice } from "@/components/ui/ignored-params";
import { PageHeader } from "@/components/ui/page-header";
import { SystemFilters } from "@/components/systems/system-filters";
import { hasPermission } from "@/lib/authz/permissions";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { paramsObject, parseListParams, withParams, type ParamWords } from "@/lib/search-params";
import { listAssignableUsers, listSystems } from "@/lib/systems/queries";
import { ZListSystemsQuery } from "@/lib/systems/schema";

export const metadata: Metadata = { title: "AI systems" };

/** What the inventory shows instead of a filter or sort value it cannot use (the notice's words). */
const INVENTORY_PARAM_WORDS: ParamWords = {
  q: { label: "search", fallback: "showing every system" },
  tier: { label: "risk tier", fallback: "showing all risk tiers" },
  lifecycle: { fallback: "showing every lifecycle stage" },
  autonomy: { fallback: "showing every autonomy level" },
  sensitivity: { label: "data sensitivity", fallback: "showing every data sensitivity" },
  owner: { fallback: "showing every owner's systems" },
  review: { label: "review filter", fallback: "showing systems whatever their next review" },
  pillar: { fallback: "showing readiness across all pillars" },
  band: { label: "readiness band", fallback: "showing every readiness" },
  archived: { label: "archive filter", fallback: "showing active systems" },
  sort: { fallback: "sorted by name" },
  dir: { label: "sort direction", fallback: "ascending" },
  cursor: { label: "page marker", fallback: "showing the first page" },
  limit: { label: "page size", fallback: "25 a page" },
};

const COLUMNS = [
  { key: "name", label: "System" },
  { key: "tier", label: "Risk tier" },
  { key: null, label: "Lifecycle" },
  { key: null, label: "Autonomy" },
  { key: null, label: "Data" },
  { key: null, label: "Owner" },
  { key: null, label: "Assets" },
  { key: "readiness", label: "Readiness" },
  { key: "review", label: "Next review" },
  { key: "updated", label: "Updated" },
] as const;

export default async function SystemsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const ctx = { actor, db };
  const { params: raw, ignored } = parseListParams(ZListSystemsQuery, paramsObject(await searchParams), INVENTORY_PARAM_WORDS);
  // The owner picker's users and the page of systems do not depend on each other.
  const [result, owners] = await Promise.all([listSystems(ctx, raw), actor.role === "PRODUCT_OWNER" ? [] : listAssignableUsers(ctx)]);
  const { items, total, totalExact, nextCursor, query } = result;
  const page = Number(raw.page ?? 1) || 1;
  const filtered = Boolean(query.q || query.tier.length || query.lifecycle.length || query.autonomy.length || query.sensitivity.length || query.owner || query.review || query.pillar || query.band || query.archived !== "active");
  const base = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "cursor" && k !== "page"));
  const canCreate = hasPermission(actor.role, "system:create");

  return (
    <>
      <PageHeader
        title="AI systems"
        description={
          actor.role === "PRODUCT_OWNER"
            ? "The AI systems you own or contribute to, and what they are made of."
            : "Every AI system the organisation runs, with its risk profile and bill of materials."
        }
        actions={
          <>
            {hasPermission(actor.role, "inventory:export") ? (
              <a href="/api/inventory/export" className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50" download>
                Export CSV
              </a>
            ) : null}
            {canCreate ? <ButtonLink href="/systems/new">New system</ButtonLink> : null}
          </>
        }
      />
      <IgnoredParamsNotice ignored={ignored} className="mb-4" />
      <SystemFilters query={query} owners={owners} />
      <Card className="mt-4 overflow-hidden">
        {items.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No systems match these filters"
              description="Try a different search term or remove some filters."
              action={<ButtonLink variant="secondary" href="/systems">Clear filters</ButtonLink>}
            />
          ) : (
            <EmptyState
              title="No AI systems yet"
              description={
                canCreate
                  ? "Register the first AI system: its purpose, risk tier, autonomy and exposure. You can then record its models, datasets, prompts, tools and credentials."
                  : "No AI system has been registered yet. Product owners register the systems they are responsible for."
              }
              action={canCreate ? <ButtonLink href="/systems/new">Register an AI system</ButtonLink> : undefined}
            />
          )
        ) : (
          <div className="relative overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">AI systems, sorted by {query.sort} {query.dir === "asc" ? "ascending" : "descending"}</caption>
              <thead className="bg-slate-50">
                <tr>
                  {COLUMNS.map((col) => (
                    <th key={col.label} scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                      {col.key ? (
                        <Link
                          href={`/systems${withParams(base, { sort: col.key, dir: query.sort === col.key && query.dir === "asc" ? "desc" : "asc" })}`}
                          className="inline-flex items-center gap-1 hover:text-slate-900"
                          aria-label={`Sort by ${col.label}`}
                        >
                          {col.label}
                          {query.sort === col.key ? <span aria-hidden>{query.dir === "asc" ? "▲" : "▼"}</span> : null}
                        </Link>
                      ) : (
                        col.label
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 bg-white">
                {items.map((s) => (
                  <tr key={s.id} className="hover:bg-slate-50">
                    <td className="px-4 py-3">
                      <Link href={`/systems/${s.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                        {s.name}
                      </Link>
                      <div className="text-xs text-slate-500">
                        {s.slug}
                        {s.archived ? <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-[10px] font-semibold uppercase text-slate-600">Archived</span> : null}
                      </div>
                    </td>
                    <td className="px-4 py-3"><TierBadge tier={s.riskTier} /></td>
                    <td className="px-4 py-3"><LifecycleBadge state={s.lifecycle} /></td>
                    <td className="px-4 py-3 text-slate-700">{label(s.autonomy)}</td>
                    <td className="px-4 py-3"><SensitivityBadge value={s.dataSensitivity} /></td>
                    <td className="px-4 py-3 text-slate-700">{s.owner.name}</td>
                    <td className="px-4 py-3 tabular-nums text-slate-700">{s.assetCount}</td>
                    <td className="px-4 py-3">
                      {s.readiness ? (
                        <Link href={`/systems/${s.id}/checklist`} className="block w-24 hover:opacity-80" title={`${s.readiness.done} of ${s.readiness.total} applicable controls done`}>
                          <span className="text-xs font-medium tabular-nums text-slate-700">{s.readiness.percent} %</span>
                          <span className="mt-1 block h-1.5 rounded-full bg-slate-100" aria-hidden>
                            <span className={`block h-1.5 rounded-full ${s.readiness.percent >= 100 ? "bg-emerald-600" : s.readiness.percent >= 50 ? "bg-emerald-400" : "bg-amber-400"}`} style={{ width: `${Math.max(s.readiness.percent, 3)}%` }} />
                          </span>
                        </Link>
                      ) : (
                        <span className="text-xs text-slate-400">No checklist</span>
                      )}
                    </td>
                    <td className="px-4 py-3 tabular-nums text-slate-700">{s.nextReviewDue ?? <span className="text-slate-400">—</span>}</td>
                    <td className="px-4 py-3 text-slate-500"><time dateTime={s.updatedAt}>{s.updatedAt.slice(0, 10)}</time></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {items.length > 0 ? (
          <nav aria-label="Pagination" className="flex items-center justify-between border-t border-slate-200 bg-white px-4 py-3 text-sm">
            <p className="text-slate-600">
              Page {page} · {totalExact ? null : <span title="An estimate from the database's statistics: above 1,000 matching systems the list does not count them one by one.">about </span>}
              <span className="font-medium text-slate-900" data-testid="systems-total">{(totalExact ? total : roughly(total)).toLocaleString("en")}</span> {total === 1 ? "system" : "systems"}
            </p>
            <div className="flex gap-2">
              {page > 1 ? <ButtonLink variant="secondary" size="sm" href={`/systems${withParams(base, {})}`}>First page</ButtonLink> : null}
              {nextCursor ? (
                <ButtonLink variant="secondary" size="sm" href={`/systems${withParams(base, { cursor: nextCursor, page: String(page + 1) })}`} rel="next">
                  Next page →
                </ButtonLink>
              ) : null}
            </div>
          </nav>
        ) : null}
      </Card>
    </>
  );
}

/** An estimate to two significant figures (10,042 → 10,000): "about 10,042" would claim a precision it lacks. */
function roughly(n: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}
