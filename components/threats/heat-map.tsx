import { IMPACT_RUBRIC, LIKELIHOOD_RUBRIC, riskBand, SCALE, type HeatMap, type RiskBand } from "@/lib/threats/rules";
import { cn } from "@/components/ui/cn";

const BAND_CELL: Record<RiskBand, string> = {
  LOW: "bg-emerald-100 text-emerald-900",
  MEDIUM: "bg-yellow-100 text-yellow-900",
  HIGH: "bg-orange-200 text-orange-950",
  CRITICAL: "bg-red-200 text-red-950",
};

/**
 * A 5×5 likelihood × impact grid: each cell shows how many threats sit there, coloured by
 * risk band; cells above the threshold are outlined.
 */
export function HeatMapGrid({ title, counts, threshold, caption }: { title: string; counts: HeatMap; threshold: number; caption: string }) {
  const total = counts.flat().reduce((a, b) => a + b, 0);
  return (
    <figure className="min-w-0 print:break-inside-avoid">
      <figcaption className="mb-2 flex items-baseline justify-between gap-2">
        <span className="text-sm font-semibold text-slate-900">{title}</span>
        <span className="text-xs text-slate-500">{caption}</span>
      </figcaption>
      <div className="flex gap-2">
        <div className="flex w-4 items-center justify-center">
          <span className="-rotate-90 whitespace-nowrap text-[11px] font-medium uppercase tracking-wide text-slate-500">Likelihood</span>
        </div>
        <table className="w-full table-fixed border-separate border-spacing-1" aria-label={`${title}: ${total} threats by likelihood and impact`}>
          <tbody>
            {[...SCALE].reverse().map((l) => (
              <tr key={l}>
                <th scope="row" className="w-6 text-right text-xs font-medium text-slate-500" title={LIKELIHOOD_RUBRIC[l].label}>{l}</th>
                {SCALE.map((i) => {
                  const score = l * i;
                  const n = counts[l - 1][i - 1];
                  return (
                    <td
                      key={i}
                      className={cn(
                        "h-10 rounded text-center align-middle text-sm tabular-nums sm:h-11",
                        BAND_CELL[riskBand(score)],
                        score > threshold ? "ring-2 ring-inset ring-slate-900/20" : "",
                        n ? "font-semibold" : "text-opacity-40",
                      )}
                      title={n ? `Likelihood ${l} (${LIKELIHOOD_RUBRIC[l].label}) × impact ${i} (${IMPACT_RUBRIC[i].label}) = ${score}: ${n} ${n === 1 ? "threat" : "threats"}` : undefined}
                    >
                      {n ? <span className="inline-flex h-6 min-w-6 items-center justify-center rounded-full bg-white/80 px-1.5 shadow-sm">{n}</span> : <span className="text-[11px] text-slate-400">·</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr>
              <td />
              {SCALE.map((i) => (
                <th key={i} scope="col" className="pt-0.5 text-center text-xs font-medium text-slate-500" title={IMPACT_RUBRIC[i].label}>{i}</th>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p className="mt-1 text-center text-[11px] font-medium uppercase tracking-wide text-slate-500">Impact</p>
    </figure>
  );
}

export function BandLegend({ threshold }: { threshold: number }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
      <li className="flex items-center gap-1.5"><span className="h-3 w-3 rounded bg-emerald-100" aria-hidden /> Low 1–4</li>
      <li className="flex items-center gap-1.5"><span className="h-3 w-3 rounded bg-yellow-100" aria-hidden /> Medium 5–9</li>
      <li className="flex items-center gap-1.5"><span className="h-3 w-3 rounded bg-orange-200" aria-hidden /> High 10–15</li>
      <li className="flex items-center gap-1.5"><span className="h-3 w-3 rounded bg-red-200" aria-hidden /> Critical 16–25</li>
      <li className="flex items-center gap-1.5"><span className="h-3 w-3 rounded ring-2 ring-inset ring-slate-900/25" aria-hidden /> Above the threshold ({threshold})</li>
    </ul>
  );
}

/** The scoring rubric, always visible next to the scores. */
export function ScoringRubric() {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {([["Likelihood", LIKELIHOOD_RUBRIC], ["Impact", IMPACT_RUBRIC]] as const).map(([name, rubric]) => (
        <table key={name} className="w-full text-left text-xs">
          <caption className="mb-1 text-left text-sm font-semibold text-slate-900">{name}</caption>
          <tbody className="divide-y divide-slate-100">
            {SCALE.map((n) => (
              <tr key={n}>
                <th scope="row" className="w-28 py-1.5 pr-2 align-top font-medium text-slate-800">
                  {n} · {rubric[n].label}
                </th>
                <td className="py-1.5 text-slate-600">{rubric[n].meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <p className="text-xs text-slate-500 md:col-span-2">
        Risk score = likelihood × impact (1–25). Inherent scores assume no treatment; residual scores assume the linked mitigations work. Residual never exceeds inherent.
      </p>
    </div>
  );
}

export function ScorePill({ score, muted = false }: { score: number | null; muted?: boolean }) {
  if (score === null) return <span className="text-xs text-slate-400">—</span>;
  const band = riskBand(score);
  return (
    <span className={cn("inline-flex min-w-9 items-center justify-center rounded-md px-1.5 py-0.5 text-xs font-semibold tabular-nums ring-1 ring-inset ring-black/5", BAND_CELL[band], muted && "opacity-70")} title={`${band.toLowerCase()} (${score})`}>
      {score}
    </span>
  );
}
