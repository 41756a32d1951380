"use client";

import { cn } from "@/components/ui/cn";
import { useState, useTransition } from "react";
import { failureOf, type FormState } from "@/lib/action-result";
import { bulkDueDateAction, bulkOwnerAction, bulkStatusAction } from "@/lib/checklists/actions";
import { onlyJustificationRefusals } from "@/lib/checklists/rules";
import { bulkJustificationProblem, pastDueDateHint, selectAllLabel } from "@/lib/checklists/selection-hints";
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
 * "Not applicable"), owner, or due date. Shows how many are selected and offers "Select all N
 * items" ("… in this filter" when `filtered`; the list is not paginated, so N is every item the
 * filter matches, all on the page). From `CONFIRM_FROM` items on, a dialog names the change and
 * the count before it is applied. The server action applies it to the selected ids only, all or
 * nothing; it sends each item's row version as the page loaded it (`versions`), so a change made
 * meanwhile by someone else refuses the whole bulk change (409) instead of being overwritten
 * silently.
 *
 * Rendered after the list and, while anything is selected, sticky at the bottom of the viewport, so the count and "Apply"
 * stay in view while scrolling a long checklist; in the flow it sits below the last row, which
 * it therefore never covers. With nothing selected it is one compact line.
 *
 * A "Not applicable" justification is checked with the service's rule before anything is sent
 * or confirmed (one message at the field); a server refusal that is only about the
 * justification is shown the same way, not as one line per item. A due date in the past gets
 * a non-blocking hint. The choices stay as they are after a refusal (nothing is reset); the
 * selection is cleared only after a successful change.
 */
export function BulkBar({ systemId, people, filtered, versions }: { systemId: string; people: Person[]; filtered: boolean; versions: Record<string, number> }) {
  const { inFilter, selected, selectAll, clear } = useSelection();
  const [change, setChange] = useState<Change>("status");
  const [status, setStatus] = useState("IN_PROGRESS");
  const [justification, setJustification] = useState("");
  const [ownerId, setOwnerId] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [result, setResult] = useState<Result>(null);
  const [pending, startTransition] = useTransition();
  const [justificationShown, setJustificationShown] = useState(false);
  const failure = failureOf(result);
  const count = selected.length;
  const needsJustification = change === "status" && status === "NOT_APPLICABLE";
  const justificationProblem = needsJustification ? bulkJustificationProblem(justification) : null;
  const serverJustificationOnly = Boolean(failure && onlyJustificationRefusals(failure.fieldErrors));
  // The field's message: after a blocked attempt (until fixed), or after such a server refusal.
  const justificationMessage = needsJustification && (justificationShown || serverJustificationOnly) ? (justificationProblem ?? (serverJustificationOnly ? bulkJustificationProblem("") : null)) : null;
  const dueHint = change === "dueDate" ? pastDueDateHint(dueDate, new Date().toISOString().slice(0, 10)) : null;

  /** False (and the field's message shown, focus on it) when the justification is too short. */
  function justificationOk(): boolean {
    if (!justificationProblem) return true;
    setJustificationShown(true);
    setResult(null);
    document.getElementById("bulk-justification")?.focus();
    return false;
  }

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
      setJustificationShown(false);
    }
  }

  const run = () => startTransition(apply);
  const applyLabel = pending ? "Applying…" : "Apply to selected";

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        // From CONFIRM_FROM items on only the dialog applies (Enter in a field does not skip it).
        if (count > 0 && count < CONFIRM_FROM && justificationOk()) run();
      }}
      // Sticky only while something is selected: with nothing selected it stays below the list
      // instead of covering the filters and the first rows.
      className={cn(
        "space-y-3 rounded-lg border border-brand-200 bg-brand-50 px-4 py-3",
        count > 0 && "sticky bottom-0 z-20 shadow-[0_-4px_12px_-6px_rgba(15,23,42,0.25)]",
      )}
      aria-label="Change the selected items"
      data-testid="bulk-bar"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p className="text-sm font-semibold text-brand-900" aria-live="polite" data-testid="bulk-count">
          {count ? `${count} selected` : "No items selected"}
        </p>
        {inFilter.length > 0 && count < inFilter.length ? (
          <button type="button" onClick={selectAll} className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
            {selectAllLabel(inFilter.length, filtered)}
          </button>
        ) : null}
        {count ? (
          <button type="button" onClick={clear} className="text-sm text-slate-600 underline underline-offset-2 hover:text-slate-900">
            Clear selection
          </button>
        ) : null}
      </div>
      {count ? (
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
            <Input id="bulk-due" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} className="w-44" aria-describedby={dueHint ? "bulk-due-hint" : undefined} />
            {dueHint ? <p id="bulk-due-hint" className="mt-1 text-xs text-amber-700" data-testid="bulk-due-hint">{dueHint}</p> : null}
          </div>
        )}
        {needsJustification ? (
          <div className="min-w-[min(18rem,100%)] flex-1">
            <label htmlFor="bulk-justification" className="mb-1 block text-xs font-medium text-slate-600">Justification (applies to every selected item)</label>
            <Input
              id="bulk-justification"
              value={justification}
              onChange={(e) => setJustification(e.target.value)}
              aria-invalid={justificationMessage ? true : undefined}
              aria-describedby={justificationMessage ? "bulk-justification-error" : undefined}
            />
            {justificationMessage ? <p id="bulk-justification-error" role="alert" className="mt-1 text-xs text-red-700">{justificationMessage}</p> : null}
          </div>
        ) : null}
        {count >= CONFIRM_FROM ? (
          <ConfirmDialog
            trigger={<Button type="button" size="sm" disabled={pending}>{applyLabel}</Button>}
            shouldOpen={justificationOk}
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
      ) : null}
      <div aria-live="polite" className="text-sm">
        {result?.ok ? <p className="text-emerald-700">{result.data.message}</p> : null}
        {failure ? (
          <div role="alert" className="text-red-700">
            <p className="font-medium">{serverJustificationOnly ? "Nothing was changed: the justification is too short." : failure.error}</p>
            {failure.fieldErrors && !serverJustificationOnly ? (
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
