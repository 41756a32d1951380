import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { label } from "@/components/labels";
import { PERMISSION_LABELS, ROLE_LABELS, ROLE_PERMISSIONS } from "@/lib/authz/permissions";
import { requireActor } from "@/lib/auth/session";
import pkg from "@/package.json";

/** What each role is for, in a sentence (the list of what it may do comes from the permission table). */
const ROLE_PURPOSE: Record<keyof typeof ROLE_PERMISSIONS, string> = {
  ADMIN: "Runs this instance: manages people and their roles, publishes control library versions and may do everything the other roles do.",
  SECURITY_REVIEWER: "Reviews AI systems: takes the reviewer decisions on checklists, reviews threat models and accepts risks.",
  PRODUCT_OWNER: "Owns AI systems: registers them and works on their assets, checklists and evidence — only on systems they own or contribute to.",
  AUDITOR: "Checks the record: reads everything, verifies the audit log and exports, but changes nothing.",
};

function sentenceList(items: readonly string[]) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export const metadata: Metadata = { title: "About" };

export default async function AboutPage() {
  const actor = await requireActor();
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
          <CardHeader title="Roles" description={`What each role may do. You are signed in as ${label(actor.role)}.`} />
          <CardBody>
            <dl className="space-y-4 text-sm">
              {(Object.keys(ROLE_PERMISSIONS) as (keyof typeof ROLE_PERMISSIONS)[]).map((role) => (
                <div key={role}>
                  <dt className="font-medium text-slate-900">
                    {ROLE_LABELS[role]}
                    {role === actor.role ? <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700">Your role</span> : null}
                  </dt>
                  <dd className="mt-1 leading-6 text-slate-700">
                    {ROLE_PURPOSE[role]} May {sentenceList(ROLE_PERMISSIONS[role].map((p) => PERMISSION_LABELS[p]))}.
                  </dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Version" />
          <CardBody className="text-sm text-slate-700">
            <p>
              AI Governance <span className="font-medium text-slate-900" data-testid="product-version">{pkg.version}</span>
            </p>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Where to get help" />
          <CardBody className="space-y-2 text-sm leading-6 text-slate-700">
            <p>
              <strong className="font-medium text-slate-900">Access, roles and forgotten passwords:</strong> ask an administrator of this instance (the people with the Admin
              role). To change your own password, use the account menu at the top right.
            </p>
            <p>
              <strong className="font-medium text-slate-900">How a control applies or what evidence it expects:</strong> open the control in the Control library; each one
              explains its guidance, the evidence it expects and why it applies to a system.
            </p>
            <p>
              <strong className="font-medium text-slate-900">Something does not work:</strong> tell the team that runs this instance, with the time and, on an error page,
              the reference it shows. Installation, backups and the API are described in the README shipped with the product.
            </p>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
