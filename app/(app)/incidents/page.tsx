import type { Metadata } from "next";
import { IncidentFilters } from "@/components/incidents/incident-filters";
import { IncidentTable } from "@/components/incidents/incident-table";
import { IgnoredParamsNotice } from "@/components/ui/ignored-params";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/forbidden";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { listIncidents } from "@/lib/incidents/queries";
import { INCIDENT_LIST_PARAM_WORDS, ZListIncidents } from "@/lib/incidents/schema";
import { paramsObject, parseListParams, withParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "incident:read")) return <Forbidden message="Your role may not read incidents." />;
  const ctx = { actor, db };
  const { params: raw, ignored } = parseListParams(ZListIncidents, paramsObject(await searchParams), INCIDENT_LIST_PARAM_WORDS);
  const result = await listIncidents(ctx, raw);
  const { items, total, page, pages, query } = result;
  const base = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "page"));
  const filtered = Boolean(query.q || query.severity || query.category || query.systemId || query.overdue || query.age || query.status !== "open");
  const canReport = can(actor, "incident:report");

  return (
    <>
      <PageHeader
        title="Incidents"
        description={
          actor.role === "PRODUCT_OWNER"
            ? "AI security incidents on the systems you own or contribute to. Report anything suspicious: the security team triages it."
            : "AI security incidents across the organisation: open ones first, most severe and oldest at the top."
        }
        actions={
          <>
            <ButtonLink variant="secondary" href="/incidents/metrics">Metrics</ButtonLink>
            <a href={`/api/incidents/export${withParams(base, {})}`} className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50" download>
              Export CSV
            </a>
            {canReport ? <ButtonLink href="/incidents/new">Report incident</ButtonLink> : null}
          </>
        }
      />
      <IgnoredParamsNotice ignored={ignored} className="mb-4" />
      <IncidentFilters query={query} />
      <Card className="mt-4 overflow-hidden">
        {items.length === 0 ? (
          filtered ? (
            <EmptyState title="No incidents match these filters" description="Try another status or remove some filters." action={<ButtonLink variant="secondary" href="/incidents">Clear filters</ButtonLink>} />
          ) : (
            <EmptyState
              title="No open incidents"
              description={canReport ? "Nothing is open right now. When an AI system misbehaves — a prompt injection, leaked data, a tool doing something it should not — report it here." : "Nothing is open right now."}
              action={canReport ? <ButtonLink href="/incidents/new">Report an incident</ButtonLink> : undefined}
            />
          )
        ) : (
          <IncidentTable items={items} />
        )}
        {items.length > 0 ? (
          <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 bg-white px-4 py-3 text-sm">
            <p className="text-slate-600">
              Page {page} of {pages} · <span className="font-medium text-slate-900" data-testid="incidents-total">{total}</span> {total === 1 ? "incident" : "incidents"}
            </p>
            <div className="flex gap-2">
              {page > 1 ? <ButtonLink variant="secondary" size="sm" href={`/incidents${withParams(base, { page: String(page - 1) })}`}>← Previous</ButtonLink> : null}
              {page < pages ? <ButtonLink variant="secondary" size="sm" href={`/incidents${withParams(base, { page: String(page + 1) })}`}>Next →</ButtonLink> : null}
            </div>
          </nav>
        ) : null}
      </Card>
    </>
  );
}
