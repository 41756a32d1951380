import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { CsvLink } from "@/components/exports/csv-link";
import { CoverageView } from "@/components/threats/coverage-view";
import { DataFlowDiagram, DiagramLegend } from "@/components/threats/data-flow-diagram";
import { CustomThreatForm, FlowForm, FlowRowActions, LibraryPicker, ScopeForm, SuggestionsPanel, ThresholdForm } from "@/components/threats/forms";
import { BandLegend, HeatMapGrid, ScoringRubric } from "@/components/threats/heat-map";
import { SortLinks, ThreatList } from "@/components/threats/threat-list";
import { ImportReportView, ImportThreatDragon, VersionActions } from "@/components/threats/version-actions";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { residualThresholdVersion } from "@/lib/threats/set-threshold";
import { NotFoundError } from "@/lib/errors";
import { getThreatModelPage, THREAT_SORTS } from "@/lib/threats/queries";
import { STATUS_LABELS } from "@/lib/threats/rules";
import { loadSystemForPage } from "@/lib/systems/load-for-page";

export const metadata: Metadata = { title: "Threat model" };

const ZQuery = z.object({
  v: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  sort: z.enum(THREAT_SORTS).optional().catch(undefined),
  /** The threat opened for reading and, in a draft, editing (one at a time keeps the page light). */
  open: z.string().max(64).optional().catch(undefined),
});

const STATUS_TONE: Record<string, Tone> = { DRAFT: "amber", IN_REVIEW: "blue", REVIEWED: "green", SUPERSEDED: "slate" };

function day(iso: string | null) {
  return iso ? iso.slice(0, 10) : "—";
}

