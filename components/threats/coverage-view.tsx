import type { Coverage, CoverageControl, CoverageRow, CoverageState } from "@/lib/threats/coverage";
import { Badge, type Tone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";

const STATE: Record<CoverageState, { label: string; tone: Tone; dot: string }> = {
  ADDRESSED: { label: "Addressed", tone: "green", dot: "bg-emerald-500" },
  CONSIDERED: { label: "Considered, no control", tone: "amber", dot: "bg-amber-400" },
  NOT_CONSIDERED: { label: "Not considered", tone: "slate", dot: "bg-slate-300" },
};

const CONTROL_STYLE: Record<string, string> = {
  MET: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  IN_PROGRESS: "bg-sky-50 text-sky-800 ring-sky-600/20",
  NOT_MET: "bg-red-50 text-red-800 ring-red-600/20",
  NOT_APPLICABLE: "bg-slate-50 text-slate-600 ring-slate-500/20",
  NOT_STARTED: "bg-white text-slate-700 ring-slate-400/30",
};

function ControlChips({ controls, max }: { controls: CoverageControl[]; max: number }) {
  if (!controls.length) return <span className="text-slate-400">—</span>;
  const shown = controls.slice(0, max);
  return (
    <ul className="flex flex-wrap gap-1">
      {shown.map((c) => (
        <li
          key={c.code}
          className={cn("rounded px-1.5 py-0.5 font-mono text-[11px] ring-1 ring-inset", c.status ? CONTROL_STYLE[c.status] ?? CONTROL_STYLE.NOT_STARTED : "bg-red-50 text-red-800 ring-red-600/20")}
          title={`${c.code} ${c.title}: ${c.status ? c.status.replace("_", " ").toLowerCase() : "not on the checklist"}`}
        >
          {c.code}
        </li>
      ))}
      {controls.length > max ? <li className="px-1 text-[11px] text-slate-500">+{controls.length - max} more</li> : null}
    </ul>
  );
}

function ThreatChips({ threats }: { threats: CoverageRow["threats"] }) {
  if (!threats.length) return <span className="text-slate-400">—</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {threats.map((t) => (
        <li key={t.id} className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-700" title={t.title}>
          {t.id.startsWith("T-") ? <span className="font-mono">{t.id}</span> : t.title.slice(0, 28)}
        </li>
      ))}
    </ul>
  );
}

