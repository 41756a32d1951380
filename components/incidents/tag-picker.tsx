"use client";

import { useState } from "react";
import { ATLAS_TECHNIQUES, OWASP_AGENTIC, OWASP_LLM } from "@/lib/controls/identifiers";

const GROUPS = [
  { title: "OWASP Top 10 for LLM Applications 2025", entries: Object.entries(OWASP_LLM) },
  { title: "OWASP Top 10 for Agentic Applications", entries: Object.entries(OWASP_AGENTIC) },
  { title: "MITRE ATLAS 5.6.0 techniques", entries: Object.entries(ATLAS_TECHNIQUES) },
];

const TOTAL = GROUPS.reduce((n, g) => n + g.entries.length, 0);

/**
 * Allow-listed ATLAS / OWASP identifiers as a searchable, grouped checkbox list (form field
 * `tags`). Only these ids are accepted by the server too. The ~200 checkboxes stay out of the
 * tab order until the person searches or opens the full list, so keyboard users pass the
 * control in two stops (search box, "Browse all tags"); chosen tags show as removable chips.
 */
export function TagPicker({ name = "tags", initial = [], idPrefix = "tags" }: { name?: string; initial?: string[]; idPrefix?: string }) {
  const [chosen, setChosen] = useState<string[]>(initial);
  const [filter, setFilter] = useState("");
  const [browsing, setBrowsing] = useState(false);
  const f = filter.trim().toLowerCase();
  const open = browsing || f.length > 0;
  const listId = `${idPrefix}-list`;
  const shown = GROUPS.reduce((n, g) => n + g.entries.filter(([id, title]) => !f || id.toLowerCase().includes(f) || title.toLowerCase().includes(f)).length, 0);
  return (
    <div className="rounded-md border border-slate-300">
      <div className="flex flex-wrap items-center gap-1.5 border-b border-slate-200 px-3 py-2">
        {chosen.length === 0 ? <span className="text-xs text-slate-500">No tags chosen.</span> : null}
        {chosen.map((id) => (
          <button key={id} type="button" onClick={() => setChosen(chosen.filter((c) => c !== id))} className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 font-mono text-xs text-brand-800 ring-1 ring-brand-200 hover:bg-brand-100" aria-label={`Remove ${id}`}>
            {id} <span aria-hidden>×</span>
          </button>
        ))}
        {chosen.map((id) => <input key={`h-${id}`} type="hidden" name={name} value={id} />)}
      </div>
      <div className="p-2">
        <div className="flex flex-wrap items-center gap-2">
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Search by id or name, e.g. LLM01 or injection"
            aria-label="Search tags"
            aria-controls={listId}
            className="block h-8 min-w-0 flex-1 rounded-md border border-slate-300 px-2 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
          />
          <button
            type="button"
            onClick={() => setBrowsing(!browsing)}
            aria-expanded={open}
            aria-controls={listId}
            className="h-8 shrink-0 rounded-md border border-slate-300 px-2.5 text-xs font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
          >
            {browsing ? "Hide the list" : `Browse all ${TOTAL} tags`}
          </button>
        </div>
        <p className="sr-only" aria-live="polite">{f ? `${shown} tag${shown === 1 ? "" : "s"} match.` : ""}</p>
        {f && shown === 0 ? <p className="mt-2 text-xs text-slate-500">No tag matches “{filter.trim()}”.</p> : null}
        <div id={listId} hidden={!open} className="mt-2 max-h-56 space-y-3 overflow-y-auto pr-1">
          {GROUPS.map((g) => {
            const entries = g.entries.filter(([id, title]) => !f || id.toLowerCase().includes(f) || title.toLowerCase().includes(f));
            if (!entries.length) return null;
            return (
              <fieldset key={g.title}>
                <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">{g.title}</legend>
                <div className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2">
                  {entries.map(([id, title]) => (
                    <label key={id} className="flex items-start gap-2 text-sm text-slate-700">
                      <input type="checkbox" className="mt-0.5" checked={chosen.includes(id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, id] : chosen.filter((c) => c !== id))} />
                      <span><span className="font-mono text-xs text-slate-900">{id}</span> {title}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            );
          })}
        </div>
      </div>
    </div>
  );
}
