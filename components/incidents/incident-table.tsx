import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { IncidentListItem } from "@/lib/incidents/queries";
import { incidentRef } from "@/lib/incidents/catalog";
import { categoryLabel, formatHours, IncidentStatusBadge, SeverityBadge } from "./badges";

/** Incidents as a table on wide screens and as cards on phones. */
export function IncidentTable({ items }: { items: IncidentListItem[] }) {
  return (
    <>
      <div className="relative hidden overflow-x-auto md:block">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Incidents, most severe first, then oldest first</caption>
          <thead className="bg-slate-50">
            <tr>
              {["Severity", "Incident", "Status", "Category", "Systems", "Age", "Lead", "Duties"].map((h) => (
                <th key={h} scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {items.map((i) => (
              <tr key={i.id} className="hover:bg-slate-50" data-testid="incident-row">
                <td className="px-4 py-3"><SeverityBadge severity={i.severity} /></td>
                <td className="max-w-md px-4 py-3">
                  <Link href={`/incidents/${i.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">{i.title}</Link>
                  <div className="text-xs text-slate-500">{incidentRef(i.number)} · detected {i.detectedAt.slice(0, 10)} · by {i.reporter}</div>
                </td>
                <td className="px-4 py-3"><IncidentStatusBadge status={i.status} /></td>
                <td className="px-4 py-3 text-slate-700">{categoryLabel(i.category)}</td>
                <td className="px-4 py-3 text-slate-700">
                  {i.systems.map((s) => s.name).join(", ")}
                  {i.hiddenSystems ? <span className="text-xs text-slate-500"> +{i.hiddenSystems} other</span> : null}
                </td>
                <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-700">{formatHours(i.ageHours)}</td>
                <td className="px-4 py-3 text-slate-700">{i.lead ?? <span className="text-slate-500">Unassigned</span>}</td>
                <td className="px-4 py-3">{i.overdueDuties ? <Badge tone="red">{i.overdueDuties} overdue</Badge> : <span className="text-slate-500">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="divide-y divide-slate-100 md:hidden">
        {items.map((i) => (
          <li key={i.id} className="px-4 py-3" data-testid="incident-card">
            <div className="flex flex-wrap items-center gap-2">
              <SeverityBadge severity={i.severity} />
              <IncidentStatusBadge status={i.status} />
              {i.overdueDuties ? <Badge tone="red">{i.overdueDuties} overdue</Badge> : null}
            </div>
            <Link href={`/incidents/${i.id}`} className="mt-1 block font-medium text-slate-900 hover:text-brand-700">{i.title}</Link>
            <p className="mt-0.5 text-xs text-slate-500">
              {incidentRef(i.number)} · {categoryLabel(i.category)} · {formatHours(i.ageHours)} old · {i.systems.map((s) => s.name).join(", ") || "—"}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
