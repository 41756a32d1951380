import type { Metadata } from "next";
import { label } from "@/components/labels";
import { SensitivityBadge } from "@/components/status-badges";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ArchiveButton } from "@/components/systems/archive-button";
import { Badge } from "@/components/ui/badge";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { loadSystemForPage } from "@/lib/systems/load-for-page";
import { getThreatModelSummary } from "@/lib/threats/queries";
import { STATUS_LABELS } from "@/lib/threats/rules";
import { ReadinessCard } from "@/components/home/readiness-card";
import { ReviewCard } from "@/components/reviews/review-card";
import { listReviews } from "@/lib/reviews/record-review";
import { todayUtc } from "@/lib/evidence/rules";
import { getReadinessCard } from "@/lib/home/readiness";
import { hasPermission } from "@/lib/authz/permissions";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { system } = await loadSystemForPage((await params).id);
  return { title: system.name };
}

export default async function SystemOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { actor, system } = await loadSystemForPage((await params).id);
  const flash = await searchParams;
  const [threatModel, readiness, reviews, reviewFacts] = await Promise.all([
    getThreatModelSummary(db, actor, system.id),
    hasPermission(actor.role, "checklist:read") ? getReadinessCard({ actor, db }, system.id) : null,
    listReviews({ actor, db }, system.id),
    db.aiSystem.findUniqueOrThrow({ where: { id: system.id }, select: { reviewDueReason: true } }),
  ]);
  const facts: [string, React.ReactNode][] = [
    ["Short ID (in links)", <code key="slug" className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{system.slug}</code>],
    ["Risk tier", label(system.riskTier)],
    ["Data sensitivity", <SensitivityBadge key="s" value={system.dataSensitivity} />],
    ["Autonomy", label(system.autonomy)],
    ["Exposure", label(system.exposure)],
    ["Lifecycle", label(system.lifecycle)],
    ["Next review due", system.nextReviewDue ?? "Not scheduled"],
    ["Registered", system.createdAt.slice(0, 10)],
    ["Last changed", system.updatedAt.slice(0, 10)],
  ];
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        {flash.created ? <Alert tone="success">System registered. Next, record what it is made of on the Assets tab.</Alert> : null}
        {flash.saved ? <Alert tone="success">Changes saved.</Alert> : null}
        {system.archivedAt ? <Alert tone="warning">This system was archived on {system.archivedAt.slice(0, 10)}. It is read-only until restored.</Alert> : null}
        <Card>
          <CardHeader
            title="Purpose"
            actions={
              <>
                {system.can.edit ? <ButtonLink variant="secondary" href={`/systems/${system.id}/edit`}>Edit</ButtonLink> : null}
                {system.can.archive ? <ArchiveButton systemId={system.id} name={system.name} archived={Boolean(system.archivedAt)} version={system.rowVersion} /> : null}
              </>
            }
          />
          <CardBody>
            <p className="whitespace-pre-line text-sm leading-6 text-slate-700">{system.purpose}</p>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Profile" description="These attributes decide which controls apply and who must approve a release." />
          <CardBody>
            <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-3">
              {facts.map(([term, value]) => (
                <div key={term}>
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
                  <dd className="mt-1 text-sm text-slate-900">{value}</dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
      </div>
      <div className="space-y-6">
        {readiness ? <ReadinessCard systemId={system.id} data={readiness} /> : null}
        <ReviewCard
          systemId={system.id}
          version={system.rowVersion}
          nextReviewDue={system.nextReviewDue}
          reason={reviewFacts.reviewDueReason}
          today={todayUtc()}
          reviews={reviews}
          canRecord={hasPermission(actor.role, "checklist:review") && !system.archivedAt}
        />
        <Card>
          <CardHeader title="People" />
          <CardBody className="space-y-4">
            <div>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Owner</p>
              <p className="mt-1 text-sm font-medium text-slate-900">{system.owner.name}</p>
              <p className="text-xs text-slate-500">{system.owner.email}</p>
            </div>
            <div>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Contributors</p>
              {system.contributors.length ? (
                <ul className="mt-1 space-y-1">
                  {system.contributors.map((c) => (
                    <li key={c.id} className="text-sm text-slate-800">
                      {c.name} <span className="text-xs text-slate-500">{c.email}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-sm text-slate-500">None</p>
              )}
            </div>
          </CardBody>
        </Card>
        {threatModel ? (
          <Card>
            <CardHeader title="Threat model" />
            <CardBody className="space-y-2 text-sm">
              {threatModel.inForce ? (
                <div data-testid="threat-model-in-force">
                  <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                    Version {threatModel.inForce.version} in force <Badge tone="green">Reviewed</Badge>
                  </p>
                  <p className="text-slate-600">
                    Reviewed by {threatModel.inForce.reviewerName ?? "—"} on {threatModel.inForce.reviewedAt?.slice(0, 10) ?? "—"} · {threatModel.inForce.threats} threats
                  </p>
                  {threatModel.inForce.untreated ? (
                    <p className="font-medium text-red-700">
                      {threatModel.inForce.untreated} untreated above the residual-risk threshold{threatModel.inForce.expired ? ` (${threatModel.inForce.expired} expired acceptances)` : ""}
                    </p>
                  ) : <p className="text-emerald-700">No untreated threat above the threshold</p>}
                </div>
              ) : <p className="text-slate-600">No reviewed threat model yet.</p>}
              {threatModel.open ? <p className="text-slate-600">Version {threatModel.open.version} is {STATUS_LABELS[threatModel.open.status].toLowerCase()}.</p> : null}
              <ButtonLink variant="secondary" size="sm" className="mt-1" href={`/systems/${system.id}/threat-model`}>Open threat model</ButtonLink>
            </CardBody>
          </Card>
        ) : null}
        <Card>
          <CardHeader title="Bill of materials" />
          <CardBody>
            <p className="text-3xl font-semibold tabular-nums text-slate-900">{system.assetCount}</p>
            <p className="text-sm text-slate-500">recorded {system.assetCount === 1 ? "asset" : "assets"}</p>
            <ButtonLink variant="secondary" size="sm" className="mt-3" href={`/systems/${system.id}/assets`}>Open assets</ButtonLink>
          </CardBody>
        </Card>
        {can(actor, "inventory:export") || can(actor, "export:run") ? (
          <Card>
            <CardHeader title="Exports" description="Standard formats for auditors and other tools." />
            <CardBody>
              <ul className="space-y-2 text-sm">
                {can(actor, "export:run") ? (
                  <li>
                    <a className="font-medium text-blue-700 hover:underline" href={`/api/exports/pack?systemId=${system.id}`} download>Evidence pack (signed ZIP)</a>
                    <span className="block text-xs text-slate-500">
                      Everything about this system, verifiable offline. Larger packs, several systems:{" "}
                      <a className="text-blue-700 underline hover:text-blue-900" href={`/exports?systemId=${system.id}`}>the Exports page</a>.
                    </span>
                  </li>
                ) : null}
                {can(actor, "inventory:export") ? (
                  <li>
                    <a className="font-medium text-blue-700 hover:underline" href={`/api/systems/${system.id}/aibom`} download>AI-BOM (CycloneDX 1.6)</a>
                  </li>
                ) : null}
                {can(actor, "inventory:export") && can(actor, "checklist:read") ? (
                  <li>
                    <a className="font-medium text-blue-700 hover:underline" href={`/api/systems/${system.id}/oscal`} download>Assessment results (OSCAL 1.0.6)</a>
                  </li>
                ) : null}
                <li>
                  <a className="font-medium text-blue-700 hover:underline" href={`/api/systems/${system.id}/card`} target="_blank" rel="noopener">Printable system card</a>
                  <span className="block text-xs text-slate-500">One page to print or save as PDF: card, bill of materials, progress, threat model.</span>
                </li>
              </ul>
            </CardBody>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
