import type { Metadata } from "next";
import Link from "next/link";
import { ReportIncidentForm } from "@/components/incidents/report-form";
import { SeverityGuide } from "@/components/incidents/severity-guide";
import { Forbidden } from "@/components/forbidden";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { reportIncidentAction } from "@/lib/incidents/actions";
import { reportFormOptions } from "@/lib/incidents/queries";

export const metadata: Metadata = { title: "Report an incident" };

export default async function NewIncidentPage({ searchParams }: { searchParams: Promise<{ systemId?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "incident:report")) return <Forbidden message="Your role may not report incidents." />;
  const { systems, leads } = await reportFormOptions({ actor, db });
  const wanted = (await searchParams).systemId;
  const preselected = systems.some((s) => s.id === wanted) ? wanted! : null;
  return (
    <>
      <PageHeader
        title="Report an incident"
        breadcrumb={<><Link href="/incidents" className="hover:text-slate-900">Incidents</Link><span className="mx-1.5" aria-hidden>/</span>Report</>}
        description="Report early, even when unsure: the security team triages every report. Notification deadlines count from the detection time."
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card>
          <CardBody><ReportIncidentForm action={reportIncidentAction} systems={systems} leads={leads} preselected={preselected} /></CardBody>
        </Card>
        <Card className="h-fit">
          <CardHeader title="Severity levels" />
          <CardBody><SeverityGuide compact /></CardBody>
        </Card>
      </div>
    </>
  );
}
