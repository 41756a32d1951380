import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { RecordReviewForm } from "./record-review-form";

type Review = { id: string; reviewedOn: string; outcome: string; notes: string; reviewer: string; findings: { code: string; finding: string }[]; nextReviewDue: string };
const OUTCOME = { SATISFACTORY: "Satisfactory", NEEDS_ACTION: "Needs action", UNSATISFACTORY: "Unsatisfactory" } as Record<string, string>;

/** Periodic review: next due date (and why it was brought forward), history, and the reviewer's form. */
export function ReviewCard({ systemId, version, nextReviewDue, reason, today, reviews, canRecord }: { systemId: string; version: number; nextReviewDue: string | null; reason: string | null; today: string; reviews: Review[]; canRecord: boolean }) {
  const overdue = nextReviewDue !== null && nextReviewDue < today;
  return (
    <Card>
      <CardHeader title="Periodic review" />
      <CardBody className="space-y-3">
        <p className="text-sm text-slate-700" data-testid="next-review">
          Next review{" "}
          {nextReviewDue ? <span className={overdue ? "font-semibold text-red-700" : "font-semibold text-slate-900"}>{overdue ? `overdue since ${nextReviewDue}` : `due ${nextReviewDue}`}</span> : <span className="text-slate-500">not scheduled</span>}
        </p>
        {reason ? <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900" data-testid="review-reason">{reason}</p> : null}
        {reviews.length ? (
          <ul className="space-y-2 text-xs text-slate-600">
            {reviews.slice(0, 3).map((r) => (
              <li key={r.id}>
                <span className="font-medium text-slate-800">{r.reviewedOn}</span> · {OUTCOME[r.outcome] ?? r.outcome} · {r.reviewer}
                {r.findings.length ? <span className="block text-slate-500">Findings: {r.findings.map((f) => f.code).join(", ")}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-xs text-slate-500">No periodic review recorded yet.</p>
        )}
        {canRecord ? <RecordReviewForm systemId={systemId} version={version} today={today} /> : null}
      </CardBody>
    </Card>
  );
}
