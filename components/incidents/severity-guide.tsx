import { SEVERITIES, SEVERITY_DEFINITIONS } from "@/lib/incidents/catalog";
import { SeverityBadge } from "./badges";

/** The SEV1-SEV4 definitions, shown wherever people pick or read a severity. */
export function SeverityGuide({ compact = false }: { compact?: boolean }) {
  return (
    <dl className={compact ? "space-y-2 text-xs" : "grid gap-3 text-sm sm:grid-cols-2"}>
      {SEVERITIES.map((s) => (
        <div key={s} className="flex gap-2">
          <dt className="shrink-0"><SeverityBadge severity={s} /></dt>
          <dd className="text-slate-600">
            <span className="font-medium text-slate-800">{SEVERITY_DEFINITIONS[s].label.replace(/^SEV\d — /, "")}.</span> {SEVERITY_DEFINITIONS[s].definition}
          </dd>
        </div>
      ))}
    </dl>
  );
}
