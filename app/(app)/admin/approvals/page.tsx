import type { Metadata } from "next";
import { AddEnvironmentForm, ArchiveEnvironmentButton, TierPolicyForm } from "@/components/approvals/admin-forms";
import { Forbidden } from "@/components/forbidden";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listEnvironments, listTierPolicies } from "@/lib/approvals/settings";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Approval policy" };

export default async function ApprovalSettingsPage() {
  const actor = await requireActor();
  if (!can(actor, "settings:manage")) return <Forbidden message="Only admins change approval settings." />;
  const [policies, environments] = await Promise.all([listTierPolicies(db), listEnvironments(db)]);
  return (
    <>
      <PageHeader title="Approval policy" description="How many distinct reviewers each risk tier needs, how long an approval holds, and which environments releases are approved for." />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Policy per risk tier" description="Requests keep the policy in force when they were submitted." />
          <CardBody className="space-y-5">
            {policies.map((p) => (
              <TierPolicyForm key={`${p.tier}-${p.rowVersion}`} policy={p} />
            ))}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Environments" />
          <CardBody className="space-y-4">
            <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
              {environments.map((e) => (
                <li key={e.key} className="flex items-center justify-between gap-3 px-4 py-2 text-sm" data-testid={`environment-${e.key}`}>
                  <span>
                    <strong>{e.label}</strong> <span className="font-mono text-slate-500">{e.key}</span>
                    {e.production ? <Badge tone="amber" className="ml-2">Production</Badge> : null}
                  </span>
                  {environments.length > 1 ? <ArchiveEnvironmentButton envKey={e.key} envLabel={e.label} /> : null}
                </li>
              ))}
            </ul>
            <AddEnvironmentForm />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
