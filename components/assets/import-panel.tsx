"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { formatBytes } from "@/lib/format-bytes";

type RowProblem = { row: number | string; field: string; message: string };
type Skip = { row: number | string; name: string; type: string | null; reason: string };
type Merge = { row: string; into: string; message: string };
type FileInfo = { name: string | null; sha256: string; bytes: number; encoding: string };

type Success = {
  ok: true;
  message: string;
  notices: string[];
  skippedEntries: Skip[];
  mergedEntries: Merge[];
  file: FileInfo | null;
};
type Failure = { ok: false; message: string; details: string[]; rows: RowProblem[]; omitted: number };
type Outcome = Success | Failure;

const CSV_COLUMNS =
  "kind,name,version,supplier,licence,sha256,other_digests,signature_ref,sensitivity,permissions,due_diligence,capabilities,credential_type,human_approval_required,secret_location,rotation_days,notes";

/** Field errors that add something to the message (the XML reason is the message itself). */
function detailsOf(message: string, fieldErrors: Record<string, string[]> | undefined, hasRows: boolean): string[] {
  if (hasRows || !fieldErrors) return [];
  const all = Object.values(fieldErrors).flat();
  return [...new Set(all)].filter((text) => !message.includes(text));
}

/**
 * Uploads a CSV or CycloneDX JSON file. Shows the outcome in full: what was imported, merged
 * and skipped (with the reason for each), anything to check (e.g. the encoding the file was
 * read in), or every problem by row or component when the file was refused (nothing imported).
 */
export function ImportPanel({ systemId, maxBytes }: { systemId: string; maxBytes: number }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState("auto");
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!file) {
      setOutcome({ ok: false, message: "Choose a file to import.", details: [], rows: [], omitted: 0 });
      return;
    }
    if (file.size > maxBytes) {
      setOutcome({ ok: false, message: `The file is ${formatBytes(file.size)}; the import limit is ${formatBytes(maxBytes)}. Split it into smaller files.`, details: [], rows: [], omitted: 0 });
      return;
    }
    setPending(true);
    setOutcome(null);
    const body = new FormData();
    body.set("file", file);
    if (format !== "auto") body.set("format", format);
    try {
      const response = await fetch(`/api/systems/${systemId}/assets/import`, { method: "POST", body });
      const json = await response.json().catch(() => ({}));
      if (response.ok) {
        setOutcome({
          ok: true,
          message: json.message ?? `Imported ${json.imported} assets.`,
          notices: json.notices ?? [],
          skippedEntries: json.skippedEntries ?? [],
          mergedEntries: json.mergedEntries ?? [],
          file: json.file ?? null,
        });
        router.refresh();
      } else {
        const message: string = json.error?.message ?? `Import failed (${response.status}). Nothing was imported.`;
        const rows: RowProblem[] = json.error?.rows ?? [];
        setOutcome({ ok: false, message, details: detailsOf(message, json.error?.fieldErrors, rows.length > 0), rows, omitted: json.error?.omitted ?? 0 });
      }
    } catch {
      setOutcome({ ok: false, message: "The server could not be reached. Nothing was imported.", details: [], rows: [], omitted: 0 });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Import assets">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor="import-file" className="mb-1 block text-xs font-medium text-slate-600">File</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200"
          />
        </div>
        <div className="w-full sm:w-56">
          <label htmlFor="import-format" className="mb-1 block text-xs font-medium text-slate-600">Format</label>
          <Select id="import-format" value={format} onChange={(e) => setFormat(e.target.value)} className="w-full">
            <option value="auto">From the file name</option>
            <option value="csv">CSV</option>
            <option value="cyclonedx">CycloneDX 1.6 JSON BOM</option>
          </Select>
        </div>
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>{pending ? "Importing…" : "Import"}</Button>
      </div>
      <div className="space-y-1 text-xs text-slate-500">
        <p className="[overflow-wrap:anywhere]">
          CSV columns: <code>{CSV_COLUMNS}</code> (lists separated by “;”). UTF-8, UTF-16 or Windows-1252; Excel’s <code>sep=</code> line and empty trailing columns are ignored.
        </p>
        <p>
          CycloneDX: JSON only (no XML), spec version 1.6, up to {formatBytes(maxBytes)}. Components listed twice are merged; types with no asset kind (application, operating system, device, firmware, file, cryptographic asset) are skipped and listed. An import is all or nothing.
        </p>
      </div>
      <div aria-live="polite" className="space-y-3">
        {outcome?.ok ? <ImportSuccess outcome={outcome} /> : null}
        {outcome && !outcome.ok ? <ImportFailure outcome={outcome} /> : null}
      </div>
    </form>
  );
}

