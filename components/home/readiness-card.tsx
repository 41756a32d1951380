import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { ReadinessCardData } from "@/lib/home/readiness";

const NEXT_TONE = {
  red: "border-red-200 bg-red-50 text-red-800",
  amber: "border-amber-200 bg-amber-50 text-amber-900",
  blue: "border-sky-200 bg-sky-50 text-sky-900",
  green: "border-emerald-200 bg-emerald-50 text-emerald-800",
} as const;

/** "12/83 controls done, 3 need a reviewer", per pillar, and the next step as a link. */
export function ReadinessCard({ systemId, data }: { systemId: string; data: ReadinessCardData }) {
  return (
    <Card>
      <CardHeader title="Readiness" description="Applicable checklist controls met or not applicable." />
      <CardBody className="space-y-4">
        {data.hasChecklist ? (
          <div>
            <p className="text-sm text-slate-700" data-testid="readiness-summary">
              <Link href={`/systems/${systemId}/checklist`} className="font-semibold text-slate-900 hover:underline">
                {data.done}/{data.total} controls done
              </Link>
              {data.reviewerWaiting ? <>, <Link href={`/systems/${systemId}/checklist?status=IN_PROGRESS`} className="font-medium text-amber-700 hover:underline">{data.reviewerWaiting} need a reviewer</Link></> : null}
              {data.overdue ? <>, <Link href={`/systems/${systemId}/checklist?overdue=1`} className="font-medium text-red-700 hover:underline">{data.overdue} overdue</Link></> : null}
            </p>
            <div className="mt-2 h-2 rounded-full bg-slate-100" aria-hidden>
              <div className="h-2 rounded-full bg-emerald-500" style={{ width: `${data.percent}%` }} />
            </div>
            <ul className="mt-4 space-y-2">
              {data.pillars.map((p) => (
                <li key={p.pillar}>
                  <Link href={`/systems/${systemId}/checklist?pillar=${p.pillar}`} className="block rounded hover:bg-slate-50">
                    <span className="flex justify-between text-xs text-slate-600">
                      <span>{p.title}</span>
                      <span className="tabular-nums">{p.total ? `${p.done}/${p.total}` : "—"}</span>
                    </span>
                    <span className="mt-1 block h-1.5 rounded-full bg-slate-100" aria-hidden>
                      <span className={cn("block h-1.5 rounded-full", (p.percent ?? 0) >= 100 ? "bg-emerald-600" : (p.percent ?? 0) >= 50 ? "bg-emerald-400" : "bg-amber-400")} style={{ width: `${p.total ? p.percent : 0}%` }} />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <Link href={data.next.href} className={cn("block rounded-md border px-3 py-2 text-sm hover:opacity-90", NEXT_TONE[data.next.tone])} data-testid="readiness-next">
          <span className="block text-xs font-semibold uppercase tracking-wide opacity-80">Next step</span>
          {data.next.text}
        </Link>
      </CardBody>
    </Card>
  );
}
