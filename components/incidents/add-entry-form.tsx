"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { AddEvidenceForm } from "@/components/evidence/add-evidence-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select, Textarea } from "@/components/ui/field";
import { failureOf } from "@/lib/action-result";
import { addEntryAction } from "@/lib/incidents/actions";

type EvidenceOption = { id: string; title: string; kind: string; systemId: string };

/**
 * Adds a note or an action taken to the timeline, optionally with evidence of an affected
 * system. New evidence is added through the evidence component (stored on the system, then
 * chosen here), so files keep their SHA-256 and revision history.
 */
export function AddEntryForm({
  incidentId,
  canAct,
  evidence,
  systems,
  canAddEvidence,
  maxBytes,
}: {
  incidentId: string;
  canAct: boolean;
  evidence: EvidenceOption[];
  systems: { id: string; name: string }[];
  canAddEvidence: boolean;
  maxBytes: number;
}) {
  const [state, action, pending] = useActionState(addEntryAction.bind(null, incidentId), null);
  const failure = failureOf(state);
  const form = useRef<HTMLFormElement>(null);
  const [uploadTo, setUploadTo] = useState<string | null>(null);
  const names = new Map(systems.map((s) => [s.id, s.name]));
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <div className="space-y-4">
      <form ref={form} action={action} className="space-y-3" aria-label="Add to the timeline">
        {failure ? <Alert tone="error">{failure.error}</Alert> : null}
        {state?.ok ? <Alert tone="success">Added to the timeline.</Alert> : null}
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Kind" htmlFor="entry-kind" errors={failure?.fieldErrors?.kind}>
            <Select id="entry-kind" name="kind" defaultValue="NOTE">
              <option value="NOTE">Note</option>
              {canAct ? <option value="ACTION">Action taken</option> : null}
            </Select>
          </Field>
          <Field label="Attach evidence" htmlFor="entry-evidence" className="sm:col-span-2" errors={failure?.fieldErrors?.evidenceId} hint={evidence.length ? "Evidence of the affected systems." : "No evidence on the affected systems yet."}>
            <Select id="entry-evidence" name="evidenceId" defaultValue="">
              <option value="">None</option>
              {evidence.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.title} — {names.get(e.systemId) ?? "system"}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field label="Entry" htmlFor="entry-body" errors={failure?.fieldErrors?.body}>
          <Textarea id="entry-body" name="body" rows={3} placeholder="What was observed or done, by whom, with times if they matter." invalid={!!failure?.fieldErrors?.body} />
        </Field>
        <div className="flex flex-wrap items-center justify-between gap-2">
          {canAddEvidence && systems.length ? (
            <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
              <span>New evidence for</span>
              {systems.map((s) => (
                <Button key={s.id} size="sm" variant="ghost" onClick={() => setUploadTo(uploadTo === s.id ? null : s.id)} aria-expanded={uploadTo === s.id}>
                  {s.name}
                </Button>
              ))}
            </div>
          ) : <span />}
          <Button type="submit" disabled={pending} aria-busy={pending}>{pending ? "Adding…" : "Add to timeline"}</Button>
        </div>
      </form>
      {uploadTo ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-4">
          <p className="mb-3 text-sm text-slate-700">Add evidence to <strong>{names.get(uploadTo)}</strong>; then attach it above.</p>
          <AddEvidenceForm systemId={uploadTo} maxBytes={maxBytes} onDone={() => setUploadTo(null)} />
        </div>
      ) : null}
    </div>
  );
}
