"use client";

import { useActionState, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { discardDraftAction, importThreatDragonAction, startDraftAction, transitionAction } from "@/lib/threats/actions";
import type { ImportReport } from "@/lib/threats/threat-dragon";
import { formState, simple, type SimpleResult, type ThreatFormState } from "./results";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input, Textarea } from "@/components/ui/field";

type Model = { id: string; version: number; rowVersion: number; status: string };

/** Start a draft, submit, return, mark reviewed, discard: each asks first where it matters. */
export function VersionActions({ systemId, model, can, canStartDraft, startLabel }: {
  systemId: string;
  model: Model | null;
  can: { submit: boolean; return: boolean; approve: boolean; discard: boolean } | null;
  canStartDraft: boolean;
  startLabel: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<SimpleResult>({});
  const run = (fn: () => Promise<SimpleResult>) =>
    start(async () => {
      const r = await fn();
      setResult(r);
      router.refresh();
    });
  const must = async (fn: () => Promise<SimpleResult>) => {
    const r = await fn();
    if (r.error) throw new Error(r.error);
    setResult(r);
    router.refresh();
  };
  return (
    <div className="flex flex-col gap-1.5 lg:items-end">
      <div className="flex flex-wrap gap-2 lg:justify-end">
        {canStartDraft ? (
          <Button size="sm" disabled={pending} aria-busy={pending} onClick={() => run(() => simple(startDraftAction(systemId)))}>{startLabel}</Button>
        ) : null}
        {model && can?.discard ? (
          <ConfirmDialog
            trigger={<Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50">Discard draft</Button>}
            title={`Discard draft version ${model.version}?`}
            description={<p>Its scope, data flows and threats are deleted. Reviewed versions are not affected.</p>}
            confirmLabel="Discard draft"
            onConfirm={() => must(() => simple(discardDraftAction(systemId, model.id, model.rowVersion)))}
          />
        ) : null}
        {model && can?.return ? (
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => simple(transitionAction(systemId, model.id, "return", model.rowVersion, null)))}>Return to draft</Button>
        ) : null}
        {model && can?.submit ? (
          <ConfirmDialog
            tone="primary"
            trigger={<Button size="sm">Submit for review</Button>}
            title={`Submit version ${model.version} for review?`}
            description={<p>The version is locked while in review. Another security reviewer marks it reviewed, or returns it to draft.</p>}
            confirmLabel="Submit for review"
            onConfirm={() => must(() => simple(transitionAction(systemId, model.id, "submit", model.rowVersion, null)))}
          />
        ) : null}
        {model && can?.approve ? <ApproveDialog systemId={systemId} model={model} onDone={(r) => { setResult(r); router.refresh(); }} /> : null}
      </div>
      <div aria-live="polite">
        {result.error ? <p role="alert" className="text-sm font-medium text-red-700">{result.error}</p> : null}
        {result.message ? <p className="text-sm text-emerald-700">{result.message}</p> : null}
      </div>
    </div>
  );
}

function ApproveDialog({ systemId, model, onDone }: { systemId: string; model: Model; onDone: (r: SimpleResult) => void }) {
  const [comment, setComment] = useState("");
  return (
    <ConfirmDialog
      tone="primary"
      trigger={<Button size="sm">Mark reviewed</Button>}
      title={`Mark version ${model.version} reviewed?`}
      description={
        <div className="space-y-3">
          <p>It becomes the version in force and can no longer be changed; the previous reviewed version is kept as history, marked as replaced.</p>
          <Field label="Review comment (optional)" htmlFor="review-comment">
            <Textarea id="review-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
          </Field>
        </div>
      }
      confirmLabel="Mark reviewed"
      onConfirm={async () => {
        const r = await simple(transitionAction(systemId, model.id, "approve", model.rowVersion, comment || null));
        if (r.error) throw new Error(r.error);
        onDone(r);
      }}
    />
  );
}

/** Threat Dragon 2.x import into a new draft, with the report of what was not mapped. */
export function ImportThreatDragon({ systemId }: { systemId: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<ThreatFormState, FormData>(async (prev, data) => {
    const r = await formState(importThreatDragonAction.bind(null, systemId))(prev, data);
    if (r.ok) router.refresh();
    return r;
  }, {});
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-end gap-2" noValidate aria-label="Import a Threat Dragon model">
        <Field label="Threat Dragon 2.x model (JSON)" htmlFor="td-file" errors={state.fieldErrors?.file} hint="Creates a new draft version with the model's data flows and threats.">
          <Input id="td-file" name="file" type="file" accept="application/json,.json" invalid={!!state.fieldErrors?.file} />
        </Field>
        <Button type="submit" size="sm" variant="secondary" disabled={pending} aria-busy={pending}>{pending ? "Importing…" : "Import"}</Button>
      </form>
      {state.error && !state.fieldErrors?.file ? <p role="alert" className="text-sm font-medium text-red-700">{state.error}</p> : null}
      {state.ok && state.report ? <ImportReportView report={state.report} message={state.message} /> : null}
    </div>
  );
}

export function ImportReportView({ report, message }: { report: ImportReport; message?: string }) {
  return (
    <div className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950" role="status">
      {message ? <p className="font-medium">{message}</p> : null}
      <p>
        From {report.source}: {report.counts.threats} threats, {report.counts.flows} data flows, {report.counts.elements} elements in {report.counts.diagrams} {report.counts.diagrams === 1 ? "diagram" : "diagrams"}.
      </p>
      {report.notMapped.length ? (
        <>
          <p className="mt-2 font-medium">Not mapped or changed on import ({report.notMapped.length}):</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">{report.notMapped.map((line, i) => <li key={i}>{line}</li>)}</ul>
        </>
      ) : null}
    </div>
  );
}
