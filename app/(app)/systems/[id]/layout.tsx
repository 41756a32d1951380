import Link from "next/link";
import type { ReactNode } from "react";
import { LifecycleBadge, TierBadge } from "@/components/status-badges";
import { Badge } from "@/components/ui/badge";
import { SystemTabs } from "@/components/systems/system-tabs";
import { loadSystemForPage } from "@/lib/systems/load-for-page";

export default async function SystemLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { system } = await loadSystemForPage(id);
  return (
    <>
      <div className="mb-2 text-sm text-slate-500">
        <Link href="/systems" className="hover:text-slate-900">AI systems</Link>
        <span className="mx-1.5" aria-hidden>/</span>
        <span className="text-slate-700">{system.slug}</span>
      </div>
      <div className="mb-5 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{system.name}</h1>
        <TierBadge tier={system.riskTier} />
        <LifecycleBadge state={system.lifecycle} />
        {system.archivedAt ? <Badge tone="slate">Archived</Badge> : null}
        {/* Read-only only for someone who can change nothing here (an auditor, another team's
            reader): a reviewer cannot edit the system's details but works its checklist. */}
        {!system.can.edit && !system.can.editChecklist && !system.archivedAt ? <Badge tone="blue">Read-only</Badge> : null}
      </div>
      <SystemTabs systemId={system.id} assetCount={system.assetCount} />
      <div className="pt-6">{children}</div>
    </>
  );
}
