import Link from "next/link";
import type { Metadata } from "next";
import { DeleteAssetButton } from "@/components/assets/delete-asset-button";
import { ImportPanel } from "@/components/assets/import-panel";
import { VerifyArtifact } from "@/components/assets/verify-artifact";
import { DUE_DILIGENCE_TONE, label, versionText } from "@/components/labels";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { listAssets } from "@/lib/assets/queries";
import { digestAlgorithmName, findAssetsMissingDigest } from "@/lib/assets/rules/digests";
import { hasPermission } from "@/lib/authz/permissions";
import { getConfig } from "@/lib/config";
import { previewRecompute } from "@/lib/checklists/recompute";
import { db } from "@/lib/db/client";
import { loadSystemForPage } from "@/lib/systems/load-for-page";

export const metadata: Metadata = { title: "Assets" };

export default async function AssetsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { actor, system } = await loadSystemForPage((await params).id);
  const flash = await searchParams;
  const assets = await listAssets({ actor, db }, system.id);
  const canEdit = system.can.editAssets;
  const missingDigest = findAssetsMissingDigest(assets).length;
  // After adding or changing an asset (its id in the address, set by the form's action; an id
  // that is not one of this system's assets shows nothing): name it and say when it changes
  // which controls apply, with a link to review the change.
  const flashed = assets.find((a) => a.id === (flash.added ?? flash.saved));
  const flashVerb = flashed ? (flash.added === flashed.id ? "Added" : "Saved") : null;
  const applicability = flashed ? await previewRecompute({ actor, db }, system.id).catch(() => []) : [];
  const nowApply = applicability.filter((c) => c.applies).length;
  const noLonger = applicability.length - nowApply;

  return (
    <div className="space-y-6">
      {flashed ? (
        <Alert tone="success">
          {flashVerb} {flashed.name}.
          {applicability.length ? (
            <span data-testid="applicability-change">
              {" "}
              This changes which controls apply to the system
              {nowApply ? `: ${nowApply} more ${nowApply === 1 ? "applies" : "apply"}` : ""}
              {noLonger ? `${nowApply ? " and" : ":"} ${noLonger} no longer ${noLonger === 1 ? "applies" : "apply"}` : ""}.{" "}
              <Link href={`/systems/${system.id}/checklist?recompute=1`} className="font-medium underline">
                Review the change on the checklist
              </Link>
            </span>
          ) : null}
        </Alert>
      ) : null}
      {missingDigest ? (
        <Alert tone="warning">
          {missingDigest} {missingDigest === 1 ? "model or dataset has" : "models or datasets have"} no SHA-256 digest. Deployment approval will require one for every model and dataset.
        </Alert>
      ) : null}
      <Card className="overflow-hidden">
        <CardHeader
          title="Bill of materials"
          description="Models, data, prompts, tools, vendors, identities and credentials this system is made of."
          actions={
            <>
              {hasPermission(actor.role, "inventory:export") ? (
                <a href={`/api/inventory/export?systemId=${system.id}`} className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50" download>
                  Export CSV
                </a>
              ) : null}
              {hasPermission(actor.role, "inventory:export") ? (
                <a href={`/api/systems/${system.id}/aibom`} className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50" download>
                  AI-BOM (CycloneDX)
                </a>
              ) : null}
              {canEdit ? <ButtonLink size="sm" href={`/systems/${system.id}/assets/new`}>Add asset</ButtonLink> : null}
            </>
          }
        />
        {assets.length === 0 ? (
          <EmptyState
            title="No assets recorded"
            description={canEdit ? "Add the models, datasets, prompts, tool connectors and credentials this system uses — or import them from a CSV file or a CycloneDX BOM below." : "Nobody has recorded what this system is made of yet."}
            action={canEdit ? <ButtonLink href={`/systems/${system.id}/assets/new`}>Add the first asset</ButtonLink> : undefined}
          />
        ) : (
          <ul className="divide-y divide-slate-100">
            {assets.map((a) => (
              <li key={a.id} id={`asset-${a.id}`} className="flex flex-wrap items-start justify-between gap-4 px-5 py-4 target:bg-brand-50" data-testid="asset-row">
                {/* Full width on phones, so the actions wrap below instead of squeezing the details. */}
                <div className="min-w-0 flex-1 basis-full sm:basis-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="slate">{label(a.kind)}</Badge>
                    <p className="font-medium text-slate-900">{a.name}</p>
                    {a.version ? <span className="text-sm text-slate-500">{versionText(a.version)}</span> : null}
                    <Badge tone={DUE_DILIGENCE_TONE[a.dueDiligence]}>Due diligence: {label(a.dueDiligence)}</Badge>
                    {a.sensitivity ? <Badge tone="blue">{label(a.sensitivity)}</Badge> : null}
                  </div>
                  <dl className="mt-2 grid gap-x-6 gap-y-1 text-xs text-slate-600 sm:grid-cols-2 xl:grid-cols-3">
                    {a.supplier ? <div><dt className="inline text-slate-400">Supplier </dt><dd className="inline">{a.supplier}</dd></div> : null}
                    {a.licence ? <div><dt className="inline text-slate-400">Licence </dt><dd className="inline">{a.licence}</dd></div> : null}
                    {a.signatureRef ? <div className="truncate"><dt className="inline text-slate-400">Signature </dt><dd className="inline">{a.signatureRef}</dd></div> : null}
                    {a.secretLocation ? <div><dt className="inline text-slate-400">Secret in </dt><dd className="inline font-mono">{a.secretLocation}</dd></div> : null}
                    {a.rotationDays ? <div><dt className="inline text-slate-400">Rotates every </dt><dd className="inline">{a.rotationDays} days</dd></div> : null}
                    {a.credentialType ? <div><dt className="inline text-slate-400">Credential </dt><dd className="inline">{label(a.credentialType)}</dd></div> : null}
                    {a.humanApprovalRequired !== null ? <div><dt className="inline text-slate-400">Human approval </dt><dd className="inline">{a.humanApprovalRequired ? "required for each action" : "not required"}</dd></div> : null}
                  </dl>
                  <p className="mt-1.5 font-mono text-[11px] text-slate-500 [overflow-wrap:anywhere]" title={a.sha256 ?? undefined}>
                    {a.sha256 ? <>sha256:{a.sha256}</> : <span className="text-amber-700">no SHA-256 digest recorded</span>}
                  </p>
                  {a.otherDigests.length ? (
                    <ul className="mt-0.5 font-mono text-[11px] text-slate-500" aria-label="Other digests">
                      {a.otherDigests.map((d) => (
                        <li key={d.algorithm} className="[overflow-wrap:anywhere]" title={`${digestAlgorithmName(d.algorithm)}:${d.value}`}>
                          <span className="whitespace-nowrap">{digestAlgorithmName(d.algorithm).toLowerCase()}:</span>{d.value}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {a.capabilities.length ? (
                    <div className="mt-2 flex flex-wrap gap-1" aria-label="Capabilities">
                      {a.capabilities.map((c) => <Badge key={c} tone={c === "SPEND_MONEY" || c === "EXECUTE_CODE" || c === "CALL_PRODUCTION_APIS" ? "red" : "violet"}>{label(c)}</Badge>)}
                    </div>
                  ) : null}
                  {a.permissions.length ? <p className="mt-1.5 text-xs text-slate-600"><span className="text-slate-400">Scopes </span><span className="font-mono">{a.permissions.join(", ")}</span></p> : null}
                </div>
                <div className="flex items-start gap-2">
                  <VerifyArtifact expected={a.sha256} assetName={a.name} />
                  {canEdit ? (
                    <>
                      <ButtonLink size="sm" variant="secondary" href={`/systems/${system.id}/assets/${a.id}/edit`} aria-label={`Edit ${a.name}`}>Edit</ButtonLink>
                      <DeleteAssetButton systemId={system.id} assetId={a.id} name={a.name} version={a.rowVersion} />
                    </>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {canEdit ? (
        <Card>
          <CardHeader title="Import assets" description="From a CSV file or a CycloneDX 1.6 JSON bill of materials. Every row is checked first; if any is wrong, nothing is imported and each problem is listed." />
          <CardBody><ImportPanel systemId={system.id} maxBytes={getConfig().MAX_IMPORT_BYTES} /></CardBody>
        </Card>
      ) : null}
    </div>
  );
}
