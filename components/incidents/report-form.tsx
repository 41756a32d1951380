"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { label } from "@/components/labels";
import { failureOf, type ActionResult, type FormState } from "@/lib/action-result";
import { CATEGORY_LABELS, INCIDENT_CATEGORIES, SEVERITIES, SEVERITY_DEFINITIONS } from "@/lib/incidents/catalog";
import { SeverityBadge } from "./badges";
import { TagPicker } from "./tag-picker";

type SystemOption = { id: string; name: string; slug: string; lifecycle: string; assets: { id: string; name: string; kind: string; version: string | null }[] };

/** The report form: any person who can see a system may report an incident on it. */
export function ReportIncidentForm({
  action,
  systems,
  leads,
  preselected,
}: {
  action: (state: FormState<{ id: string; number: number }>, form: FormData) => Promise<ActionResult<{ id: string; number: number }>>;
  systems: SystemOption[];
  leads: { id: string; name: string }[];
  preselected: string | null;
}) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, null);
  const failure = failureOf(state);
  const v = (k: string) => (failure?.values?.[k] as string | undefined) ?? undefined;
  const arr = (k: string) => {
    const x = failure?.values?.[k];
    return Array.isArray(x) ? x : x ? [x] : undefined;
  };
  const [chosen, setChosen] = useState<string[]>(arr("systemIds") ?? (preselected ? [preselected] : []));
  const [severity, setSeverity] = useState<string>(v("severity") ?? "SEV3");
  const err = (k: string) => failure?.fieldErrors?.[k] ?? failure?.fieldErrors?.[`${k}.0`];
  const nowUtc = new Date().toISOString().slice(0, 16);

  useEffect(() => {
    if (state?.ok) router.push(`/incidents/${state.data.id}`);
  }, [state, router]);

  return (
    <form action={formAction} noValidate className="space-y-6" aria-label="Report an incident">
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      <Field label="Title" htmlFor="title" required errors={err("title")} hint="What happened, in one line.">
        <Input id="title" name="title" defaultValue={v("title")} maxLength={200} invalid={!!err("title")} placeholder="e.g. Support assistant followed instructions hidden in a ticket" />
      </Field>

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Affected systems <span className="text-red-600" aria-hidden>*</span></legend>
        {err("systemIds") ? <p className="mt-1 text-xs font-medium text-red-600" role="alert">{err("systemIds")!.join(" ")}</p> : null}
        {systems.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">You have no access to any active AI system, so there is nothing to report an incident on.</p>
        ) : (
          <div className="mt-2 max-h-80 space-y-2 overflow-y-auto rounded-md border border-slate-300 p-3">
            {systems.map((s) => {
              const on = chosen.includes(s.id);
              return (
                <div key={s.id}>
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="systemIds" value={s.id} checked={on} onChange={(e) => setChosen(e.target.checked ? [...chosen, s.id] : chosen.filter((c) => c !== s.id))} />
                    <span className="font-medium text-slate-900">{s.name}</span>
                    <span className="text-xs text-slate-500">{s.slug} · {label(s.lifecycle)}</span>
                  </label>
                  {on && s.assets.length ? (
                    <div className="ml-6 mt-1 grid gap-1 sm:grid-cols-2">
                      {s.assets.map((a) => (
                        <label key={a.id} className="flex items-center gap-2 text-xs text-slate-700">
                          <input type="checkbox" name="assetIds" value={a.id} defaultChecked={arr("assetIds")?.includes(a.id)} />
                          <span>{a.name}{a.version ? ` ${a.version}` : ""} <span className="text-slate-500">({label(a.kind)})</span></span>
                        </label>
                      ))}
                    </div>
                  ) : null}
                </div>
              );
            })}
          </div>
        )}
        <p className="mt-1 text-xs text-slate-500">Tick the affected assets under each system (models, prompts, tools, credentials…), if known.</p>
      </fieldset>

      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Category" htmlFor="category" required errors={err("category")}>
          <Select id="category" name="category" defaultValue={v("category") ?? ""} invalid={!!err("category")}>
            <option value="" disabled>Choose a category</option>
            {INCIDENT_CATEGORIES.map((c) => <option key={c} value={c}>{CATEGORY_LABELS[c]}</option>)}
          </Select>
        </Field>
        <Field label="Detected at (UTC)" htmlFor="detectedAt" required errors={err("detectedAt")} hint={`When the incident was first noticed, in UTC. Notification deadlines count from here. Now: ${nowUtc.replace("T", " ")} UTC.`}>
          <Input id="detectedAt" name="detectedAt" type="datetime-local" defaultValue={v("detectedAt") ?? nowUtc} max={nowUtc} invalid={!!err("detectedAt")} />
        </Field>
      </div>

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Severity <span className="text-red-600" aria-hidden>*</span></legend>
        <div className="mt-2 grid gap-2 md:grid-cols-2">
          {SEVERITIES.map((s) => (
            <label key={s} className={`flex cursor-pointer gap-3 rounded-md border p-3 text-sm ${severity === s ? "border-brand-500 bg-brand-50 ring-1 ring-brand-500" : "border-slate-300 hover:bg-slate-50"}`}>
              <input type="radio" name="severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} className="mt-1" />
              <span>
                <span className="flex items-center gap-2 font-medium text-slate-900"><SeverityBadge severity={s} /> {SEVERITY_DEFINITIONS[s].label.replace(/^SEV\d — /, "")}</span>
                <span className="mt-1 block text-xs text-slate-600">{SEVERITY_DEFINITIONS[s].definition}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <Field label="Description" htmlFor="description" required errors={err("description")} hint="What was observed, where, and how it was noticed.">
        <Textarea id="description" name="description" rows={5} defaultValue={v("description")} invalid={!!err("description")} />
      </Field>
      <Field label="User and data impact" htmlFor="impact" required errors={err("impact")} hint="Who or what was affected: users, customers, data categories, actions taken by the system. Say “unknown yet” if so.">
        <Textarea id="impact" name="impact" rows={3} defaultValue={v("impact")} invalid={!!err("impact")} />
      </Field>
      <Field label="Incident lead" htmlFor="leadId" errors={err("leadId")} hint="Optional: a security reviewer usually assigns the lead during triage.">
        <Select id="leadId" name="leadId" defaultValue={v("leadId") ?? ""} invalid={!!err("leadId")}>
          <option value="">Not assigned yet</option>
          {leads.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
        </Select>
      </Field>
      <div>
        <p className="mb-1.5 text-sm font-medium text-slate-700">MITRE ATLAS / OWASP tags</p>
        {err("tags") ? <p className="mb-1 text-xs font-medium text-red-600" role="alert">{err("tags")!.join(" ")}</p> : null}
        <TagPicker initial={arr("tags") ?? []} />
      </div>
      <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4">
        <Link href="/incidents" className={buttonClass("secondary")}>Cancel</Link>
        <Button type="submit" disabled={pending || systems.length === 0} aria-busy={pending}>{pending ? "Reporting…" : "Report incident"}</Button>
      </div>
    </form>
  );
}
