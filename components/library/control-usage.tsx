import Link from "next/link";
import { STATUS_LABELS, StatusBadge } from "@/components/checklist/status";
import type { ControlUsage } from "@/lib/checklists/control-usage";

const ORDER = ["MET", "NOT_APPLICABLE", "IN_PROGRESS", "NOT_STARTED", "NOT_MET"] as const;

/**
 * "Applies to 3 systems: 1 met, 2 in progress", opening into one link per system to its item
 * on that system's checklist.
 */
export function ControlUsageLine({ code, usage }: { code: string; usage: ControlUsage | undefined }) {
  if (!usage) return <p className="text-xs text-slate-600" data-testid="control-usage">Applies to none of your systems.</p>;
  const counts = ORDER.filter((s) => usage.byStatus[s]).map((s) => `${usage.byStatus[s]} ${STATUS_LABELS[s]!.toLowerCase()}`);
  return (
    <details className="group text-xs text-slate-700" data-testid="control-usage">
      <summary className="cursor-pointer list-none rounded hover:text-slate-900">
        <span aria-hidden className="mr-1 inline-block transition-transform group-open:rotate-90">›</span>
        <span className="font-medium text-slate-800">
          Applies to {usage.applies} {usage.applies === 1 ? "system" : "systems"}:
        </span>{" "}
        {counts.join(", ")}
      </summary>
      <ul className="mt-2 space-y-1 pl-4" aria-label={`Systems where ${code} applies`}>
        {usage.systems.map((s) => (
          <li key={s.itemId} className="flex flex-wrap items-center gap-2">
            <Link href={s.href} className="font-medium text-brand-700 underline decoration-brand-200 underline-offset-2 hover:text-brand-900">
              {s.systemName}
            </Link>
            <StatusBadge status={s.status} />
          </li>
        ))}
      </ul>
    </details>
  );
}