function Table({ caption, rows, idLabel, maxControls }: { caption: string; rows: CoverageRow[]; idLabel: string; maxControls: number }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[680px] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="w-[32%] py-2 pr-3 font-medium">{idLabel}</th>
            <th scope="col" className="w-[16%] py-2 pr-3 font-medium">Coverage</th>
            <th scope="col" className="w-[24%] py-2 pr-3 font-medium">Threats</th>
            <th scope="col" className="py-2 font-medium">Linked controls (checklist status)</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="align-top print:break-inside-avoid" data-coverage={row.state} data-coverage-id={row.id}>
              <td className="py-2 pr-3">
                <span className="font-mono text-xs text-slate-500">{row.id}</span>
                <span className="block text-slate-900">{row.title}</span>
              </td>
              <td className="py-2 pr-3"><Badge tone={STATE[row.state].tone}>{STATE[row.state].label}</Badge></td>
              <td className="py-2 pr-3"><ThreatChips threats={row.threats} /></td>
              <td className="py-2"><ControlChips controls={row.controls} max={maxControls} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Meter({ label, totals, total }: { label: string; totals: Record<CoverageState, number>; total: number }) {
  const pct = (n: number) => (total ? (n / total) * 100 : 0);
  return (
    <div className="rounded-md border border-slate-200 px-4 py-3">
      <p className="text-sm font-medium text-slate-900">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">
        {totals.ADDRESSED}<span className="text-base font-normal text-slate-500">/{total} addressed</span>
      </p>
      <div className="mt-2 flex h-2.5 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <div className="bg-emerald-500" style={{ width: `${pct(totals.ADDRESSED)}%` }} />
        <div className="bg-amber-400" style={{ width: `${pct(totals.CONSIDERED)}%` }} />
      </div>
      <p className="mt-1.5 text-xs text-slate-600">{totals.CONSIDERED} considered without a control · {totals.NOT_CONSIDERED} not considered</p>
    </div>
  );
}

/** ATLAS techniques as chips grouped by coverage state: the gaps are visible at a glance. */
function AtlasMatrix({ rows }: { rows: CoverageRow[] }) {
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      {(["ADDRESSED", "CONSIDERED", "NOT_CONSIDERED"] as const).map((state) => {
        const list = rows.filter((r) => r.state === state);
        return (
          <div key={state} className="rounded-md border border-slate-200">
            <p className="flex items-center gap-2 border-b border-slate-100 px-3 py-2 text-sm font-medium text-slate-800">
              <span className={cn("h-2.5 w-2.5 rounded-full", STATE[state].dot)} aria-hidden />
              {STATE[state].label} <span className="ml-auto tabular-nums text-slate-500">{list.length}</span>
            </p>
            {list.length ? (
              <ul className="max-h-72 space-y-1 overflow-y-auto px-3 py-2">
                {list.map((r) => (
                  <li key={r.id} className="flex items-baseline gap-2 text-xs" data-atlas={r.id} title={r.threats.map((t) => t.title).join(", ") || undefined}>
                    <span className="shrink-0 font-mono text-slate-500">{r.id}</span>
                    <span className="text-slate-800">{r.title}</span>
                    {r.threats.length ? <span className="ml-auto shrink-0 text-slate-500">{r.threats.length}×</span> : null}
                  </li>
                ))}
              </ul>
            ) : <p className="px-3 py-2 text-xs text-slate-500">None</p>}
          </div>
        );
      })}
    </div>
  );
}

/**
 * Coverage of OWASP LLM 2025 and the library's ATLAS techniques by this version. `detailed`
 * (the printable page) shows every ATLAS row in a table instead of the grouped chips.
 */
export function CoverageView({ coverage, detailed = false, printHref }: { coverage: Coverage; detailed?: boolean; printHref?: string }) {
  return (
    <div className="space-y-6" data-testid="coverage-view">
      <div className="grid gap-4 md:grid-cols-2">
        <Meter label="OWASP Top 10 for LLM Applications 2025" totals={coverage.totals.owaspLlm} total={coverage.owaspLlm.length} />
        <Meter label="MITRE ATLAS 5.6.0 techniques in the threat library" totals={coverage.totals.atlas} total={coverage.atlas.length} />
      </div>
      <section aria-labelledby="cov-owasp">
        <h3 id="cov-owasp" className="mb-2 text-sm font-semibold text-slate-900">OWASP Top 10 for LLM Applications 2025</h3>
        <Table caption="OWASP LLM 2025 coverage" rows={coverage.owaspLlm} idLabel="Risk" maxControls={detailed ? 40 : 8} />
      </section>
      <section aria-labelledby="cov-atlas">
        <h3 id="cov-atlas" className="mb-2 text-sm font-semibold text-slate-900">MITRE ATLAS techniques</h3>
        {detailed ? (
          <Table caption="MITRE ATLAS coverage" rows={coverage.atlas} idLabel="Technique" maxControls={40} />
        ) : (
          <>
            <AtlasMatrix rows={coverage.atlas} />
            {printHref ? <p className="mt-2 text-xs text-slate-500">Threats and controls per technique are listed on the <a className="font-medium text-brand-700 hover:underline" href={printHref}>printable page</a>.</p> : null}
          </>
        )}
      </section>
      <p className="text-xs text-slate-500">OWASP Top 10 for LLM Applications 2025 identifiers and titles: OWASP Foundation, CC BY-SA 4.0. MITRE ATLAS identifiers and names: The MITRE Corporation, Apache-2.0.</p>
    </div>
  );
}