export default async function ThreatModelTab({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const { actor } = await loadSystemForPage(id);
  const query = ZQuery.parse(await searchParams);
  const sort = query.sort ?? "residual";
  let page;
  try {
    page = await getThreatModelPage({ actor, db }, id, { version: query.v, sort });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const base = `/systems/${id}/threat-model`;
  const model = page.model;
  const isAdmin = can(actor, "settings:manage");
  const thresholdVersion = isAdmin ? await residualThresholdVersion(db) : null;

  if (!model) {
    return (
      <div className="space-y-6">
        <Card>
          <EmptyState
            title="No threat model yet"
            description={
              page.rights.edit
                ? "Start a draft: the threat library suggests the threats that fit this system's profile and bill of materials, each with its reason. Or import an OWASP Threat Dragon 2.x model."
                : "A security reviewer has not modelled the threats to this system yet."
            }
            action={page.canStartDraft ? <VersionActions systemId={id} model={null} can={null} canStartDraft startLabel="Start threat model" /> : undefined}
          />
        </Card>
        {page.canStartDraft ? (
          <Card>
            <CardHeader title="Import from OWASP Threat Dragon" description="Threats, data flows, categories, mitigations and status from a Threat Dragon 2.x JSON file." />
            <CardBody><ImportThreatDragon systemId={id} /></CardBody>
          </Card>
        ) : null}
      </div>
    );
  }

  const frozen = model.status === "REVIEWED" || model.status === "SUPERSEDED";
  return (
    <div className="space-y-6">
      {/* Version header: which version, its status, who authored and reviewed it. */}
      <Card>
        <div className="flex flex-col gap-4 px-5 py-4 lg:flex-row lg:items-start lg:justify-between">
          <div className="min-w-0 flex-1 space-y-1.5">
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="text-lg font-semibold text-slate-900">Threat model · version {model.version}</h2>
              <Badge tone={STATUS_TONE[model.status]}>{STATUS_LABELS[model.status]}</Badge>
              {page.inForce?.version === model.version ? <Badge tone="green">In force</Badge> : null}
              {!page.rights.edit ? <Badge tone="blue">Read-only</Badge> : null}
            </div>
            <p className="text-sm text-slate-600">
              Authored by {model.authorName} on {day(model.createdAt)}
              {model.basedOnVersion ? ` from version ${model.basedOnVersion}` : ""}
              {model.submittedByName ? ` · submitted by ${model.submittedByName} on ${day(model.submittedAt)}` : ""}
              {model.reviewedByName ? ` · reviewed by ${model.reviewedByName} on ${day(model.reviewedAt)}` : ""}
            </p>
            {model.reviewComment ? <p className="text-sm italic text-slate-600">“{model.reviewComment}”</p> : null}
            <nav aria-label="Versions" className="flex flex-wrap gap-1 pt-1">
              {page.versions.map((v) => (
                <Link
                  key={v.id}
                  href={`${base}?v=${v.version}`}
                  aria-current={v.version === model.version ? "page" : undefined}
                  className={`rounded-md border px-2 py-0.5 text-xs ${v.version === model.version ? "border-brand-500 bg-brand-50 font-medium text-brand-700" : "border-slate-200 text-slate-600 hover:bg-slate-50"}`}
                >
                  v{v.version} · {STATUS_LABELS[v.status]}
                </Link>
              ))}
            </nav>
          </div>
          <div className="flex shrink-0 flex-col gap-2 lg:items-end">
            <VersionActions
              systemId={id}
              model={{ id: model.id, version: model.version, rowVersion: model.rowVersion, status: model.status }}
              can={model.can}
              canStartDraft={page.canStartDraft}
              startLabel={page.inForce ? `Edit: start version ${(page.versions[0]?.version ?? 0) + 1}` : "Start a new draft"}
            />
            <div className="flex gap-2">
              <a className={buttonClass("secondary", "sm")} href={`/api/systems/${id}/threat-model/export?version=${model.version}`} download>Export JSON</a>
              <Link className={buttonClass("secondary", "sm")} href={`/print/threat-model/${id}?v=${model.version}`} target="_blank">Printable page</Link>
            </div>
          </div>
        </div>
        {model.approveBlocked ? <div className="border-t border-slate-100 px-5 py-2 text-sm text-amber-800">{model.approveBlocked}</div> : null}
        {page.open && page.open.version !== model.version ? (
          <div className="border-t border-slate-100 px-5 py-2 text-sm text-slate-600">
            Version {page.open.version} is {STATUS_LABELS[page.open.status].toLowerCase()}: <Link className="font-medium text-brand-700 hover:underline" href={`${base}?v=${page.open.version}`}>open it</Link>.
          </div>
        ) : null}
      </Card>

      {frozen ? <Alert tone="info">This version is {STATUS_LABELS[model.status].toLowerCase()} and frozen. {page.canStartDraft ? "To change it, start a new draft: it is copied from the version in force." : ""}</Alert> : null}
      {model.status === "IN_REVIEW" ? <Alert tone="info">In review: the version is locked. A reviewer who did not author or submit it marks it reviewed, or returns it to draft.</Alert> : null}
      {page.counts.expired ? <Alert tone="warning">{page.counts.expired} risk {page.counts.expired === 1 ? "acceptance has" : "acceptances have"} expired and count as untreated.</Alert> : null}
      {model.importReport && model.status === "DRAFT" ? <ImportReportView report={model.importReport} message="This draft was imported." /> : null}

      <nav aria-label="Threat model sections" className="flex flex-wrap gap-1 text-sm print:hidden">
        {[["summary", "Risk summary"], ["scope", "Scope"], ["flows", "Data flows"], ...(page.suggestions ? [["suggestions", "Suggestions"]] : []), ["threats", "Threats"], ["coverage", "Coverage"], ["rubric", "Scoring rubric"]].map(([anchor, text]) => (
          <a key={anchor} href={`#${anchor}`} className="rounded-md px-2.5 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">{text}</a>
        ))}
      </nav>

      <Card>
        <CardHeader title={<span id="summary">Risk summary</span>} description={`Residual-risk threshold ${page.threshold}: threats scoring above it need a valid treatment.`} />
        <CardBody className="space-y-5">
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            {[
              ["Threats", page.counts.threats, "text-slate-900"],
              ["Above threshold", page.counts.aboveThreshold, page.counts.aboveThreshold ? "text-orange-700" : "text-slate-900"],
              ["Untreated", page.counts.untreated, page.counts.untreated ? "text-red-700" : "text-emerald-700"],
              ["Accepted", page.counts.accepted, "text-violet-700"],
              ["Linked controls", page.counts.mitigations, "text-slate-900"],
            ].map(([label, value, tone]) => (
              <div key={label as string} className="rounded-md border border-slate-200 px-3 py-2">
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
                <dd className={`text-2xl font-semibold tabular-nums ${tone}`}>{value}</dd>
              </div>
            ))}
          </dl>
          <div className="grid gap-6 md:grid-cols-2" data-testid="heat-maps">
            <HeatMapGrid title="Inherent risk" caption="before treatment" counts={page.heat.inherent} threshold={page.threshold} />
            <HeatMapGrid title="Residual risk" caption="after mitigations (inherent where not set)" counts={page.heat.residual} threshold={page.threshold} />
          </div>
          <BandLegend threshold={page.threshold} />
          {isAdmin ? <div className="border-t border-slate-100 pt-4 print:hidden"><ThresholdForm systemId={id} threshold={page.threshold} version={thresholdVersion ?? ""} /></div> : null}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={<span id="scope">Scope and assumptions</span>} />
        <CardBody>
          {model.can.edit ? (
            <ScopeForm systemId={id} model={model} />
          ) : (
            <div className="space-y-3 text-sm">
              <p className="whitespace-pre-line text-slate-700">{model.scope || <span className="text-slate-500">No scope written.</span>}</p>
              {model.assumptions.length ? (
                <ul className="list-disc space-y-1 pl-5 text-slate-700">{model.assumptions.map((a, i) => <li key={i}>{a}</li>)}</ul>
              ) : <p className="text-slate-500">No assumptions recorded.</p>}
            </div>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={<span id="flows">Data flows</span>} description="The diagram is drawn from these entries. Name elements after inventory assets to show their kind." />
        <CardBody className="space-y-4">
          {model.flows.length ? (
            <>
              <DataFlowDiagram layout={page.diagram} />
              <DiagramLegend />
              <div className="relative overflow-x-auto">
                <table className="w-full min-w-[640px] text-left text-sm">
                  <thead>
                    <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                      <th scope="col" className="py-2 pr-3 font-medium">Source</th>
                      <th scope="col" className="py-2 pr-3 font-medium">Target</th>
                      <th scope="col" className="py-2 pr-3 font-medium">Data</th>
                      <th scope="col" className="py-2 pr-3 font-medium">Trust boundary</th>
                      <th scope="col" className="py-2 pr-3 font-medium">Assets</th>
                      {model.can.edit ? <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th> : null}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {model.flows.map((f) => (
                      <tr key={f.id} className="align-top">
                        <td className="py-2 pr-3 text-slate-900">{f.source}</td>
                        <td className="py-2 pr-3 text-slate-900">{f.target}</td>
                        <td className="py-2 pr-3 text-slate-700">{f.data}</td>
                        <td className="py-2 pr-3">{f.crossesTrustBoundary ? <Badge tone="red">Crosses</Badge> : <span className="text-slate-500">Within</span>}</td>
                        <td className="py-2 pr-3 text-xs text-slate-600">{f.assetIds.map((a) => page.assets.find((x) => x.id === a)?.name ?? "(removed asset)").join(", ") || "—"}</td>
                        {model.can.edit ? <td className="py-2"><FlowRowActions systemId={id} modelId={model.id} flow={f} assets={page.assets} /></td> : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <p className="text-sm text-slate-500">No data flows recorded{model.can.edit ? ": add the first one below." : "."}</p>
          )}
          {model.can.edit ? (
            <div className="rounded-md border border-slate-200 p-4">
              <h3 className="mb-3 text-sm font-semibold text-slate-900">Add a data flow</h3>
              <datalist id="tm-element-names">
                {[...new Set([...page.assets.map((a) => a.name), ...model.flows.flatMap((f) => [f.source, f.target])])].map((n) => <option key={n} value={n} />)}
              </datalist>
              <FlowForm systemId={id} modelId={model.id} assets={page.assets} />
            </div>
          ) : null}
        </CardBody>
      </Card>

      {page.suggestions ? (
        <Card>
          <CardHeader title={<span id="suggestions">Suggested threats</span>} description="Drawn from the threat library by this system's profile and bill of materials; each says why." />
          <CardBody>
            <SuggestionsPanel systemId={id} modelId={model.id} open={page.suggestions.open} dismissed={page.suggestions.dismissed} />
          </CardBody>
        </Card>
      ) : null}

      <Card>
        <CardHeader
          title={<span id="threats">Threats ({model.threats.length})</span>}
          description={model.can.edit ? "Open a threat to read and edit its assets, scores, mitigations and treatment." : "Open a threat for its description, affected assets, mitigations and acceptance."}
          actions={
            <>
              {model.threats.length > 1 ? <SortLinks base={base} sort={sort} version={model.version} /> : null}
              {page.inForce ? <CsvLink actor={actor} table="threats" query={{ systemId: id }} label="CSV (version in force)" /> : null}
            </>
          }
        />
        {model.threats.length ? (
          <ThreatList page={page} libraryControls={page.libraryControls} openId={query.open} sort={sort} />
        ) : (
          <CardBody><p className="text-sm text-slate-500">No threats yet{model.can.edit ? ": add suggestions above, pick from the library or write your own below." : "."}</p></CardBody>
        )}
        {model.can.edit ? (
          <CardBody className="space-y-5 border-t border-slate-200">
            <LibraryPicker systemId={id} modelId={model.id} entries={page.library} />
            <details className="rounded-md border border-slate-200 px-4 py-3">
              <summary className="cursor-pointer text-sm font-medium text-slate-800">Write a custom threat</summary>
              <div className="mt-3"><CustomThreatForm systemId={id} modelId={model.id} assets={page.assets} /></div>
            </details>
          </CardBody>
        ) : null}
      </Card>

      <Card>
        <CardHeader title={<span id="coverage">Coverage: OWASP LLM 2025 and MITRE ATLAS</span>} description="Which items this version's threats address, with which linked controls, and which were not considered at all." />
        <CardBody><CoverageView coverage={page.coverage} printHref={`/print/threat-model/${id}?v=${model.version}`} /></CardBody>
      </Card>

      <Card>
        <CardHeader title={<span id="rubric">Scoring rubric</span>} />
        <CardBody><ScoringRubric /></CardBody>
      </Card>

      {page.canStartDraft ? (
        <Card>
          <CardHeader title="Import from OWASP Threat Dragon" description="Creates a new draft version from a Threat Dragon 2.x JSON file." />
          <CardBody><ImportThreatDragon systemId={id} /></CardBody>
        </Card>
      ) : null}
    </div>
  );
}
