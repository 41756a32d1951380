"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { failureOf } from "@/lib/action-result";
import { addNotificationAction, notificationDoneAction } from "@/lib/incidents/actions";
import { PARTIES, PARTY_LABELS } from "@/lib/incidents/catalog";
import type { IncidentDuty } from "@/lib/incidents/queries";
import { formatMoment, partyLabel } from "./badges";

type EvidenceOption = { id: string; title: string; systemId: string };

const STATE = {
  done: { tone: "green", text: "Done" },
  overdue: { tone: "red", text: "Overdue" },
  due: { tone: "amber", text: "Due" },
  "no-deadline": { tone: "slate", text: "No deadline" },
} as const;

function DoneForm({ incidentId, duty, evidence, onCancel }: { incidentId: string; duty: IncidentDuty; evidence: EvidenceOption[]; onCancel: () => void }) {
  const [state, action, pending] = useActionState(notificationDoneAction.bind(null, incidentId, duty.id), null);
  const failure = failureOf(state);
  if (state?.ok) return <Alert tone="success">{state.data.message}</Alert>;
  return (
    <form action={action} className="mt-3 space-y-3 rounded-md bg-slate-50 p-3" aria-label={`Record ${partyLabel(duty.party)} notified`}>
      <input type="hidden" name="expectedVersion" value={duty.rowVersion} />
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      <Field label="Evidence of the notification" htmlFor={`ev-${duty.id}`} errors={failure?.fieldErrors?.evidenceId} hint={evidence.length ? "E.g. the message sent, a portal receipt. Add it on the timeline first if it is not listed." : "Add the evidence (timeline → New evidence) first."}>
        <Select id={`ev-${duty.id}`} name="evidenceId" defaultValue="">
          <option value="" disabled>Choose evidence</option>
          {evidence.map((e) => <option key={e.id} value={e.id}>{e.title}</option>)}
        </Select>
      </Field>
      <Field label="Note (optional)" htmlFor={`note-${duty.id}`}>
        <Input id={`note-${duty.id}`} name="note" maxLength={2000} />
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={onCancel}>Cancel</Button>
        <Button type="submit" size="sm" disabled={pending} aria-busy={pending}>{pending ? "Saving…" : "Record as done"}</Button>
      </div>
    </form>
  );
}

function AddDutyForm({ incidentId, taken }: { incidentId: string; taken: string[] }) {
  const [state, action, pending] = useActionState(addNotificationAction.bind(null, incidentId), null);
  const failure = failureOf(state);
  const free = PARTIES.filter((p) => !taken.includes(p));
  if (!free.length) return null;
  return (
    <form action={action} className="grid grid-cols-[minmax(0,1fr)_6rem] items-end gap-3 border-t border-slate-200 px-5 py-4" aria-label="Add a notification duty">
      {failure ? <Alert tone="error" className="col-span-2">{failure.error}</Alert> : null}
      <Field label="Add a duty" htmlFor="duty-party">
        <Select id="duty-party" name="party" defaultValue={free[0]}>
          {free.map((p) => <option key={p} value={p}>{PARTY_LABELS[p]}</option>)}
        </Select>
      </Field>
      <Field label="Hours" htmlFor="duty-hours" errors={failure?.fieldErrors?.hours}>
        <Input id="duty-hours" name="hours" inputMode="numeric" placeholder="none" aria-describedby="duty-hours-help" />
      </Field>
      <p id="duty-hours-help" className="col-span-2 -mt-1 text-xs text-slate-500">Hours after detection; empty for no deadline.</p>
      <Button type="submit" variant="secondary" disabled={pending} className="col-span-2">Add duty</Button>
    </form>
  );
}

/** Notification duties: party, deadline from detection, state (overdue flagged), evidence when done. */
export function NotificationsPanel({ incidentId, duties, evidence, canManage, customisedRules }: { incidentId: string; duties: IncidentDuty[]; evidence: EvidenceOption[]; canManage: boolean; customisedRules: boolean }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div>
      {!customisedRules ? (
        <div className="px-5 pt-4">
          <Alert tone="warning">Deadlines come from the shipped example rules (e.g. 72 hours for a regulator on SEV1/SEV2). Your organisation must set its own rules for its legal and contractual duties — an admin does so under Incident rules.</Alert>
        </div>
      ) : null}
      {duties.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">No notification duties for this severity under the current rules.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {duties.map((d) => {
            const s = STATE[d.state];
            return (
              <li key={d.id} className="px-5 py-3" data-testid="notification-duty">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{partyLabel(d.party)}</span>
                    <Badge tone={s.tone}>{s.text}</Badge>
                  </div>
                  {canManage && d.state !== "done" ? (
                    <Button size="sm" variant="secondary" onClick={() => setOpen(open === d.id ? null : d.id)} aria-expanded={open === d.id}>Mark done</Button>
                  ) : null}
                </div>
                <p className="mt-1 text-xs text-slate-500">
                  {d.dueAt ? <>Due {formatMoment(d.dueAt)}{d.ruleHours ? ` (${d.ruleHours} h after detection)` : ""}</> : "No deadline"}
                  {d.doneAt ? <> · done {formatMoment(d.doneAt)} by {d.doneBy}{d.evidence ? <> · evidence “{d.evidence.title}”</> : null}</> : null}
                </p>
                {d.note ? <p className="mt-1 text-xs text-slate-600">{d.note}</p> : null}
                {open === d.id ? <DoneForm incidentId={incidentId} duty={d} evidence={evidence} onCancel={() => setOpen(null)} /> : null}
              </li>
            );
          })}
        </ul>
      )}
      {canManage ? <AddDutyForm incidentId={incidentId} taken={duties.map((d) => d.party)} /> : null}
    </div>
  );
}
