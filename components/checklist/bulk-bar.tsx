"use client";

import { useState, useTransition } from "react";
import { failureOf, type FormState } from "@/lib/action-result";
import { bulkDueDateAction, bulkOwnerAction, bulkStatusAction } from "@/lib/checklists/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, Select } from "@/components/ui/field";
import { useSelection } from "./selection";
import { STATUS_LABELS } from "./status";

type Person = { id: string; name: string };
type Result = FormState<{ updated: number; message: string }>;
type Change = "status" | "owner" | "dueDate";

/** From this many selected items on, the bar asks before applying a change. */
export const CONFIRM_FROM = 5;

const items = (n: number) => `${n} ${n === 1 ? "item" : "items"}`;

/**
 * Reviewers' bulk change of the selected checklist items: status (with a justification for
 * "Not applicable"), owner, or due date. Shows how many are selected and offers "Select all N in
 * this filter" (the list is not paginated, so N is every item the filter matches, all on the
 * page). From `CONFIRM_FROM` items on, a dialog names the change and the count before it is
 * applied. The server action applies it to the selected ids only, all or nothing; it sends each
 * item's row version as the page loaded it (`versions`), so a change made meanwhile by someone
 * else refuses the whole bulk change (409) instead of being overwritten silently.
 *
 * The choices stay as they are after a refusal (nothing is reset); the selection is cleared
 * only after a successful change.
 */
export function BulkBar({ systemId, people, versions }: { systemId: string; people: Person[]; versions: Record<string, number> }) {
  const { inFilter, selected, selectAll, clear } = useSelection();
  const [change, setChange] = useState<Change>("status");
  const [status, setStatus] = useState("IN_PROGRESS");
  const [justification, setJustification] = useState("");
  const [ownerId, setOwnerId] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [result, setResult] = useState<Result>(null);
  const [pending, startTransition] = useTransition();
  const failure = failureOf(result);
  const count = selected.length;

  function describe() {
    if (change === "status") return `status to “${STATUS_LABELS[status] ?? status}”`;
    if (change === "owner") return ownerId ? `owner to ${people.find((p) => p.id === ownerId)?.name ?? "the chosen person"}` : "owner to Unassigned";
    return dueDate ? `due date to ${dueDate}` : "due date to none (cleared)";
  }

  async function apply() {
    const form = new FormData();
    for (const id of selected) {
      form.append("itemIds", id);
      // The row version the page showed: the service refuses the whole change if any item changed since.
      form.append("versions", String(versions[id] ?? 0));
    }
    let answer: Result;
    if (change === "status") {
      form.set("status", status);
      if (status === "NOT_APPLICABLE") form.set("justification", justification);
      answer = await bulkStatusAction(systemId, null, form);
    } else if (change === "owner") {
      form.set("ownerId", ownerId);
      answer = await bulkOwnerAction(systemId, null, form);
    } else {
      form.set("dueDate", dueDate);
      answer = await bulkDueDateAction(systemId, null, form);
    }
    setResult(answer);
    if (answer?.ok) {
      clear();
      setJustification("");
    }
  }

  const run = () => startTransition(apply);
  const applyLabel = pending ? "Applying…" : "Apply to selected";

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        // From CONFIRM_FROM items on only the dialog applies (Enter in a field does not skip it).
        if (count > 0 && count < CONFIRM_FROM) run();
      }}
      className="space-y-3 rounded-lg border border-brand-100 bg-brand-50/60 px-4 py-3"
      aria-label="Change the selected items"
      data-testid="bulk-bar"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p className="text-sm font-semibold text-brand-900" aria-live="polite" data-testid="bulk-count">
          {count ? `${count} selected` : "No items selected"}
        </p>
        {inFilter.length > 0 && count < inFilter.length ? (
          <button type="button" onClick={selectAll} className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
            Select all {inFilter.length} in this filter
          </button>
        ) : null}
        {count ? (
          <button type="button" onClick={clear} className="text-sm text-slate-600 underline underline-offset-2 hover:text-slate-900">
            Clear selection
          </button>
        ) : null}
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="bulk-change" className="mb-1 block text-xs font-medium text-slate-600">Change</label>
          <Select id="bulk-change" value={change} onChange={(e) => setChange(e.target.value as Change)} className="w-36">
            <option value="status">Status</option>
            <option value="owner">Owner</option>
            <option value="dueDate">Due date</option>
          </Select>
        </div>
        {change === "status" ? (
          <div>
            <label htmlFor="bulk-status" className="mb-1 block text-xs font-medium text-slate-600">New status</label>
            <Select id="bulk-status" value={status} onChange={(e) => setStatus(e.target.value)} className="w-44">
              {Object.entries(STATUS_LABELS).map(([value, text]) => <option key={value} value={value}>{text}</option>)}
            </Select>
          </div>
        ) : change === "owner" ? (
          <div>
            <label htmlFor="bulk-owner" className="mb-1 block text-xs font-medium text-slate-600">New owner</label>
            <Select id="bulk-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)} className="w-52">
              <option value="">Unassigned</option>
              {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </Select>
          </div>
        ) : (
          <div>
            <label htmlFor="bulk-due" className="mb-1 block text-xs font-medium text-slate-600">New due date (empty clears it)</label>
            <Input id="bulk-due" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} className="w-44" />
          </div>
        )}
        {change === "status" && status === "NOT_APPLICABLE" ? (
          <div className="min-w-[min(18rem,100%)] flex-1">
            <label htmlFor="bulk-justification" className="mb-1 block text-xs font-medium text-slate-600">Justification (applies to every selected item)</label>
            <Input id="bulk-justification" value={justification} onChange={(e) => setJustification(e.target.value)} />
          </div>
        ) : null}
        {count >= CONFIRM_FROM ? (
          <ConfirmDialog
            trigger={<Button type="button" size="sm" disabled={pending}>{applyLabel}</Button>}
            title={`Change ${items(count)}?`}
            description={<p>Set the {describe()} on {items(count)}. Each changed item gets its own entry in the audit trail.</p>}
            confirmLabel={`Change ${items(count)}`}
            tone="primary"
            onConfirm={apply}
          />
        ) : (
          <Button type="submit" size="sm" disabled={pending || count === 0}>{applyLabel}</Button>
        )}
      </div>
      <div aria-live="polite" className="text-sm">
        {result?.ok ? <p className="text-emerald-700">{result.data.message}</p> : null}
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
