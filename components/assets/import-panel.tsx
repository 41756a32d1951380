"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";

type RowError = { row: number | string; field: string; message: string };
type Outcome = { ok: true; imported: number } | { ok: false; message: string; rows: RowError[]; omitted: number };

/** Uploads a CSV or CycloneDX file; shows what was imported, or every problem row (nothing imported). */
export function ImportPanel({ systemId }: { systemId: string }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState("auto");
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!file) {
      setOutcome({ ok: false, message: "Choose a file to import.", rows: [], omitted: 0 });
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
        setOutcome({ ok: true, imported: json.imported });
        router.refresh();
      } else {
        setOutcome({ ok: false, message: json.error?.message ?? `Import failed (${response.status}).`, rows: json.error?.rows ?? [], omitted: json.error?.omitted ?? 0 });
      }
    } catch {
      setOutcome({ ok: false, message: "The server could not be reached. Nothing was imported.", rows: [], omitted: 0 });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Import assets">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-[16rem] flex-1">
          <label htmlFor="import-file" className="mb-1 block text-xs font-medium text-slate-600">File</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200"
          />
        </div>
        <div>
          <label htmlFor="import-format" className="mb-1 block text-xs font-medium text-slate-600">Format</label>
          <Select id="import-format" value={format} onChange={(e) => setFormat(e.target.value)} className="w-56">
            <option value="auto">From the file name</option>
            <option value="csv">CSV</option>
            <option value="cyclonedx">CycloneDX 1.6 JSON BOM</option>
          </Select>
        </div>
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>{pending ? "Importing…" : "Import"}</Button>
      </div>
      <p className="text-xs text-slate-500 [overflow-wrap:anywhere]">
        CSV columns: <code>kind,name,version,supplier,licence,sha256,signature_ref,sensitivity,permissions,due_diligence,capabilities,credential_type,human_approval_required,secret_location,rotation_days,notes</code> (lists separated by “;”). An import is all or nothing.
      </p>
      <div aria-live="polite">
        {outcome?.ok ? <Alert tone="success">Imported {outcome.imported} {outcome.imported === 1 ? "asset" : "assets"}.</Alert> : null}
        {outcome && !outcome.ok ? (
          <Alert tone="error" title={outcome.message}>
            {outcome.rows.length ? (
              <table className="mt-2 w-full text-left text-xs" data-testid="import-errors">
                <thead>
                  <tr><th className="py-1 pr-3">Row</th><th className="py-1 pr-3">Field</th><th className="py-1">Problem</th></tr>
                </thead>
                <tbody>
                  {outcome.rows.map((r, i) => (
                    <tr key={i} className="border-t border-red-200 align-top">
                      <td className="py-1 pr-3 font-mono">{r.row}</td>
                      <td className="py-1 pr-3 font-mono">{r.field}</td>
                      <td className="py-1">{r.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {outcome.omitted ? <p className="mt-1">…and {outcome.omitted} more problems not listed.</p> : null}
          </Alert>
        ) : null}
      </div>
    </form>
  );
}
