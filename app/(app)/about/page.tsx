import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_LABELS, ROLE_PERMISSIONS } from "@/lib/authz/permissions";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "About" };

export default async function AboutPage() {
  await requireActor();
  return (
    <>
      <PageHeader title="About" description="A self-hosted governance dashboard for the AI systems your organisation runs." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="What it is built on" />
          <CardBody className="space-y-3 text-sm leading-6 text-slate-700">
            <p>
              The structure of this product follows the <em>Guidelines for Secure AI System Development</em> published by the UK National Cyber Security
              Centre (NCSC) and the US Cybersecurity and Infrastructure Security Agency (CISA) with international partners in November 2023: secure design,
              secure development, secure deployment, and secure operation and maintenance, extended here with secure decommissioning.
            </p>
            <p className="text-slate-600">Contains public sector information licensed under the Open Government Licence v3.0.</p>
            <p>
              Risk identifiers refer to the OWASP Top 10 for LLM Applications 2025 and the OWASP Top 10 for Agentic Applications (CC BY-SA 4.0, © OWASP
              Foundation), MITRE ATLAS (Apache-2.0, © The MITRE Corporation), the NIST AI Risk Management Framework 1.0 and NIST SP 800-218A (public domain), and
              ISO/IEC 42001:2023 Annex A (identifiers only). Control guidance in this product is written in its own words.
            </p>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Roles" description="Least privilege: each role's permissions, from one table in the code." />
          <CardBody>
            <dl className="space-y-3 text-sm">
              {(Object.keys(ROLE_PERMISSIONS) as (keyof typeof ROLE_PERMISSIONS)[]).map((role) => (
                <div key={role}>
                  <dt className="font-medium text-slate-900">{ROLE_LABELS[role]}</dt>
                  <dd className="mt-1 flex flex-wrap gap-1">
                    {ROLE_PERMISSIONS[role].map((p) => (
                      <code key={p} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{p}</code>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
