"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { formatBytes } from "@/lib/format-bytes";

type Kind = "FILE" | "LINK" | "NOTE";

/**
 * Adds a file, link or note. With `revisionOf` it records a correction: a new revision that
 * supersedes the old one (evidence itself is never edited).
 */
export function AddEvidenceForm({ systemId, maxBytes, revisionOf, onDone }: { systemId: string; maxBytes: number; revisionOf?: { id: string; title: string; kind: Kind }; onDone?: () => void }) {
  const router = useRouter();
  const today = new Date().toISOString().slice(0, 10);
  const [kind, setKind] = useState<Kind>(revisionOf?.kind ?? "FILE");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [done, setDone] = useState<string | null>(null);
  const prefix = revisionOf ? `rev-${revisionOf.id}` : "new";
  const err = (k: string) => fieldErrors[k];

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const meta = {
      title: String(data.get("title") ?? ""),
      description: String(data.get("description") ?? "") || undefined,
      effectiveDate: String(data.get("effectiveDate") ?? ""),
      expiresAt: String(data.get("expiresAt") ?? "") || undefined,
      revisionOfId: revisionOf?.id,
    };
    setPending(true);
    setError(null);
    setFieldErrors({});
    setDone(null);
    try {
      let response: Response;
      if (kind === "FILE") {
        const file = data.get("file");
        if (!(file instanceof File) || file.size === 0) {
          setFieldErrors({ file: ["Choose a file."] });
          return;
        }
        if (file.size > maxBytes) {
          setFieldErrors({ file: [`The file is larger than the ${formatBytes(maxBytes)} limit.`] });
          return;
        }
        response = await fetch(`/api/systems/${systemId}/evidence/upload`, {
          method: "POST",
          body: file,
          headers: {
            "content-type": "application/octet-stream",
            "x-file-name": encodeURIComponent(file.name),
            "x-evidence-meta": encodeURIComponent(JSON.stringify({ ...meta, title: meta.title || file.name })),
          },
        });
      } else {
        response = await fetch(`/api/systems/${systemId}/evidence`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ ...meta, kind, url: data.get("url") ?? undefined, body: data.get("body") ?? undefined }),
        });
      }
      const json = await response.json().catch(() => ({}));
      if (!response.ok) {
        setError(json.error?.message ?? `Saving failed (${response.status}).`);
        setFieldErrors(json.error?.fieldErrors ?? {});
        return;
      }
      form.reset();
      setDone(revisionOf ? "Correction recorded as a new revision." : `Added “${json.title}”.`);
      router.refresh();
      onDone?.();
    } catch {
      setError("The server could not be reached. Nothing was saved.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      className="space-y-4"
      noValidate
      aria-label={revisionOf ? `Correct ${revisionOf.title}` : "Add evidence"}
      onSubmit={(event) => {
        event.preventDefault();
        void submit(event.currentTarget);
      }}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-4">
        <Field label="Kind" htmlFor={`${prefix}-kind`}>
          <Select id={`${prefix}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)} disabled={Boolean(revisionOf)}>
            <option value="FILE">File</option>
            <option value="LINK">Link</option>
            <option value="NOTE">Note</option>
          </Select>
        </Field>
        <Field label="Title" htmlFor={`${prefix}-title`} errors={err("title")} className="md:col-span-3" hint={kind === "FILE" ? "Defaults to the file name." : undefined}>
          <Input id={`${prefix}-title`} name="title" defaultValue={revisionOf ? revisionOf.title : ""} invalid={!!err("title")} />
        </Field>
        {kind === "FILE" ? (
          <Field label="File" htmlFor={`${prefix}-file`} errors={err("file")} className="md:col-span-2" hint={`Up to ${formatBytes(maxBytes)}. Stored in the database with its SHA-256.`}>
            <input id={`${prefix}-file`} name="file" type="file" className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium" />
          </Field>
        ) : null}
        {kind === "LINK" ? (
          <Field label="Address" htmlFor={`${prefix}-url`} errors={err("url")} className="md:col-span-2">
            <Input id={`${prefix}-url`} name="url" type="url" placeholder="https://" invalid={!!err("url")} />
          </Field>
        ) : null}
        <Field label="Valid from" htmlFor={`${prefix}-effective`} errors={err("effectiveDate")} hint="The day this evidence started to hold (e.g. the date of the test or the signed policy), not the upload day.">
          <Input id={`${prefix}-effective`} name="effectiveDate" type="date" defaultValue={today} invalid={!!err("effectiveDate")} />
        </Field>
        <Field label="Expires" htmlFor={`${prefix}-expires`} errors={err("expiresAt")} hint="Optional. Expired evidence no longer satisfies a control.">
          <Input id={`${prefix}-expires`} name="expiresAt" type="date" invalid={!!err("expiresAt")} />
        </Field>
        {kind === "NOTE" ? (
          <Field label="Note" htmlFor={`${prefix}-body`} errors={err("body")} className="md:col-span-4">
            <Textarea id={`${prefix}-body`} name="body" rows={4} invalid={!!err("body")} />
          </Field>
        ) : null}
        <Field label="Description" htmlFor={`${prefix}-description`} errors={err("description")} className="md:col-span-4">
          <Input id={`${prefix}-description`} name="description" />
        </Field>
      </div>
      <div className="flex justify-end gap-2">
        {onDone ? <Button variant="ghost" onClick={onDone}>Cancel</Button> : null}
        <Button type="submit" disabled={pending} aria-busy={pending}>{pending ? (kind === "FILE" ? "Uploading…" : "Saving…") : revisionOf ? "Record correction" : "Add evidence"}</Button>
      </div>
    </form>
  );
}
