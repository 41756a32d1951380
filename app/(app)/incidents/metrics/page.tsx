import type { Metadata } from "next";
import Link from "next/link";
import { formatHours } from "@/components/incidents/badges";
import { MetricsChart } from "@/components/incidents/metrics-chart";
import { Forbidden } from "@/components/forbidden";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { incidentMetrics } from "@/lib/incidents/queries";
import type { MetricRow } from "@/lib/incidents/rules";

export const metadata: Metadata = { title: "Incident metrics" };

function MetricsTable({ rows, group }: { rows: MetricRow[]; group: string }) {
  return (
    // Scrolls sideways on phones: a named, focusable region so keyboard users can scroll it too.
    <div className="relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-500" role="region" aria-label={`Time to contain and to close by ${group.toLowerCase()}`} tabIndex={0}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Time to contain and to close by {group.toLowerCase()}</caption>
        <thead className="bg-slate-50">
          <tr>
            {[group, "Incidents", "Contained", "Median to contain", "Closed", "Median to close"].map((h) => (
              <th key={h} scope="col" className="whitespace-nowrap px-4 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="px-4 py-2 text-left font-medium text-slate-900">{r.label}</th>
              <td className="px-4 py-2 tabular-nums">{r.incidents}</td>
              <td className="px-4 py-2 tabular-nums">{r.contained}</td>
              <td className="px-4 py-2 tabular-nums">{formatHours(r.medianHoursToContain)}</td>
              <td className="px-4 py-2 tabular-nums">{r.closed}</td>
              <td className="px-4 py-2 tabular-nums">{formatHours(r.medianHoursToClose)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function IncidentMetricsPage() {
  const actor = await requireActor();
  if (!can(actor, "incident:read")) return <Forbidden message="Your role may not read incidents." />;
  const metrics = await incidentMetrics({ actor, db });
  const sections = [
    { title: "By system", group: "System", rows: metrics.bySystem },
    { title: "By category", group: "Category", rows: metrics.byCategory },
  ];
  return (
    <>
      <PageHeader
        title="Incident metrics"
        breadcrumb={<><Link href="/incidents" className="hover:text-slate-900">Incidents</Link><span className="mx-1.5" aria-hidden>/</span>Metrics</>}
        description={`Time from detection to containment and to closing, as medians over ${metrics.total} incident${metrics.total === 1 ? "" : "s"}${actor.role === "PRODUCT_OWNER" ? " on your systems" : ""}. An incident on two systems counts for both.`}
      />
      {metrics.total === 0 ? (
        <Card><EmptyState title="No incidents yet" description="Metrics appear once incidents are recorded and contained." /></Card>
      ) : (
        <div className="space-y-6">
          {sections.map((s) => (
            <Card key={s.title} className="overflow-hidden">
              <CardHeader title={s.title} description="Chart and table show the same figures." />
              <CardBody><MetricsChart rows={s.rows} title={`Median hours to contain and to close, ${s.title.toLowerCase()}`} /></CardBody>
              <MetricsTable rows={s.rows} group={s.group} />
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
