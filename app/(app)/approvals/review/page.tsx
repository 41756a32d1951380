import type { Metadata } from "next";
import { RequestList } from "@/components/approvals/request-list";
import { Forbidden } from "@/components/forbidden";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listReviewQueue } from "@/lib/approvals/queries";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewQueuePage() {
  const actor = await requireActor();
  if (!can(actor, "approval:decide")) return <Forbidden message="Only security reviewers and admins review approval requests." />;
  const { items, truncated } = await listReviewQueue({ actor, db });
  return (
    <>
      <PageHeader title="Review queue" description="Approval requests waiting for a decision, oldest first. Requests that failed the gate need an exception before anyone can approve them." />
      <Card>
        {items.length === 0 ? (
          <EmptyState title="Nothing to review" description="Submitted approval requests appear here." />
        ) : (
          <RequestList items={items} note={(r) => (r.blockedReason ? `You cannot decide: ${r.blockedReason}` : null)} />
        )}
      </Card>
      {truncated ? <p className="mt-3 text-sm text-slate-500">Showing the 100 oldest requests.</p> : null}
    </>
  );
}
