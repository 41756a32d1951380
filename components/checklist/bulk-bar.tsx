"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { failureOf, type FormState } from "@/lib/action-result";
import { bulkStatusAction } from "@/lib/checklists/actions";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { STATUS_LABELS } from "./status";

/**
 * Reviewers' bulk change: the item checkboxes belong to this form through `form="bulk-form"`.
 *
 * The form is submitted by hand (not through `<form action>`), because React resets a form
 * after its action runs: a refused submit then cleared the ticked items and put the status
 * dropdown back to its first option while this component still showed the justification for
 * "Not applicable", and the next submit applied a status the reviewer had not chosen. Here the
 * selection, the status and the justification stay as they are after a refusal, the status
 * sent is the one on screen (from state, not from the DOM), and the selection is cleared only
 * after a successful change.
 */
export function BulkBar({ systemId }: { systemId: string }) {
  const [status, setStatus] = useState("IN_PROGRESS");
  const [justification, setJustification] = useState("");
  const [state, action, pending] = useActionState<FormState<{ updated: number; message: string }>, FormData>(async (previous, form) => {
    const result = await bulkStatusAction(systemId, previous, form);
    if (result.ok) {
      // Only a successful change clears the selection, so the next change starts fresh.
      for (const box of document.querySelectorAll<HTMLInputElement>('input[type="checkbox"][form="bulk-form"]')) box.checked = false;
      setJustification("");
    }
    return result;
  }, null);
  const failure = failureOf(state);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set("status", status);
    if (status === "NOT_APPLICABLE") form.set("justification", justification);
    else form.delete("justification");
    startTransition(() => action(form));
  }

  return (
    <form id="bulk-form" onSubmit={submit} className="flex flex-wrap items-end gap-3 rounded-lg border border-brand-100 bg-brand-50/60 px-4 py-3" aria-label="Change the status of the selected items">
      <p className="text-sm font-medium text-brand-900">Selected items →</p>
      <div>
        <label htmlFor="bulk-status" className="mb-1 block text-xs font-medium text-slate-600">New status</label>
        <Select id="bulk-status" name="status" value={status} onChange={(e) => setStatus(e.target.value)} className="w-44">
          {Object.entries(STATUS_LABELS).map(([value, text]) => <option key={value} value={value}>{text}</option>)}
        </Select>
      </div>
      {status === "NOT_APPLICABLE" ? (
        <div className="min-w-[18rem] flex-1">
          <label htmlFor="bulk-justification" className="mb-1 block text-xs font-medium text-slate-600">Justification (applies to every selected item)</label>
          <Input id="bulk-justification" name="justification" value={justification} onChange={(e) => setJustification(e.target.value)} />
        </div>
      ) : null}
      <Button type="submit" size="sm" disabled={pending}>{pending ? "Applying…" : "Apply to selected"}</Button>
      <div aria-live="polite" className="w-full text-sm">
        {state?.ok ? <p className="text-emerald-700">{state.data.message}</p> : null}
        {failure ? (
          <div role="alert" className="text-red-700">
            <p className="font-medium">{failure.error}</p>
            {failure.fieldErrors ? (
              <ul className="mt-1 list-disc pl-5 text-xs">
                {Object.entries(failure.fieldErrors).slice(0, 10).map(([code, messages]) => <li key={code}>{messages.join(" ")}</li>)}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}
