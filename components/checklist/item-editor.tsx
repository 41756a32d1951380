"use client";

import { useActionState, useEffect, useState, useTransition } from "react";
import { failureOf, type FormState } from "@/lib/action-result";
import { requestReviewAction, updateItemAction } from "@/lib/checklists/actions";
import { ownerOptions } from "@/lib/checklists/owner-options";
import { formatDate } from "@/lib/dates";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { STATUS_LABELS } from "./status";

type Person = { id: string; name: string };
type ItemFormState = FormState<{ message: string }>;

export function ItemEditor({
  systemId,
  item,
  people,
  canReview,
}: {
  systemId: string;
  item: {
    id: string;
    code: string;
    status: string;
    ownerId: string | null;
    /** The current owner's name (shown even when they may no longer be picked). */
    ownerName?: string | null;
    dueDate: string | null;
    notes: string | null;
    justification: string | null;
    rowVersion: number;
    reviewerOnly: boolean;
    evidenceRequired: boolean;
    validEvidence: number;
    /** When the owner submitted this reviewer-only item for review, and who (null: not submitted). */
    reviewRequest?: { at: string; by: string | null } | null;
  };
  people: Person[];
  canReview: boolean;
}) {
  const [state, action, pending] = useActionState<ItemFormState, FormData>(updateItemAction.bind(null, systemId, item.id), null);
  // After a save the page data refreshes and the form remounts: keep the keyboard on this item
  // (its status field), not the top of the page.
  useEffect(() => {
    if (state?.ok) document.getElementById(`${item.id}-status`)?.focus();
  }, [state, item.id]);
  // Remount the form after each answer so its fields show what was saved (or what was refused).
  // The announcement lives outside the remounted form, so screen readers hear it.
  return (
    <>
      <p aria-live="polite" className="sr-only" data-testid="item-saved-announcement">
        {state?.ok ? `${item.code} saved. Focus is on its status.` : ""}
      </p>
      <ItemForm
        key={`${item.rowVersion}-${JSON.stringify(failureOf(state)?.values ?? null)}`}
        item={item}
        people={people}
        canReview={canReview}
        state={state}
        action={action}
        pending={pending}
        systemId={systemId}
      />
    </>
  );
}

/**
 * The owner's "Submit for review" for a reviewer-only item; once submitted, a status line saying
 * when and that it waits for a reviewer, with no button (the service refuses a second
 * submission) until a reviewer answers with a status change, which clears the request.
 */
function SubmitForReview({ systemId, item }: { systemId: string; item: Parameters<typeof ItemEditor>[0]["item"] }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const request = item.reviewRequest;
  if (request) {
    return (
      <p className="rounded-md border border-violet-200 bg-violet-50 px-3 py-2 text-sm text-violet-900" data-testid="review-request" role="status">
        Submitted for review on {formatDate(request.at)}
        {request.by ? ` by ${request.by}` : ""} — waiting for a reviewer.
      </p>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-md border border-violet-200 bg-violet-50 px-3 py-2 text-sm text-violet-900" data-testid="review-request">
      <p>When the work is done, submit it: it appears in the security reviewers’ queue.</p>
      {message?.ok ? null : (
        <Button
          size="sm"
          variant="secondary"
          disabled={pending}
          aria-busy={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await requestReviewAction(systemId, item.id, item.rowVersion);
              setMessage(result.ok ? { ok: true, text: "Submitted for review — waiting for a reviewer." } : { ok: false, text: result.error });
            })
          }
        >
          {pending ? "Submitting…" : "Submit for review"}
        </Button>
      )}
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-emerald-700" : "font-medium text-red-700"}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}

function ItemForm({
  item,
  people,
  canReview,
  state,
  action,
  pending,
  systemId,
}: {
  systemId: string;
  item: Parameters<typeof ItemEditor>[0]["item"];
  people: Person[];
  canReview: boolean;
  state: ItemFormState;
  action: (form: FormData) => void;
  pending: boolean;
}) {
  const failure = failureOf(state);
  const v = failure?.values ?? {};
  const [status, setStatus] = useState(String(v.status ?? item.status));
  const err = (k: string) => failure?.fieldErrors?.[k];
  const id = (k: string) => `${item.id}-${k}`;
  const lockedDecision = item.reviewerOnly && !canReview;
  const metBlocked = item.evidenceRequired && item.validEvidence === 0;

  return (
    <form key={item.rowVersion} action={action} className="grid gap-4 md:grid-cols-4" noValidate aria-label={`Update ${item.code}`}>
      <input type="hidden" name="expectedVersion" value={item.rowVersion} />
      <Field label="Status" htmlFor={id("status")}>
        <Select
          id={id("status")}
          name="status"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          invalid={!!err("status")}
          aria-describedby={lockedDecision || metBlocked ? id("status-why") : undefined}
        >
          {Object.entries(STATUS_LABELS).map(([value, text]) => {
            const reviewersOnly = lockedDecision && (value === "MET" || value === "NOT_APPLICABLE") && value !== item.status;
            // One note per option: a reviewer's decision says so; otherwise Met says when it needs evidence first.
            const note = reviewersOnly ? " (reviewer decides)" : value === "MET" && metBlocked ? " (needs evidence)" : "";
            return (
              <option key={value} value={value} disabled={reviewersOnly}>
                {text}
                {note}
              </option>
            );
          })}
        </Select>
        {lockedDecision || metBlocked ? (
          <p id={id("status-why")} className="text-xs text-slate-600">
            {lockedDecision
              ? "Met and Not applicable are a security reviewer’s decision for this control."
              : "Met needs at least one valid piece of evidence: add a link, a note or a file above."}
          </p>
        ) : null}
      </Field>
      <Field label="Owner" htmlFor={id("owner")} errors={err("ownerId")}>
        <Select id={id("owner")} name="ownerId" defaultValue={String(v.ownerId ?? item.ownerId ?? "")}>
          <option value="">Unassigned</option>
          {ownerOptions(people, { id: item.ownerId, name: item.ownerName ?? null }).map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </Select>
      </Field>
      <Field label="Due date" htmlFor={id("due")} errors={err("dueDate")}>
        <Input id={id("due")} name="dueDate" type="date" defaultValue={String(v.dueDate ?? item.dueDate ?? "")} />
      </Field>
      <div className="flex items-end">
        <Button type="submit" size="sm" disabled={pending} aria-busy={pending} className="w-full">{pending ? "Saving…" : "Save item"}</Button>
      </div>
      {status === "NOT_APPLICABLE" ? (
        <Field label="Why it does not apply" htmlFor={id("justification")} errors={err("justification")} className="md:col-span-4" hint="At least 20 characters. Reviewers and auditors read this.">
          <Textarea id={id("justification")} name="justification" rows={2} defaultValue={String(v.justification ?? item.justification ?? "")} invalid={!!err("justification")} />
        </Field>
      ) : null}
      <Field label="Notes" htmlFor={id("notes")} errors={err("notes")} className="md:col-span-4">
        <Textarea id={id("notes")} name="notes" rows={2} defaultValue={String(v.notes ?? item.notes ?? "")} />
      </Field>
      <div className="md:col-span-4">
        {failure ? <p role="alert" className="text-sm font-medium text-red-700">{failure.error}</p> : null}
        {state?.ok ? <p className="text-sm text-emerald-700">{state.data.message}</p> : null}
      </div>
      {lockedDecision && item.status !== "MET" && item.status !== "NOT_APPLICABLE" ? (
        <div className="md:col-span-4">
          <SubmitForReview systemId={systemId} item={item} />
        </div>
      ) : null}
    </form>
  );
}
