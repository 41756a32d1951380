"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { linkEvidenceAction, unlinkEvidenceAction } from "@/lib/checklists/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { SupportedControls } from "@/components/evidence/supported-controls";
import { useEvidenceOptions } from "./evidence-options";

type Linked = {
  id: string;
  kind: string;
  title: string;
  fileName: string | null;
  valid: boolean;
  state: string;
  supports: { itemId: string; code: string; title: string; href: string }[];
};

const STATE_TONE = { VALID: "green", EXPIRED: "amber", SUPERSEDED: "slate", DELETED: "red", NOT_YET_EFFECTIVE: "blue" } as const;
const STATE_LABEL: Record<string, string> = { VALID: "Valid", EXPIRED: "Expired", SUPERSEDED: "Replaced by a newer revision", DELETED: "Deleted", NOT_YET_EFFECTIVE: "Not valid yet" };

export function ItemEvidence({ systemId, itemId, code, linked, canEdit }: { systemId: string; itemId: string; code: string; linked: Linked[]; canEdit: boolean }) {
  const router = useRouter();
  const available = useEvidenceOptions();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pick, setPick] = useState("");
  const today = new Date().toISOString().slice(0, 10);
  const linkedIds = new Set(linked.map((l) => l.id));
  const options = available.filter((a) => !linkedIds.has(a.id) && a.state !== "DELETED" && a.state !== "SUPERSEDED");

  async function run(fn: () => Promise<ActionResult<unknown>>) {
    setBusy(true);
    setError(null);
    try {
      const result = await fn();
      if (!result.ok) setError(result.error);
      else router.refresh();
    } finally {
      setBusy(false);
    }
  }

  async function upload(form: HTMLFormElement) {
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError("Choose a file to upload.");
      return;
    }
    const meta = { title: String(data.get("title") || file.name), effectiveDate: String(data.get("effectiveDate") || today), expiresAt: String(data.get("expiresAt") || "") || undefined };
    await run(async () => {
      const response = await fetch(`/api/systems/${systemId}/evidence/upload`, {
        method: "POST",
        body: file,
        headers: { "x-file-name": encodeURIComponent(file.name), "x-evidence-meta": encodeURIComponent(JSON.stringify(meta)), "content-type": "application/octet-stream" },
      });
      const json = await response.json().catch(() => ({}));
      if (!response.ok) return { ok: false, error: json.error?.message ?? `Upload failed (${response.status}).` };
      form.reset();
      return linkEvidenceAction(systemId, itemId, json.id);
    });
  }

  return (
    <div className="space-y-3">
      {linked.length ? (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label={`Evidence for ${code}`}>
          {linked.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <div className="min-w-0 flex-1">
                <span className="flex min-w-0 items-center gap-2">
                  <Badge tone={STATE_TONE[e.state as keyof typeof STATE_TONE] ?? "slate"}>{STATE_LABEL[e.state] ?? e.state}</Badge>
                  <span className="truncate text-slate-800">{e.title}</span>
                  {e.fileName ? <a className="text-xs text-brand-700 hover:underline" href={`/api/evidence/${e.id}/download`}>Download {e.fileName}</a> : null}
                </span>
                <SupportedControls controls={e.supports} exceptItemId={itemId} />
              </div>
              {canEdit ? (
                <Button size="sm" variant="ghost" disabled={busy} onClick={() => run(() => unlinkEvidenceAction(systemId, itemId, e.id))} aria-label={`Detach ${e.title}`}>
                  Detach
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No evidence attached yet.</p>
      )}
      {canEdit ? (
        <div className="space-y-3 rounded-md border border-dashed border-slate-300 bg-white p-3">
          <div className="flex max-w-xl items-end gap-2">
            <div className="flex-1">
              <label htmlFor={`${itemId}-attach`} className="mb-1 block text-xs font-medium text-slate-600">Attach existing evidence</label>
              <Select id={`${itemId}-attach`} value={pick} onChange={(e) => setPick(e.target.value)} disabled={!options.length}>
                <option value="">{options.length ? "Choose…" : "No other evidence on this system"}</option>
                {options.map((o) => <option key={o.id} value={o.id}>{o.title} ({o.kind.toLowerCase()})</option>)}
              </Select>
            </div>
            <Button size="sm" variant="secondary" disabled={!pick || busy} onClick={() => run(() => linkEvidenceAction(systemId, itemId, pick))}>Attach</Button>
          </div>
          <form
            className="flex flex-wrap items-end gap-2"
            aria-label={`Upload evidence for ${code}`}
            onSubmit={(event) => {
              event.preventDefault();
              void upload(event.currentTarget);
            }}
          >
            <div className="min-w-[10rem] flex-1">
              <label htmlFor={`${itemId}-file`} className="mb-1 block text-xs font-medium text-slate-600">Upload a file</label>
              <input id={`${itemId}-file`} name="file" type="file" className="block w-full text-xs text-slate-700 file:mr-2 file:rounded file:border-0 file:bg-slate-100 file:px-2 file:py-1.5 file:text-xs" />
            </div>
            <div className="w-40">
              <label htmlFor={`${itemId}-title`} className="mb-1 block text-xs font-medium text-slate-600">Title</label>
              <Input id={`${itemId}-title`} name="title" placeholder="From the file name" />
            </div>
            <div>
              <label htmlFor={`${itemId}-effective`} className="mb-1 block text-xs font-medium text-slate-600">Valid from</label>
              <Input id={`${itemId}-effective`} name="effectiveDate" type="date" defaultValue={today} />
            </div>
            <div>
              <label htmlFor={`${itemId}-expires`} className="mb-1 block text-xs font-medium text-slate-600">Expires</label>
              <Input id={`${itemId}-expires`} name="expiresAt" type="date" />
            </div>
            <Button type="submit" size="sm" disabled={busy} aria-busy={busy}>{busy ? "Working…" : "Upload and attach"}</Button>
          </form>
        </div>
      ) : null}
      {error ? <p role="alert" className="text-sm font-medium text-red-700">{error}</p> : null}
    </div>
  );
}