function ImportSuccess({ outcome }: { outcome: Success }) {
  return (
    <div className="space-y-3" data-testid="import-result">
      <Alert tone="success" title={outcome.message}>
        {outcome.file ? <FileLine file={outcome.file} /> : null}
      </Alert>
      {outcome.notices.length ? (
        <Alert tone="warning" title="Please check">
          <ul className="list-disc space-y-1 pl-5 [overflow-wrap:anywhere]" data-testid="import-notices">
            {outcome.notices.map((notice, i) => <li key={i}>{notice}</li>)}
          </ul>
        </Alert>
      ) : null}
      {outcome.skippedEntries.length ? (
        <Details title={`Skipped (${outcome.skippedEntries.length})`} testId="import-skipped">
          {outcome.skippedEntries.map((s, i) => (
            <li key={i} className="py-2">
              <div className="flex flex-wrap items-center gap-2">
                <code className="text-xs text-slate-500 [overflow-wrap:anywhere]">{s.row}</code>
                {s.name ? <span className="font-medium text-slate-900 [overflow-wrap:anywhere]">{s.name}</span> : null}
                {s.type ? <Badge tone="slate">{s.type}</Badge> : null}
              </div>
              <p className="mt-0.5 text-slate-600">{s.reason}</p>
            </li>
          ))}
        </Details>
      ) : null}
      {outcome.mergedEntries.length ? (
        <Details title={`Merged (${outcome.mergedEntries.length})`} testId="import-merged">
          {outcome.mergedEntries.map((m, i) => (
            <li key={i} className="py-2">
              <p className="text-xs text-slate-500 [overflow-wrap:anywhere]"><code>{m.row}</code> → <code>{m.into}</code></p>
              <p className="mt-0.5 text-slate-600">{m.message}</p>
            </li>
          ))}
        </Details>
      ) : null}
    </div>
  );
}

function FileLine({ file }: { file: FileInfo }) {
  return (
    <p className="text-xs [overflow-wrap:anywhere]">
      {file.name ? `${file.name} · ` : ""}
      {formatBytes(file.bytes)} · read as {file.encoding} · SHA-256 <span className="font-mono" title={file.sha256}>{file.sha256.slice(0, 16)}…</span>
    </p>
  );
}

function Details({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <details open className="rounded-md border border-slate-200 bg-white px-4 py-2 text-sm" data-testid={testId}>
      <summary className="cursor-pointer font-medium text-slate-800">{title}</summary>
      <ul className="mt-1 divide-y divide-slate-100">{children}</ul>
    </details>
  );
}

function ImportFailure({ outcome }: { outcome: Failure }) {
  return (
    <Alert tone="error" title={outcome.message}>
      {outcome.details.length ? (
        <ul className="list-disc space-y-1 pl-5 [overflow-wrap:anywhere]" data-testid="import-error-details">
          {outcome.details.map((d, i) => <li key={i}>{d}</li>)}
        </ul>
      ) : null}
      {outcome.rows.length ? (
        // A table on wide screens; each problem stacks as a small card below 640 px.
        <table className="mt-2 block w-full text-left text-xs sm:table" data-testid="import-errors">
          <thead className="hidden sm:table-header-group">
            <tr><th className="py-1 pr-3">Row</th><th className="py-1 pr-3">Field</th><th className="py-1">Problem</th></tr>
          </thead>
          <tbody className="block sm:table-row-group">
            {outcome.rows.map((r, i) => (
              <tr key={i} className="block border-t border-red-200 py-1.5 align-top sm:table-row sm:py-0">
                <td className="block font-mono [overflow-wrap:anywhere] sm:table-cell sm:py-1 sm:pr-3">
                  <span className="sm:hidden">Row </span>{r.row}
                </td>
                <td className="block font-mono [overflow-wrap:anywhere] sm:table-cell sm:py-1 sm:pr-3">
                  <span className="sm:hidden">Field </span>{r.field}
                </td>
                <td className="block sm:table-cell sm:py-1">{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {outcome.omitted ? <p className="mt-1">…and {outcome.omitted} more problems not listed.</p> : null}
    </Alert>
  );
}
