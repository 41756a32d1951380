"use client";

import { useActionState, useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { failureOf } from "@/lib/action-result";
import { advisoryAction } from "@/lib/incidents/actions";

type Choices = { title: string; summary: string; lessons: string; publisherName: string; publisherNamespace: string; advisoryUrl: string | null; tlp: string };

/**
 * The share form: the reviewer edits what leaves the organisation, previews the exact CSAF
 * document (validated with the BSI validator), then downloads it (the download is audited).
 */
export function AdvisoryForm({ incidentId, initial }: { incidentId: string; initial: Choices }) {
  const [state, action, pending] = useActionState(advisoryAction.bind(null, incidentId), null);
  const failure = failureOf(state);
  const v = (k: keyof Choices) => (failure?.values?.[k] as string | undefined) ?? (initial[k] ?? "");
  const err = (k: string) => failure?.fieldErrors?.[k];
  const result = state?.ok ? state.data : null;

  useEffect(() => {
    if (result?.download) {
      const url = URL.createObjectURL(new Blob([result.json], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = result.fileName;
      a.click();
      URL.revokeObjectURL(url);
    }
  }, [result]);

  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <form action={action} className="space-y-4" aria-label="Advisory content">
        {failure ? <Alert tone="error">{failure.error}</Alert> : null}
        <Alert tone="info">Names of affected systems, assets and people, e-mail addresses and IP addresses are replaced automatically. Everything else you leave in these fields is shared: remove customer details, internal hostnames and anything under embargo.</Alert>
        <Field label="Advisory title" htmlFor="adv-title" errors={err("title")}>
          <Input id="adv-title" name="title" defaultValue={v("title")} />
        </Field>
        <Field label="What happened (shared)" htmlFor="adv-summary" errors={err("summary")}>
          <Textarea id="adv-summary" name="summary" rows={5} defaultValue={v("summary")} />
        </Field>
        <Field label="Lessons learned (shared)" htmlFor="adv-lessons" errors={err("lessons")}>
          <Textarea id="adv-lessons" name="lessons" rows={4} defaultValue={v("lessons")} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Publisher name" htmlFor="adv-pub" errors={err("publisherName")}>
            <Input id="adv-pub" name="publisherName" defaultValue={v("publisherName")} />
          </Field>
          <Field label="Publisher namespace (URL)" htmlFor="adv-ns" errors={err("publisherNamespace")}>
            <Input id="adv-ns" name="publisherNamespace" defaultValue={v("publisherNamespace")} />
          </Field>
          <Field label="Published at (URL, optional)" htmlFor="adv-url" errors={err("advisoryUrl")} hint="Required when the incident has no ATLAS technique.">
            <Input id="adv-url" name="advisoryUrl" defaultValue={v("advisoryUrl")} placeholder="https://" />
          </Field>
          <Field label="Traffic Light Protocol" htmlFor="adv-tlp" errors={err("tlp")}>
            <Select id="adv-tlp" name="tlp" defaultValue={v("tlp")}>
              <option value="WHITE">TLP:WHITE — public</option>
              <option value="GREEN">TLP:GREEN — community</option>
              <option value="AMBER">TLP:AMBER — limited</option>
            </Select>
          </Field>
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="submit" name="intent" value="preview" variant="secondary" disabled={pending}>Preview</Button>
          <Button type="submit" name="intent" value="download" disabled={pending || !result || !result.validation.isValid} title={!result ? "Preview first" : undefined}>Download CSAF JSON</Button>
        </div>
      </form>
      <div className="min-w-0">
        <h2 className="mb-2 text-sm font-semibold text-slate-900">Exactly what leaves the organisation</h2>
        {result ? (
          <>
            {result.validation.isValid ? (
              <Alert tone="success" className="mb-3">Valid CSAF 2.0 (BSI csaf-validator-lib: strict schema and mandatory tests).{result.download ? " Downloaded and recorded in the audit log." : ""}</Alert>
            ) : (
              <Alert tone="error" className="mb-3" title="Not valid CSAF 2.0">
                <ul className="list-disc pl-4">{result.validation.errors.slice(0, 6).map((e, i) => <li key={i}><code>{e.instancePath || "/"}</code> {e.message}</li>)}</ul>
              </Alert>
            )}
            <pre className="max-h-[36rem] overflow-auto rounded-md bg-slate-900 p-4 text-xs leading-relaxed text-slate-100" data-testid="advisory-preview">{result.json}</pre>
          </>
        ) : (
          <p className="rounded-md border border-dashed border-slate-300 p-6 text-sm text-slate-500">Preview to see the document, byte for byte.</p>
        )}
      </div>
    </div>
  );
}
