import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { listSystemHistory } from "@/lib/audit/system-history";
import { hasPermission } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { loadSystemForPage } from "@/lib/systems/load-for-page";

export const metadata: Metadata = { title: "History" };

export default async function HistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ before?: string }> }) {
  const { actor, system } = await loadSystemForPage((await params).id);
  const { before } = await searchParams;
  const { events, nextBefore } = await listSystemHistory({ actor, db }, system.id, { before });
  return (
    <Card className="overflow-hidden">
      <CardHeader title="History" description="Every change to this system and its assets, from the tamper-evident audit trail." />
      {events.length ? <AuditTable events={events} linkPeople={hasPermission(actor.role, "audit:read")} /> : <EmptyState title="No history yet" />}
      {nextBefore || before ? (
        <div className="flex justify-end gap-2 border-t border-slate-200 px-4 py-3">
          {before ? <ButtonLink size="sm" variant="secondary" href={`/systems/${system.id}/history`}>Newest</ButtonLink> : null}
          {nextBefore ? <ButtonLink size="sm" variant="secondary" href={`/systems/${system.id}/history?before=${nextBefore}`}>Older →</ButtonLink> : null}
        </div>
      ) : null}
    </Card>
  );
}
