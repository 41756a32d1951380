import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdvisoryForm } from "@/components/incidents/advisory-form";
import { Forbidden } from "@/components/forbidden";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { advisoryDefaults } from "@/lib/incidents/advisory";
import { pageId } from "@/lib/page-params";

export const metadata: Metadata = { title: "Share lessons learned" };

export default async function AdvisoryPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "incident:manage")) return <Forbidden message="Security reviewers and admins share incident advisories." />;
  // A malformed id (NUL, overlong, non-ASCII) names no incident: 404 before any query sees it.
  const id = pageId((await params).id);
  let initial;
  try {
    initial = await advisoryDefaults({ actor, db }, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  return (
    <>
      <PageHeader
        title="Share lessons learned"
        breadcrumb={<><Link href="/incidents" className="hover:text-slate-900">Incidents</Link><span className="mx-1.5" aria-hidden>/</span><Link href={`/incidents/${id}`} className="hover:text-slate-900">Incident</Link><span className="mx-1.5" aria-hidden>/</span>Advisory</>}
        description="A redacted CSAF 2.0 advisory (profile: security incident response) for peers, sector groups or a CERT. Nothing leaves until you download it."
      />
      {initial.status !== "CLOSED" ? <Alert tone="warning" className="mb-4">This incident is not closed yet: lessons learned may still change.</Alert> : null}
      <Card><CardBody><AdvisoryForm incidentId={id} initial={initial} /></CardBody></Card>
    </>
  );
}
