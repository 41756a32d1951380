"use client";

import { useActionState, useState } from "react";
import { failureOf, type FormState } from "@/lib/action-result";
import { recordReviewAction } from "@/lib/reviews/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";

/** The reviewer's "record a periodic review" form (outcome, notes, findings as CODE: text lines). */
export function RecordReviewForm({ systemId, version, today }: { systemId: string; version: number; today: string }) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState<FormState<{ id: string; nextReviewDue: string }>, FormData>(recordReviewAction.bind(null, systemId), null);
  const failure = failureOf(state);
  const v = failure?.values ?? {};
  const err = (k: string) => failure?.fieldErrors?.[k];
  if (state?.ok && !open) return <Alert tone="success">Review recorded. The next one is due on {state.data.nextReviewDue}.</Alert>;
  if (!open) return <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>Record a review</Button>;
  return (
    <form action={action} className="space-y-3" noValidate>
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      <input type="hidden" name="expectedVersion" value={version} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Review date" htmlFor="review-date" errors={err("reviewedOn")}>
          <Input id="review-date" name="reviewedOn" type="date" max={today} defaultValue={String(v.reviewedOn ?? today)} />
        </Field>
        <Field label="Outcome" htmlFor="review-outcome" errors={err("outcome")}>
          <Select id="review-outcome" name="outcome" defaultValue={String(v.outcome ?? "SATISFACTORY")}>
            <option value="SATISFACTORY">Satisfactory</option>
            <option value="NEEDS_ACTION">Needs action</option>
            <option value="UNSATISFACTORY">Unsatisfactory</option>
          </Select>
        </Field>
      </div>
      <Field label="Notes" htmlFor="review-notes" errors={err("notes")}>
        <Textarea id="review-notes" name="notes" rows={3} defaultValue={String(v.notes ?? "")} />
      </Field>
      <Field label="Findings (optional)" htmlFor="review-findings" errors={err("findings")} hint='One per line, e.g. "DEP-2.1: rollback plan not tested". Each reopens that control for the owner, due in 30 days.'>
        <Textarea id="review-findings" name="findings" rows={3} defaultValue={String(v.findings ?? "")} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>{pending ? "Recording…" : "Record review"}</Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
      </div>
    </form>
  );
}
