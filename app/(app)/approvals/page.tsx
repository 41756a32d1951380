import type { Metadata } from "next";
import { RequestList } from "@/components/approvals/request-list";
import { Card } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listMyRequests } from "@/lib/approvals/queries";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "My approval requests" };

export default async function MyRequestsPage() {
  const actor = await requireActor();
  const { items, truncated } = await listMyRequests({ actor, db });
  return (
    <>
      <PageHeader
        title="My approval requests"
        description="Deployment sign-off requests you opened or that concern systems you own or contribute to. Open ones first."
        actions={can(actor, "approval:decide") ? <ButtonLink href="/approvals/review" variant="secondary">Review queue</ButtonLink> : null}
      />
      <Card>
        {items.length === 0 ? (
          <EmptyState
            title="No approval requests"
            description="Open a system's Approvals tab to request approval for a release."
            action={<ButtonLink href="/systems" variant="secondary">Go to AI systems</ButtonLink>}
          />
        ) : (
          <RequestList items={items} note={(r) => (r.state === "CHANGES_REQUESTED" || r.state === "STALE" || r.state === "REVOKED" || r.state === "REJECTED" ? r.stateReason : null)} />
        )}
      </Card>
      {truncated ? <p className="mt-3 text-sm text-slate-500">Showing the 100 most recently changed requests.</p> : null}
    </>
  );
}
