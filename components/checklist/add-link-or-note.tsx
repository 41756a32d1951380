"use client";

import { useActionState, useState } from "react";
import { failureOf, type FormState } from "@/lib/action-result";
import { addItemEvidenceAction } from "@/lib/checklists/actions";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";

type State = FormState<{ message: string }>;

/**
 * "Add a link" / "Add a note" right on a checklist item: the evidence is recorded on the
 * system and attached to this item in one step (lib/checklists/add-item-evidence.ts).
 */
export function AddLinkOrNote({ systemId, itemId, code }: { systemId: string; itemId: string; code: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)} aria-expanded={false}>
        Add a link or a note
      </Button>
    );
  }
  return <AddForm systemId={systemId} itemId={itemId} code={code} onClose={() => setOpen(false)} />;
}

function AddForm({ systemId, itemId, code, onClose }: { systemId: string; itemId: string; code: string; onClose: () => void }) {
  const [kind, setKind] = useState<"LINK" | "NOTE">("LINK");
  const [state, action, pending] = useActionState<State, FormData>(addItemEvidenceAction.bind(null, systemId, itemId), null);
  const failure = failureOf(state);
  const v = failure?.values ?? {};
  const err = (k: string) => failure?.fieldErrors?.[k];
  const id = (k: string) => `${itemId}-add-${k}`;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <form action={action} className="space-y-3" aria-label={`Add a link or a note to ${code}`} noValidate>
      <fieldset>
        <legend className="mb-1 text-xs font-medium text-slate-700">Add new evidence</legend>
        <div className="inline-flex rounded-md border border-slate-300 p-0.5 text-sm" role="radiogroup" aria-label="Kind of evidence">
          {(["LINK", "NOTE"] as const).map((k) => (
            <label key={k} className={`cursor-pointer rounded px-3 py-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${kind === k ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="sr-only" />
              {k === "LINK" ? "A link" : "A note"}
            </label>
          ))}
        </div>
      </fieldset>
      <div key={`${kind}-${state?.ok ? "saved" : "editing"}`} className="grid gap-3 sm:grid-cols-2">
        <Field label="Title" htmlFor={id("title")} errors={err("title")}>
          <Input id={id("title")} name="title" defaultValue={String(v.title ?? "")} invalid={!!err("title")} placeholder={kind === "LINK" ? "e.g. Pen-test report SEC-42" : "e.g. Decision on data retention"} />
        </Field>
        {kind === "LINK" ? (
          <Field label="Address" htmlFor={id("url")} errors={err("url")}>
            <Input id={id("url")} name="url" type="url" placeholder="https://" defaultValue={String(v.url ?? "")} invalid={!!err("url")} />
          </Field>
        ) : (
          <Field label="Note" htmlFor={id("body")} errors={err("body")} className="sm:col-span-2">
            <Textarea id={id("body")} name="body" rows={3} defaultValue={String(v.body ?? "")} invalid={!!err("body")} />
          </Field>
        )}
        <Field label="Valid from" htmlFor={id("effective")} errors={err("effectiveDate")} hint="The day it started to hold, not today's upload.">
          <Input id={id("effective")} name="effectiveDate" type="date" defaultValue={String(v.effectiveDate ?? today)} invalid={!!err("effectiveDate")} />
        </Field>
        <Field label="Expires (optional)" htmlFor={id("expires")} errors={err("expiresAt")}>
          <Input id={id("expires")} name="expiresAt" type="date" defaultValue={String(v.expiresAt ?? "")} invalid={!!err("expiresAt")} />
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3" aria-live="polite">
        <Button type="submit" size="sm" disabled={pending} aria-busy={pending}>
          {pending ? "Adding…" : kind === "LINK" ? "Add link and attach" : "Add note and attach"}
        </Button>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
        {failure ? <p role="alert" className="text-sm font-medium text-red-700">{failure.error}</p> : null}
        {state?.ok ? <p className="text-sm text-emerald-700">{state.data.message}</p> : null}
      </div>
    </form>
  );
}
