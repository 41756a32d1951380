"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionFailure } from "@/lib/action-result";
import { previewLibraryAction, publishLibraryAction } from "@/lib/controls/actions";
import type { LibraryIssue, LibraryPreview } from "@/lib/controls/publish-library";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Textarea } from "@/components/ui/field";

const MAX_ISSUES_SHOWN = 50;

const FIELD_LABELS: Record<string, string> = {
  title: "title",
  guidance: "guidance",
  evidenceExpectation: "evidence",
  evidenceRequired: "evidence required",
  reviewerOnly: "reviewer decision",
  applicability: "applicability",
  mappings: "mappings",
};

type Upload = { name: string; text: string };

type PanelState = { preview?: LibraryPreview; published?: LibraryPreview; error?: string; issues?: LibraryIssue[] };

/** A refusal as the panel shows it: schema problems arrive as field errors keyed by their path. */
function refusal(failure: ActionFailure): PanelState {
  const issues = Object.entries(failure.fieldErrors ?? {}).flatMap(([path, messages]) => messages.map((message) => ({ path: path === "_form" ? "" : path, message })));
  return { error: failure.error, issues };
}

/**
 * Upload a library JSON → the server checks it and shows the diff against the current version
 * → publish (after confirming). The file's text stays in memory between the two steps, so the
 * admin never uploads twice; choosing another file discards the preview.
 */
