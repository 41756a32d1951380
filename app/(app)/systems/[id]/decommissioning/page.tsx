import type { Metadata } from "next";
import Link from "next/link";
import { RetirementAction } from "@/components/incidents/retirement-actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { label } from "@/components/labels";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { getDecommissioning } from "@/lib/incidents/retire";
import { loadSystemForPage } from "@/lib/systems/load-for-page";

export const metadata: Metadata = { title: "Decommissioning" };

const STATUS_TONE = { MET: "green", NOT_APPLICABLE: "slate", NOT_MET: "red", IN_PROGRESS: "blue", NOT_STARTED: "amber" } as const;
const STATUS_TEXT: Record<string, string> = { MET: "Met", NOT_APPLICABLE: "Not applicable", NOT_MET: "Not met", IN_PROGRESS: "In progress", NOT_STARTED: "Not started" };

export default async function DecommissioningPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, system } = await loadSystemForPage((await params).id);
  const d = await getDecommissioning({ actor, db }, system.id);
  const reviewer = can(actor, "checklist:review");
  const open = d.controls.filter((c) => !c.done).length;
  return (
    <div className="space-y-6">
      {d.lifecycle === "RETIRED" && d.signature ? (
        <Alert tone="info" title="Retired">
          Signed by {d.signature.signedBy} on {d.signature.signedAt.slice(0, 10)}: “{d.signature.statement.replace(/[.\s]+$/, "")}”. {d.assets === 0 ? "It had no assets on record" : `${d.retiredAssets} of ${d.assets} asset${d.assets === 1 ? "" : "s"} marked retired`}; the deployment gate denies this system and its assets.
        </Alert>
      ) : null}
      <Card className="overflow-hidden">
        <CardHeader
          title="Secure decommissioning"
          description="Retiring walks the decommissioning controls of the system's checklist: models, indexes, datasets, logs, credentials, embeddings, adapters, caches, vendor access and agent memories. RETIRED is refused until each is met or justified as not applicable, and a security reviewer signs."
          actions={
            reviewer && !system.archivedAt ? (
              d.lifecycle === "RETIRING" ? <RetirementAction systemId={system.id} mode="sign" /> : d.lifecycle !== "RETIRED" && d.lifecycle !== "DRAFT" && d.lifecycle !== "IN_REVIEW" ? <RetirementAction systemId={system.id} mode="start" /> : null
            ) : null
          }
        />
        <CardBody className="border-b border-slate-200 text-sm text-slate-600">
          Lifecycle: <strong className="text-slate-900">{label(d.lifecycle)}</strong> · {d.controls.length - open} of {d.controls.length} controls done
          {d.lifecycle === "RETIRING" && open ? <span className="text-red-700"> · {open} still open: retirement will be refused</span> : null}
        </CardBody>
        {d.controls.length === 0 ? (
          <EmptyState title="No checklist yet" description="Decommissioning controls come with the system's checklist." />
        ) : (
          <ul className="divide-y divide-slate-100">
            {d.controls.map((c) => (
              <li key={c.itemId} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3" data-testid="decommissioning-control">
                <div className="min-w-0">
                  <Link href={`/systems/${system.id}/checklist?item=${c.itemId}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    <span className="font-mono text-xs text-slate-500">{c.code}</span> {c.title}
                  </Link>
                  {c.status === "NOT_APPLICABLE" && c.justification ? <p className="text-xs text-slate-500">Not applicable: {c.justification}</p> : null}
                </div>
                <div className="flex items-center gap-2">
                  <Badge tone={STATUS_TONE[c.status as keyof typeof STATUS_TONE] ?? "slate"}>{STATUS_TEXT[c.status] ?? c.status}</Badge>
                  {c.done ? <span className="text-xs text-emerald-700">done</span> : <span className="text-xs text-red-700">open</span>}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
