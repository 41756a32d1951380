import Link from "next/link";
import type { ThreatModelPage, ThreatRow, ThreatSort } from "@/lib/threats/queries";
import { TREATMENT_LABELS } from "@/lib/threats/rules";
import { STRIDE_LABELS, type StrideCategory } from "@/lib/threats/library-schema";
import { Badge, type Tone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { ScorePill } from "./heat-map";
import { ThreatEditor } from "./threat-editor";

const CHECKLIST_TONE: Record<string, Tone> = { MET: "green", IN_PROGRESS: "blue", NOT_MET: "red", NOT_APPLICABLE: "slate", NOT_STARTED: "slate" };
const SORT_LABELS: Record<ThreatSort, string> = { residual: "Residual score", inherent: "Inherent score", id: "Library ID", added: "Order added" };

function TreatmentBadge({ threat }: { threat: ThreatRow }) {
  const a = threat.assessment;
  if (threat.treatment === "ACCEPT" && a.acceptance === "EXPIRED") return <Badge tone="red">Acceptance expired</Badge>;
  if (!threat.treatment) return <Badge tone={a.aboveThreshold ? "red" : "slate"}>Untreated</Badge>;
  return <Badge tone={a.untreated ? "amber" : threat.treatment === "ACCEPT" ? "violet" : "green"}>{TREATMENT_LABELS[threat.treatment as keyof typeof TREATMENT_LABELS]}</Badge>;
}

export function SortLinks({ base, sort, version }: { base: string; sort: ThreatSort; version: number }) {
  return (
    <nav aria-label="Sort threats" className="flex flex-wrap items-center gap-1 text-sm">
      <span className="mr-1 text-slate-500">Sort by</span>
      {(Object.keys(SORT_LABELS) as ThreatSort[]).map((key) => (
        <Link
          key={key}
          href={`${base}?v=${version}&sort=${key}#threats`}
          aria-current={sort === key ? "true" : undefined}
          className={cn("rounded-md px-2 py-1", sort === key ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100")}
          scroll={false}
        >
          {SORT_LABELS[key]}
        </Link>
      ))}
    </nav>
  );
}

/**
 * The threats of a version, in the chosen order: one compact row each (scores, treatment,
 * mappings, what is wrong). Opening a row (`?open=<id>`, like the checklist's `?item=`) shows
 * its description, assets, mitigations with their live checklist status and acceptance, and
 * in an editable draft its editor; only that row carries them, which keeps a 60-threat page light.
 */
export function ThreatList({ page, libraryControls, openId, sort }: { page: ThreatModelPage; libraryControls: Record<string, string[]>; openId?: string; sort: ThreatSort }) {
  const model = page.model!;
  const assetName = new Map(page.assets.map((a) => [a.id, a.name]));
  const base = `/systems/${page.system.id}/threat-model?v=${model.version}&sort=${sort}`;
  return (
    <ul className="divide-y divide-slate-200" aria-label="Threats">
      {model.threats.map((t) => {
        const open = t.id === openId;
        return (
          <li key={t.id} id={`threat-${t.id}`} className="scroll-mt-4" data-threat={t.libraryRef ?? t.id}>
            <a
              href={open ? `${base}#threat-${t.id}` : `${base}&open=${t.id}#threat-${t.id}`}
              aria-expanded={open}
              aria-label={`${open ? "Close" : "Open"} ${t.libraryRef ?? ""} ${t.title}`.replace(/\s+/g, " ")}
              className="grid grid-cols-[1fr_auto] items-start gap-3 px-4 py-3 hover:bg-slate-50 sm:grid-cols-[minmax(0,1fr)_7rem_7rem_9rem]"
            >
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900">
                  <span className={cn("mr-1.5 inline-block", open && "rotate-90")} aria-hidden>›</span>
                  {t.libraryRef ? <span className="mr-1.5 font-mono text-xs text-slate-500">{t.libraryRef}</span> : <Badge tone="blue" className="mr-1.5">Custom</Badge>}
                  {t.title}
                </p>
                <p className="mt-0.5 flex flex-wrap gap-x-3 gap-y-0.5 pl-4 text-xs text-slate-500">
                  {[t.stride ? STRIDE_LABELS[t.stride as StrideCategory] : null, t.owaspLlm.join(", "), t.owaspAgentic.join(", "), t.atlas.join(", ")].filter(Boolean).join(" · ")}
                </p>
                {t.assessment.problem ? <p className="mt-1 pl-4 text-xs font-medium text-red-700">{t.assessment.problem}</p> : null}
              </div>
              <div className="hidden text-xs text-slate-500 sm:block">
                Inherent <ScorePill score={t.assessment.inherent} muted />
                <span className="block text-[11px]">{t.likelihood} × {t.impact}</span>
              </div>
              <div className="hidden text-xs text-slate-500 sm:block">
                Residual <ScorePill score={t.assessment.residual} />
                <span className="block text-[11px]">{t.residualLikelihood ? `${t.residualLikelihood} × ${t.residualImpact}` : "not set"}</span>
              </div>
              <div className="flex flex-col items-end gap-1 text-[11px] text-slate-500 sm:items-start">
                <TreatmentBadge threat={t} />
                <span className="sm:hidden">{t.assessment.inherent} → {t.assessment.residual ?? "—"}</span>
                <span>{t.controls.length} {t.controls.length === 1 ? "control" : "controls"}</span>
              </div>
            </a>
            {open ? <ThreatDetails page={page} threat={t} assetName={assetName} suggestedControls={t.libraryRef ? (libraryControls[t.libraryRef] ?? []) : []} closeHref={`${base}#threat-${t.id}`} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

function ThreatDetails({ page, threat: t, assetName, suggestedControls, closeHref }: { page: ThreatModelPage; threat: ThreatRow; assetName: Map<string, string>; suggestedControls: string[]; closeHref: string }) {
  const model = page.model!;
  return (
    <div className="space-y-4 border-t border-slate-100 bg-slate-50/60 px-4 py-4" data-testid="threat-details">
      <div className="grid gap-4 text-sm md:grid-cols-2">
        <div>
          <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">Description</h4>
          <p className="mt-1 whitespace-pre-line text-slate-700">{t.description}</p>
        </div>
        <div className="space-y-3">
          <div>
            <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">Affected assets</h4>
            <p className="mt-1 text-slate-700">{t.assetIds.length ? t.assetIds.map((id) => assetName.get(id) ?? "(removed asset)").join(", ") : "None recorded"}</p>
          </div>
          <div>
            <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">Mitigations</h4>
            {t.controls.length ? (
              <ul className="mt-1 space-y-1">
                {t.controls.map((c) => (
                  <li key={c.code} className="flex items-start gap-2">
                    <Badge tone={c.status ? CHECKLIST_TONE[c.status] ?? "slate" : "red"}>{c.status ? c.status.replace("_", " ").toLowerCase() : "missing"}</Badge>
                    <a href={`/systems/${page.system.id}/checklist?q=${encodeURIComponent(c.code)}`} className="text-slate-700 hover:text-brand-700 hover:underline">
                      <span className="font-mono text-xs">{c.code}</span> {c.title}
                    </a>
                  </li>
                ))}
              </ul>
            ) : <p className="mt-1 text-slate-500">No checklist control linked</p>}
            {t.mitigationNotes ? <p className="mt-2 whitespace-pre-line text-slate-700">{t.mitigationNotes}</p> : null}
          </div>
          {t.acceptance ? (
            <div className={cn("rounded-md px-3 py-2 text-xs", t.assessment.acceptance === "EXPIRED" ? "bg-red-50 text-red-800" : "bg-violet-50 text-violet-900")}>
              <p className="font-medium">
                Residual risk accepted by {t.acceptance.acceptedByName} on {t.acceptance.acceptedAt.slice(0, 10)}, until {t.acceptance.expiresOn}
                {t.assessment.acceptance === "EXPIRED" ? " — expired, counts as untreated" : ""}.
              </p>
              <p className="mt-0.5">{t.acceptance.rationale}</p>
            </div>
          ) : null}
        </div>
      </div>
      {model.can.edit ? (
        <div className="rounded-md border border-slate-200 bg-white p-4">
          <h4 className="mb-3 text-sm font-semibold text-slate-900">Edit threat</h4>
          <ThreatEditor
            systemId={page.system.id}
            threat={{ ...t, controlCodes: t.controls.map((c) => c.code), acceptance: t.acceptance }}
            assets={page.assets}
            controls={page.controls}
            suggestedControls={suggestedControls}
            canAccept={page.canAcceptRisk}
            today={page.today}
          />
        </div>
      ) : null}
      <a href={closeHref} className="inline-block text-sm font-medium text-slate-600 hover:text-slate-900">Close</a>
    </div>
  );
}
