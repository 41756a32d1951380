import type { AuditRow } from "@/lib/audit/queries";

/** Compact, readable rendering of an event's summary (changed fields, names, counts). */
function SummaryView({ summary }: { summary: unknown }) {
  if (!summary || typeof summary !== "object") return <span className="text-slate-400">—</span>;
  const record = summary as Record<string, unknown>;
  const changes = record.changes as Record<string, { from: unknown; to: unknown }> | undefined;
  if (changes && typeof changes === "object") {
    const entries = Object.entries(changes);
    if (entries.length === 0) return <span className="text-slate-500">No field changed</span>;
    return (
      <ul className="space-y-0.5">
        {entries.map(([field, change]) => (
          <li key={field}>
            <span className="font-medium text-slate-700">{field}</span>: <span className="text-slate-500 line-through decoration-slate-300">{fmt(change.from)}</span> → <span className="text-slate-900">{fmt(change.to)}</span>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <span className="text-slate-600">
      {Object.entries(record)
        .slice(0, 6)
        .map(([k, v]) => `${k}: ${fmt(v)}`)
        .join(" · ")}
    </span>
  );
}

function fmt(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  // Imports list every asset they created: show the first few, the rest is in the export.
  if (Array.isArray(value)) {
    if (!value.length) return "none";
    const shown = value.slice(0, 5).map(fmt).join(", ");
    return value.length > 5 ? `${shown} and ${value.length - 5} more` : shown;
  }
  if (typeof value === "object") {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}…` : json;
  }
  const text = String(value);
  // Digests are recognisable from their first characters; the full value is in the export.
  if (/^[0-9a-f]{64}$/.test(text)) return `${text.slice(0, 12)}…`;
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export function AuditTable({ events, showEntity = true }: { events: AuditRow[]; showEntity?: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">When (UTC)</th>
            <th scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Actor</th>
            <th scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Action</th>
            {showEntity ? <th scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Entity</th> : null}
            <th scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Details</th>
            <th scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Hash</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {events.map((e) => (
            <tr key={e.id} className="align-top" data-testid="audit-row">
              <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-600">
                <time dateTime={e.occurredAt}>{e.occurredAt.replace("T", " ").slice(0, 19)}</time>
              </td>
              <td className="px-4 py-3 text-slate-800">{e.actorLabel}</td>
              <td className="px-4 py-3"><code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">{e.action}</code></td>
              {showEntity ? (
                <td className="px-4 py-3 text-xs text-slate-600">
                  {e.entityType}
                  <div className="font-mono text-[11px] text-slate-400">{e.entityId}</div>
                </td>
              ) : null}
              <td className="max-w-md px-4 py-3 text-xs [overflow-wrap:anywhere]"><SummaryView summary={e.summary} /></td>
              <td className="px-4 py-3 font-mono text-[11px] text-slate-400" title={e.hash}>{e.hash.slice(0, 12)}…</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
