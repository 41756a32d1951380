import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChain } from "@/components/audit/verify-chain";
import { CsvLink } from "@/components/exports/csv-link";
import { Forbidden } from "@/components/forbidden";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { auditFacets, listAuditEvents, ZAuditFilter } from "@/lib/audit/queries";
import { hasPermission } from "@/lib/authz/permissions";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { paramsObject, withParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!hasPermission(actor.role, "audit:read")) {
    return <Forbidden message="The audit log is available to admins, security reviewers and auditors." />;
  }
  const raw = paramsObject(await searchParams);
  const parsed = ZAuditFilter.safeParse(raw);
  const filter = parsed.success ? parsed.data : ZAuditFilter.parse({});
  const [{ events, nextBefore }, facets] = await Promise.all([listAuditEvents({ actor, db }, filter), auditFacets({ actor, db })]);
  const base = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "before"));
  const filtered = Boolean(filter.actor || filter.entityType || filter.entityId || filter.action || filter.from || filter.to);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and export, append-only and hash-chained: each event carries the SHA-256 of the one before it, so any edit or deletion is detectable."
        actions={<CsvLink actor={actor} table="audit-log" size="md" label={filtered ? "Export these events (CSV)" : "Export CSV"} query={{ actor: filter.actor, entityType: filter.entityType, entityId: filter.entityId, action: filter.action, from: filter.from, to: filter.to }} />}
      />
      <Card className="mb-4">
        <CardBody>
          <VerifyChain />
        </CardBody>
      </Card>
      {!parsed.success ? <Alert tone="warning" className="mb-4">Some filters were not valid and were ignored.</Alert> : null}
      <form method="get" action="/audit" role="search" aria-label="Filter audit events" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div>
          <label htmlFor="actor" className="mb-1 block text-xs font-medium text-slate-600">Actor</label>
          <Input id="actor" name="actor" placeholder="email contains…" defaultValue={filter.actor ?? ""} className="w-52" />
        </div>
        <div>
          <label htmlFor="action" className="mb-1 block text-xs font-medium text-slate-600">Action</label>
          <Select id="action" name="action" defaultValue={filter.action ?? ""} className="w-52">
            <option value="">Any action</option>
            {facets.actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </Select>
        </div>
        <div>
          <label htmlFor="entityType" className="mb-1 block text-xs font-medium text-slate-600">Entity</label>
          <Select id="entityType" name="entityType" defaultValue={filter.entityType ?? ""} className="w-40">
            <option value="">Any entity</option>
            {facets.entityTypes.map((a) => <option key={a} value={a}>{a}</option>)}
          </Select>
        </div>
        <div>
          <label htmlFor="entityId" className="mb-1 block text-xs font-medium text-slate-600">Entity id</label>
          <Input id="entityId" name="entityId" defaultValue={filter.entityId ?? ""} className="w-48" />
        </div>
        <div>
          <label htmlFor="from" className="mb-1 block text-xs font-medium text-slate-600">From</label>
          <Input id="from" name="from" type="date" defaultValue={filter.from ?? ""} />
        </div>
        <div>
          <label htmlFor="to" className="mb-1 block text-xs font-medium text-slate-600">To</label>
          <Input id="to" name="to" type="date" defaultValue={filter.to ?? ""} />
        </div>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass("primary")}>Apply</button>
          <a href="/audit" className={buttonClass("ghost")}>Reset</a>
        </div>
      </form>
      <Card className="overflow-hidden">
        {events.length ? (
          <AuditTable events={events} />
        ) : (
          <EmptyState title={filtered ? "No events match these filters" : "No events yet"} description={filtered ? "Widen the date range or clear a filter." : undefined} />
        )}
        {nextBefore || filter.before ? (
          <div className="flex justify-end gap-2 border-t border-slate-200 px-4 py-3">
            {filter.before ? <ButtonLink size="sm" variant="secondary" href={`/audit${withParams(base, {})}`}>Newest</ButtonLink> : null}
            {nextBefore ? <ButtonLink size="sm" variant="secondary" href={`/audit${withParams(base, { before: nextBefore })}`}>Older →</ButtonLink> : null}
          </div>
        ) : null}
      </Card>
    </>
  );
}
