import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { CoverageView } from "@/components/threats/coverage-view";
import { DataFlowDiagram, DiagramLegend } from "@/components/threats/data-flow-diagram";
import { BandLegend, HeatMapGrid, ScorePill, ScoringRubric } from "@/components/threats/heat-map";
import { PrintButton } from "@/components/threats/print-button";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { pageId } from "@/lib/page-params";
import { STRIDE_LABELS, type StrideCategory } from "@/lib/threats/library-schema";
import { getThreatModelPage } from "@/lib/threats/queries";
import { STATUS_LABELS, TREATMENT_LABELS } from "@/lib/threats/rules";

export const metadata: Metadata = { title: "Threat model (print)" };

const ZQuery = z.object({ v: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined) });

/** A printable threat-model version: no navigation, A4-width layout, everything expanded. */
export default async function PrintThreatModel({ params, searchParams }: { params: Promise<{ systemId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const systemId = pageId((await params).systemId);
  const actor = await requireActor();
  const { v } = ZQuery.parse(await searchParams);
  let page;
  try {
    page = await getThreatModelPage({ actor, db }, systemId, { version: v, sort: "residual" });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const model = page.model;
  if (!model) notFound();
  const assetName = new Map(page.assets.map((a) => [a.id, a.name]));
  return (
    <main className="mx-auto max-w-[760px] space-y-8 bg-white px-6 py-8 text-slate-900 print:max-w-none print:px-0 print:py-0">
      <header className="border-b border-slate-300 pb-4">
        <div className="flex items-start justify-between gap-4">
          <div>
            <p className="text-xs uppercase tracking-wide text-slate-500">Threat model</p>
            <h1 className="text-2xl font-semibold">{page.system.name} · version {model.version}</h1>
          </div>
          <PrintButton />
        </div>
        <p className="mt-2 text-sm text-slate-700">
          Status: <strong>{STATUS_LABELS[model.status]}</strong> · authored by {model.authorName} on {model.createdAt.slice(0, 10)}
          {model.reviewedByName ? ` · reviewed by ${model.reviewedByName} on ${model.reviewedAt?.slice(0, 10)}` : ""} · threat library {model.libraryVersion}, MITRE ATLAS 5.6.0 · residual-risk threshold {page.threshold}
        </p>
        <p className="mt-1 text-xs text-slate-500">Printed by {actor.name} on {page.today}.</p>
      </header>

      <section>
        <h2 className="mb-2 text-lg font-semibold">Scope and assumptions</h2>
        <p className="whitespace-pre-line text-sm">{model.scope || "No scope written."}</p>
        {model.assumptions.length ? <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">{model.assumptions.map((a, i) => <li key={i}>{a}</li>)}</ul> : null}
      </section>

      <section>
        <h2 className="mb-2 text-lg font-semibold">Risk summary</h2>
        <p className="mb-3 text-sm">{page.counts.threats} threats · {page.counts.aboveThreshold} above the threshold · {page.counts.untreated} untreated · {page.counts.accepted} accepted · {page.counts.expired} expired acceptances</p>
        <div className="grid gap-6 sm:grid-cols-2 print:grid-cols-2">
          <HeatMapGrid title="Inherent risk" caption="before treatment" counts={page.heat.inherent} threshold={page.threshold} />
          <HeatMapGrid title="Residual risk" caption="after mitigations" counts={page.heat.residual} threshold={page.threshold} />
        </div>
        <div className="mt-2"><BandLegend threshold={page.threshold} /></div>
      </section>

      <section className="break-inside-avoid">
        <h2 className="mb-2 text-lg font-semibold">Data-flow diagram</h2>
        {model.flows.length ? (
          <>
            <DataFlowDiagram layout={page.diagram} className="mx-auto w-[680px] max-w-full bg-white" />
            <DiagramLegend />
            <table className="mt-3 w-full text-left text-xs">
              <thead><tr className="border-b border-slate-300"><th className="py-1 pr-2">Source</th><th className="py-1 pr-2">Target</th><th className="py-1 pr-2">Data</th><th className="py-1">Trust boundary</th></tr></thead>
              <tbody className="divide-y divide-slate-200">
                {model.flows.map((f) => <tr key={f.id}><td className="py-1 pr-2">{f.source}</td><td className="py-1 pr-2">{f.target}</td><td className="py-1 pr-2">{f.data}</td><td className="py-1">{f.crossesTrustBoundary ? "Crosses" : "Within"}</td></tr>)}
              </tbody>
            </table>
          </>
        ) : <p className="text-sm text-slate-500">No data flows recorded.</p>}
      </section>

      <section>
        <h2 className="mb-2 text-lg font-semibold">Threats, by residual score</h2>
        <ol className="space-y-4">
          {model.threats.map((t) => (
            <li key={t.id} className="break-inside-avoid rounded-md border border-slate-300 p-3 text-sm">
              <div className="flex items-start justify-between gap-3">
                <p className="font-semibold">{t.libraryRef ? <span className="mr-1 font-mono text-xs text-slate-500">{t.libraryRef}</span> : null}{t.title}</p>
                <p className="shrink-0 text-xs">Inherent <ScorePill score={t.assessment.inherent} /> Residual <ScorePill score={t.assessment.residual} /></p>
              </div>
              <p className="mt-1 text-xs text-slate-600">
                {[t.stride ? STRIDE_LABELS[t.stride as StrideCategory] : null, ...t.owaspLlm, ...t.owaspAgentic, ...t.atlas].filter(Boolean).join(" · ")}
              </p>
              <p className="mt-1.5 whitespace-pre-line">{t.description}</p>
              <p className="mt-1.5 text-xs"><strong>Assets:</strong> {t.assetIds.map((id) => assetName.get(id) ?? "(removed asset)").join(", ") || "none"}</p>
              <p className="text-xs"><strong>Treatment:</strong> {t.treatment ? TREATMENT_LABELS[t.treatment as keyof typeof TREATMENT_LABELS] : "not decided"}{t.assessment.problem ? ` — ${t.assessment.problem}` : ""}</p>
              <p className="text-xs"><strong>Controls:</strong> {t.controls.map((c) => `${c.code} ${c.title} (${c.status?.replace("_", " ").toLowerCase() ?? "missing"})`).join("; ") || "none linked"}</p>
              {t.mitigationNotes ? <p className="text-xs"><strong>Other mitigations:</strong> {t.mitigationNotes}</p> : null}
              {t.acceptance ? <p className="text-xs"><strong>Accepted</strong> by {t.acceptance.acceptedByName} until {t.acceptance.expiresOn}{t.assessment.acceptance === "EXPIRED" ? " (expired)" : ""}: {t.acceptance.rationale}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      <section>
        <h2 className="mb-2 text-lg font-semibold">Coverage</h2>
        <CoverageView coverage={page.coverage} detailed />
      </section>

      <section className="break-inside-avoid">
        <h2 className="mb-2 text-lg font-semibold">Scoring rubric</h2>
        <ScoringRubric />
      </section>
    </main>
  );
}
