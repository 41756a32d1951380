import Link from "next/link";
import { Button } from "@/components/ui/button";
import { CATEGORY_LABELS, INCIDENT_CATEGORIES, SEVERITIES, STATUSES, STATUS_LABELS } from "@/lib/incidents/catalog";
import { AGE_LABELS, INCIDENT_AGES, type TListIncidents } from "@/lib/incidents/schema";

const select = "h-9 min-w-0 max-w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30";

/** GET form of the incident list's filters (works without JavaScript). */
export function IncidentFilters({ query, action = "/incidents", systems }: { query: TListIncidents; action?: string; systems?: { id: string; name: string }[] }) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm" role="search" aria-label="Filter incidents">
      <input type="search" name="q" defaultValue={query.q ?? ""} placeholder="Search title or INC number" aria-label="Search" className={`${select} min-w-[12rem] flex-1 px-3`} />
      <select name="status" defaultValue={query.status} aria-label="Status" className={select}>
        <option value="open">Open (not closed)</option>
        <option value="all">All statuses</option>
        {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
      </select>
      <select name="severity" defaultValue={query.severity ?? ""} aria-label="Severity" className={select}>
        <option value="">Any severity</option>
        {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <select name="category" defaultValue={query.category ?? ""} aria-label="Category" className={select}>
        <option value="">Any category</option>
        {INCIDENT_CATEGORIES.map((c) => <option key={c} value={c}>{CATEGORY_LABELS[c]}</option>)}
      </select>
      <select name="age" defaultValue={query.age ?? ""} aria-label="Age" className={select}>
        <option value="">Any age</option>
        {INCIDENT_AGES.map((a) => <option key={a} value={a}>{AGE_LABELS[a]}</option>)}
      </select>
      {systems ? (
        <select name="systemId" defaultValue={query.systemId ?? ""} aria-label="System" className={select}>
          <option value="">Any system</option>
          {systems.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      ) : null}
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-1.5 whitespace-nowrap text-sm text-slate-700">
          <input type="checkbox" name="overdue" value="true" defaultChecked={Boolean(query.overdue)} /> Overdue duty
        </label>
        <Button type="submit" variant="secondary" size="sm">Apply</Button>
        <Link href={action} className="text-sm text-slate-500 hover:text-slate-900">Reset</Link>
      </div>
    </form>
  );
}