export function PublishLibraryPanel() {
  const router = useRouter();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [result, setResult] = useState<PanelState>({});
  const [notes, setNotes] = useState("");
  const [inputKey, setInputKey] = useState(0);
  const [pending, startTransition] = useTransition();

  async function choose(file: File | undefined) {
    setResult({});
    setUpload(file ? { name: file.name, text: await file.text() } : null);
  }

  function check(event: React.FormEvent) {
    event.preventDefault();
    if (!upload) {
      setResult({ error: "Choose a library JSON file first." });
      return;
    }
    startTransition(async () => {
      const outcome = await previewLibraryAction(upload.text);
      setResult(outcome.ok ? { preview: outcome.data } : refusal(outcome));
    });
  }

  async function publish() {
    if (!upload) return;
    const outcome = await publishLibraryAction(upload.text, notes);
    // The dialog stays open and shows the refusal (e.g. someone published this version meanwhile).
    if (!outcome.ok) throw new Error(outcome.error);
    setResult({ published: outcome.data });
    setUpload(null);
    setNotes("");
    setInputKey((k) => k + 1);
    router.refresh();
  }

  const preview = result.preview;
  return (
    <div className="space-y-4">
      <form onSubmit={check} className="flex flex-wrap items-end gap-3" aria-label="Check a library file">
        <div className="min-w-[16rem]">
          <label htmlFor="library-file" className="mb-1 block text-xs font-medium text-slate-600">Library file (JSON)</label>
          <input
            key={inputKey}
            id="library-file"
            type="file"
            accept=".json,application/json"
            onChange={(e) => void choose(e.target.files?.[0])}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200"
          />
        </div>
        <Button type="submit" variant="secondary" disabled={pending || !upload} aria-busy={pending}>
          {pending ? "Checking…" : "Preview changes"}
        </Button>
      </form>

      <div aria-live="polite" className="space-y-4">
        {result.published ? (
          <Alert tone="success" title={`Version ${result.published.version} is now the current library`}>
            {summary(result.published)} New checklists use it; existing checklists keep their version until a reviewer upgrades them.
          </Alert>
        ) : null}
        {result.error ? (
          <Alert tone="error" title={result.error}>
            {result.issues?.length ? (
              <>
                <ul className="mt-1 space-y-1 text-xs" data-testid="library-issues">
                  {result.issues.slice(0, MAX_ISSUES_SHOWN).map((issue, i) => (
                    <li key={i}>
                      <code className="mr-1.5 rounded bg-white/70 px-1 font-mono text-[11px] text-red-900">{issue.path || "(top level)"}</code>
                      {issue.message}
                    </li>
                  ))}
                </ul>
                {result.issues.length > MAX_ISSUES_SHOWN ? <p className="mt-1 text-xs">…and {result.issues.length - MAX_ISSUES_SHOWN} more.</p> : null}
              </>
            ) : null}
          </Alert>
        ) : null}
        {preview && upload ? (
          <div className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4" data-testid="library-diff">
            <div>
              <p className="text-sm font-semibold text-slate-900">
                {upload.name}: version {preview.version}
                <span className="font-normal text-slate-500"> · dated {preview.documentDate} · {preview.controlCount} controls</span>
              </p>
              <p className="mt-0.5 text-sm text-slate-600">
                {preview.previousVersion ? <>Compared with the current version {preview.previousVersion}:</> : <>No library is published yet: every control is new.</>}
              </p>
              <div className="mt-2 flex flex-wrap gap-1.5" data-testid="library-diff-counts">
                <Badge tone="green">{preview.diff.added.length} added</Badge>
                <Badge tone="red">{preview.diff.retired.length} retired</Badge>
                <Badge tone="amber">{preview.diff.changed.length} changed</Badge>
                <Badge tone="slate">{preview.diff.unchanged} unchanged</Badge>
              </div>
            </div>
            {preview.diff.added.length + preview.diff.retired.length + preview.diff.changed.length === 0 ? (
              <Alert tone="warning">No control differs from version {preview.previousVersion}. You can still publish it, for example to record new release notes.</Alert>
            ) : null}
            <DiffList title="Added" codes={preview.diff.added} titles={preview.titles} />
            <DiffList title="Retired" codes={preview.diff.retired} titles={preview.titles} />
            {preview.diff.changed.length ? (
              <section>
                <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Changed</h3>
                <ul className="mt-1.5 space-y-1 text-sm">
                  {preview.diff.changed.map((c) => (
                    <li key={c.code} className="flex flex-wrap items-center gap-1.5">
                      <code className="font-mono text-xs font-semibold text-slate-900">{c.code}</code>
                      <span className="text-slate-700">{preview.titles[c.code]}</span>
                      <span className="text-slate-400">·</span>
                      {c.fields.map((f) => (
                        <Badge key={f} tone="amber" className="text-[11px]">{FIELD_LABELS[f] ?? f}</Badge>
                      ))}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            <Field label="Release notes (optional)" htmlFor="library-notes" hint="Shown in the version list and recorded in the audit log.">
              <Textarea id="library-notes" rows={2} maxLength={1000} value={notes} onChange={(e) => setNotes(e.target.value)} />
            </Field>
            <ConfirmDialog
              tone="primary"
              trigger={<Button>Publish version {preview.version}</Button>}
              title={`Publish version ${preview.version}?`}
              description={
                <>
                  <p>{summary(preview)}</p>
                  <p className="mt-2">
                    It becomes the current library: new systems get their checklist from it. Existing checklists stay on their version until a security reviewer
                    upgrades them, seeing the diff first. A published version cannot be edited, only replaced by a newer one.
                  </p>
                </>
              }
              confirmLabel={`Publish ${preview.version}`}
              onConfirm={publish}
            />
          </div>
        ) : null}
      </div>
    </div>
  );
}

function summary(preview: LibraryPreview) {
  const { added, retired, changed } = preview.diff;
  return `${preview.controlCount} controls: ${added.length} added, ${retired.length} retired, ${changed.length} changed${preview.previousVersion ? ` since ${preview.previousVersion}` : ""}.`;
}

function DiffList({ title, codes, titles }: { title: string; codes: string[]; titles: Record<string, string> }) {
  if (!codes.length) return null;
  return (
    <section>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      <ul className="mt-1.5 space-y-1 text-sm">
        {codes.map((code) => (
          <li key={code}>
            <code className="mr-1.5 font-mono text-xs font-semibold text-slate-900">{code}</code>
            <span className="text-slate-700">{titles[code]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
