import type { Metadata } from "next";
import { RequestList } from "@/components/approvals/request-list";
import { OpenRequestForm } from "@/components/approvals/request-forms";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { findGateApproval } from "@/lib/approvals/gate-query";
import { listSystemApprovals } from "@/lib/approvals/queries";
import { listEnvironments } from "@/lib/approvals/settings";
import { can, canRequestApproval } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { loadSystemForPage } from "@/lib/systems/load-for-page";

export const metadata: Metadata = { title: "Approvals" };

export default async function SystemApprovalsPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, system } = await loadSystemForPage((await params).id);
  const ctx = { actor, db };
  const [items, environments] = await Promise.all([listSystemApprovals(ctx, system.id), listEnvironments(db)]);
  const current = await Promise.all(environments.map(async (e) => ({ env: e, approval: await findGateApproval(db, { systemId: system.id, environment: e.key }) })));
  const mayRequest =
    can(actor, "approval:request") && canRequestApproval(actor, { ownerId: system.owner.id, contributorIds: system.contributors.map((c) => c.id) }) && !system.archivedAt;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Current approvals" description="What the deployment gate allows for each environment right now." />
        <CardBody>
          <ul className="grid gap-3 sm:grid-cols-2">
            {current.map(({ env, approval }) => (
              <li key={env.key} className="rounded-md border border-slate-200 px-4 py-3 text-sm">
                <p className="font-semibold text-slate-900">{env.label}</p>
                {approval ? (
                  <p className="text-slate-700">
                    Release <a className="font-medium text-brand-700 hover:underline" href={`/approvals/${approval.id}`}>{approval.releaseLabel}</a>, approved until {approval.expiresAt.toISOString().slice(0, 10)}
                    {approval.exception ? <span className="ml-1 font-semibold text-red-700">(on an exception)</span> : null}
                  </p>
                ) : (
                  <p className="text-slate-500">No valid approval: the gate denies deployments.</p>
                )}
              </li>
            ))}
          </ul>
        </CardBody>
      </Card>

      {mayRequest ? (
        <Card>
          <CardHeader title="Request approval" description="Opens a draft. You see the gate result before you submit; submitting pins the assets, digests, checklist and threat model as they are." />
          <CardBody>
            <OpenRequestForm systemId={system.id} environments={environments} />
          </CardBody>
        </Card>
      ) : system.archivedAt ? (
        <Alert tone="info">This system is archived: no new approval requests.</Alert>
      ) : null}

      <Card>
        <CardHeader title="Requests" description="Newest first." />
        {items.length === 0 ? (
          <EmptyState title="No approval requests yet" description={mayRequest ? "Request approval above when a release is ready for review." : "The owner requests approval when a release is ready."} />
        ) : (
          <RequestList items={items} showSystem={false} note={(r) => (r.stateReason && (r.state === "STALE" || r.state === "REVOKED" || r.state === "EXPIRED") ? r.stateReason : null)} />
        )}
      </Card>
    </div>
  );
}
