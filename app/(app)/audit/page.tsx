import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import { actionLabel, entityLabel } from "@/components/audit/sentences";
import { VerifyChain } from "@/components/audit/verify-chain";
import { Forbidden } from "@/components/forbidden";
import { IgnoredParamsNotice } from "@/components/ui/ignored-params";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { auditFacets, listAuditEvents, ZAuditFilter } from "@/lib/audit/queries";
import { hasPermission } from "@/lib/authz/permissions";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { paramsObject, parseListParams, withParams, type ParamWords } from "@/lib/search-params";

export const metadata: Metadata = { title: "Audit log" };

/** What the audit log shows instead of a filter value it cannot use (the notice's words). */
const AUDIT_PARAM_WORDS: ParamWords = {
  from: { label: "start date", fallback: "showing events from the beginning" },
  to: { label: "end date", fallback: "showing events up to now" },
  before: { label: "page marker", fallback: "showing the newest events" },
  limit: { label: "page size", fallback: "50 a page" },
  actor: { fallback: "showing everyone's events" },
  person: { fallback: "showing everyone's events" },
  system: { fallback: "showing events of every system" },
  entityType: { label: "kind of record", fallback: "showing every kind of record" },
  entityId: { label: "record", fallback: "showing every record" },
  action: { fallback: "showing every action" },
};

const labelClass = "mb-1 block text-xs font-medium text-slate-700";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!hasPermission(actor.role, "audit:read")) {
    return <Forbidden message="The audit log is available to admins, security reviewers and auditors." />;
  }
  const { data: filter, params: raw, ignored } = parseListParams(ZAuditFilter, paramsObject(await searchParams), AUDIT_PARAM_WORDS);
  const [{ events, nextBefore }, facets] = await Promise.all([listAuditEvents({ actor, db }, filter), auditFacets({ actor, db })]);
  const base = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "before"));
  const filtered = Boolean(filter.actor || filter.person || filter.system || filter.entityType || filter.entityId || filter.action || filter.from || filter.to);
  const exportQuery = Object.fromEntries(Object.entries(base).filter(([k]) => k !== "limit"));

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and export, append-only and hash-chained: each event carries the SHA-256 of the one before it, so any edit or deletion is detectable."
        actions={
          <a href={`/api/audit/export${withParams(exportQuery, {})}`} className={buttonClass("secondary")} download>
            {filtered ? "Export these events (CSV)" : "Export CSV"}
          </a>
        }
      />
      <Card className="mb-4">
        <CardBody>
          <VerifyChain />
        </CardBody>
      </Card>
      <IgnoredParamsNotice ignored={ignored} className="mb-4" />
      <form method="get" action="/audit" role="search" aria-label="Filter audit events" className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:grid-cols-4">
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor="person" className={labelClass}>Person</label>
          <Select id="person" name="person" defaultValue={filter.person ?? ""} className="w-full">
            <option value="">Anyone</option>
            {facets.people.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.email})</option>)}
          </Select>
        </div>
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor="system" className={labelClass}>AI system</label>
          <Select id="system" name="system" defaultValue={filter.system ?? ""} className="w-full">
            <option value="">Any system</option>
            {facets.systems.map((s) => <option key={s.id} value={s.id}>{s.name}{s.archived ? " (archived)" : ""}</option>)}
          </Select>
        </div>
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor="action" className={labelClass}>What happened</label>
          <Select id="action" name="action" defaultValue={filter.action ?? ""} className="w-full">
            <option value="">Anything</option>
            {facets.actions.map((a) => <option key={a} value={a}>{actionLabel(a)}</option>)}
          </Select>
        </div>
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor="entityType" className={labelClass}>Kind of record</label>
          <Select id="entityType" name="entityType" defaultValue={filter.entityType ?? ""} className="w-full">
            <option value="">Any record</option>
            {facets.entityTypes.map((a) => <option key={a} value={a}>{entityLabel(a)}</option>)}
          </Select>
        </div>
        <div>
          <label htmlFor="from" className={labelClass}>From (UTC day)</label>
          <Input id="from" name="from" type="date" defaultValue={filter.from ?? ""} className="w-full" />
        </div>
        <div>
          <label htmlFor="to" className={labelClass}>To (UTC day)</label>
          <Input id="to" name="to" type="date" defaultValue={filter.to ?? ""} className="w-full" />
        </div>
        {filter.entityId ? <input type="hidden" name="entityId" value={filter.entityId} /> : null}
        {filter.actor ? <input type="hidden" name="actor" value={filter.actor} /> : null}
        <div className="col-span-2 flex items-end gap-2">
          <button type="submit" className={buttonClass("primary")}>Apply</button>
          {/* A full load on purpose: it also clears what was typed into the fields and not applied. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a href="/audit" className={buttonClass("ghost")}>Reset</a>
        </div>
      </form>
      {filter.entityId || filter.actor ? (
        <p className="mb-4 text-sm text-slate-700">
          {filter.entityId ? <>Only events about the record <code className="rounded bg-slate-100 px-1 font-mono text-xs text-slate-800">{filter.entityId}</code>. </> : null}
          {filter.actor ? <>Only events by someone matching “{filter.actor}”. </> : null}
          <a className="font-medium text-brand-700 underline" href={`/audit${withParams(Object.fromEntries(Object.entries(base).filter(([k]) => k !== "entityId" && k !== "actor")), {})}`}>Show all</a>
        </p>
      ) : null}
      <Card className="overflow-hidden">
        {events.length ? (
          <AuditTable events={events} linkPeople />
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
