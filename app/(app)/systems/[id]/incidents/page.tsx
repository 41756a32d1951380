import type { Metadata } from "next";
import { IncidentFilters } from "@/components/incidents/incident-filters";
import { IncidentTable } from "@/components/incidents/incident-table";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IgnoredParamsNotice } from "@/components/ui/ignored-params";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { listIncidents } from "@/lib/incidents/queries";
import { INCIDENT_LIST_PARAM_WORDS, ZListIncidents } from "@/lib/incidents/schema";
import { paramsObject, parseListParams, withParams } from "@/lib/search-params";
import { loadSystemForPage } from "@/lib/systems/load-for-page";

export const metadata: Metadata = { title: "Incidents" };

export default async function SystemIncidentsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor, system } = await loadSystemForPage((await params).id);
  const { systemId: _ignoredSystem, ...given } = paramsObject(await searchParams);
  const { params: good, ignored } = parseListParams(ZListIncidents, given, { ...INCIDENT_LIST_PARAM_WORDS, status: { fallback: "showing incidents in every state" } });
  const raw = { status: "all", ...good, systemId: system.id };
  const result = await listIncidents({ actor, db }, raw);
  const base = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "page" && k !== "systemId"));
  const canReport = can(actor, "incident:report") && !system.archivedAt;
  return (
    <div className="space-y-4">
      <IgnoredParamsNotice ignored={ignored} />
      <IncidentFilters query={result.query} action={`/systems/${system.id}/incidents`} />
      <Card className="overflow-hidden">
        <CardHeader
          title="Incidents on this system"
          description="Most severe first, then oldest. Open SEV1/SEV2 incidents block approval of this system."
          actions={canReport ? <ButtonLink size="sm" href={`/incidents/new?systemId=${system.id}`}>Report incident</ButtonLink> : undefined}
        />
        {result.items.length === 0 ? (
          <EmptyState title="No incidents recorded" description="No incident matches on this system. If it misbehaves — leaked data, an injected instruction, a tool acting on its own — report it." />
        ) : (
          <IncidentTable items={result.items} />
        )}
        {result.pages > 1 ? (
          <nav aria-label="Pagination" className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm">
            <p className="text-slate-600">Page {result.page} of {result.pages}</p>
            <div className="flex gap-2">
              {result.page > 1 ? <ButtonLink size="sm" variant="secondary" href={`/systems/${system.id}/incidents${withParams(base, { page: String(result.page - 1) })}`}>← Previous</ButtonLink> : null}
              {result.page < result.pages ? <ButtonLink size="sm" variant="secondary" href={`/systems/${system.id}/incidents${withParams(base, { page: String(result.page + 1) })}`}>Next →</ButtonLink> : null}
            </div>
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
