import Link from "next/link";
import type { GateResult } from "@/lib/approvals/gate-rules";

/** Every gate rule with its verdict, reason, specifics and a link to fix it. */
export function GateResultList({ gate, showFixLinks = true }: { gate: GateResult; showFixLinks?: boolean }) {
  return (
    <ul className="divide-y divide-slate-100" aria-label="Gate rules">
      {gate.rules.map((rule) => (
        <li key={rule.id} className="flex gap-3 py-3" data-rule={rule.id} data-passed={rule.passed}>
          <span
            aria-hidden
            className={`mt-0.5 flex h-5 w-5 flex-none items-center justify-center rounded-full text-xs font-bold ${rule.passed ? "bg-emerald-100 text-emerald-700" : "bg-red-100 text-red-700"}`}
          >
            {rule.passed ? "✓" : "✕"}
          </span>
          <div className="min-w-0 flex-1">
            <p className="text-sm font-medium text-slate-900">
              <span className="sr-only">{rule.passed ? "Passes: " : "Fails: "}</span>
              {rule.title}
            </p>
            <p className={`text-sm ${rule.passed ? "text-slate-600" : "text-red-700"}`}>{rule.reason}</p>
            {rule.details.length ? (
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs break-words text-slate-600">
                {rule.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </div>
          {!rule.passed && showFixLinks ? (
            <Link href={rule.fixHref} className="flex-none self-start text-sm font-medium text-brand-700 hover:underline">
              Fix<span className="sr-only"> {rule.title}</span> →
            </Link>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
