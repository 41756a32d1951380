"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { label } from "@/components/labels";
import { failureOf, type ActionResult, type FormState } from "@/lib/action-result";
import { CATEGORY_LABELS, INCIDENT_CATEGORIES, SEVERITIES, SEVERITY_DEFINITIONS } from "@/lib/incidents/catalog";
import { SeverityBadge } from "./badges";
import { TagPicker } from "./tag-picker";

type Current = {
  id: string;
  rowVersion: number;
  title: string;
  category: string;
  severity: string;
  leadId: string | null;
  description: string;
  impact: string;
  tags: string[];
  assetIds: string[];
};
type AssetOption = { id: string; name: string; kind: string; version: string | null; systemId: string; systemName: string };

const RANK = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);

/**
 * "Edit incident" for reviewers and admins: title, category, severity (raising it escalates the
 * incident and recomputes its notification duties), lead, description, impact, assets and tags.
 * Sends the `rowVersion` the page was rendered with: a change made meanwhile in another tab is
 * refused with a conflict message and the typed values are kept.
 */
export function EditIncidentDialog({
  action,
  incident,
  leads,
  assets,
}: {
  action: (state: FormState<{ message: string }>, form: FormData) => Promise<ActionResult<{ message: string }>>;
  incident: Current;
  leads: { id: string; name: string }[];
  assets: AssetOption[];
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [state, formAction, pending] = useActionState(async (previous: FormState<{ message: string }>, form: FormData) => {
    const result = await action(previous, form);
    if (result.ok) {
      // Saved: close, say so, and re-read the page (new severity, timeline entry, duties, rowVersion).
      setOpen(false);
      setDone(result.data.message);
      router.refresh();
    }
    return result;
  }, null);
  const failure = failureOf(state);
  const v = (k: string) => (failure?.values?.[k] as string | undefined) ?? undefined;
  const arr = (k: string) => {
    const x = failure?.values?.[k];
    return Array.isArray(x) ? x : x ? [x] : undefined;
  };
  const err = (k: string) => failure?.fieldErrors?.[k] ?? failure?.fieldErrors?.[`${k}.0`];
  const [severity, setSeverity] = useState(incident.severity);
  const escalating = RANK(severity) < RANK(incident.severity);

  const systems = [...new Map(assets.map((a) => [a.systemId, a.systemName])).entries()];
  const chosenAssets = arr("assetIds") ?? incident.assetIds;

  return (
    <>
      <span role="status" className="text-xs text-green-700" data-testid="edit-incident-status">{done}</span>
      <Dialog.Root
        open={open}
        onOpenChange={(o) => {
          if (pending) return;
          setOpen(o);
          if (o) {
            setDone(null);
            setSeverity((v("severity") as string | undefined) ?? incident.severity);
          }
        }}
      >
        <Dialog.Trigger asChild>
          <Button size="sm" variant="secondary">Edit incident</Button>
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
          <Dialog.Content className="fixed inset-x-2 top-2 bottom-2 z-50 mx-auto flex max-w-3xl flex-col rounded-lg bg-white shadow-xl focus:outline-none sm:inset-x-4 sm:top-8 sm:bottom-8">
            <div className="border-b border-slate-200 px-5 py-4">
              <Dialog.Title className="text-base font-semibold text-slate-900">Edit incident</Dialog.Title>
              <Dialog.Description className="mt-1 text-sm text-slate-600">
                Changes are recorded in the timeline and the audit log. Raising the severity escalates the incident and adds the notification duties the new severity calls for.
              </Dialog.Description>
            </div>
            <form action={formAction} noValidate className="flex min-h-0 flex-1 flex-col" aria-label="Edit incident">
              <div className="min-h-0 flex-1 space-y-5 overflow-y-auto px-5 py-4">
                {failure ? <Alert tone="error">{failure.error}</Alert> : null}
                <input type="hidden" name="expectedVersion" value={incident.rowVersion} />
                <Field label="Title" htmlFor="edit-title" required errors={err("title")}>
                  <Input id="edit-title" name="title" defaultValue={v("title") ?? incident.title} maxLength={200} invalid={!!err("title")} />
                </Field>
                <fieldset>
                  <legend className="text-sm font-medium text-slate-700">Severity <span className="text-red-600" aria-hidden>*</span></legend>
                  {err("severity") ? <p className="mt-1 text-xs font-medium text-red-600" role="alert">{err("severity")!.join(" ")}</p> : null}
                  <div className="mt-2 grid gap-2 sm:grid-cols-2">
                    {SEVERITIES.map((s) => (
                      <label key={s} className={`flex cursor-pointer gap-3 rounded-md border p-2.5 text-sm ${severity === s ? "border-brand-500 bg-brand-50 ring-1 ring-brand-500" : "border-slate-300 hover:bg-slate-50"}`}>
                        <input type="radio" name="severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} className="mt-1" />
                        <span>
                          <span className="flex items-center gap-2 font-medium text-slate-900"><SeverityBadge severity={s} /> {SEVERITY_DEFINITIONS[s].label.replace(/^SEV\d — /, "")}{s === incident.severity ? <span className="text-xs font-normal text-slate-500">(current)</span> : null}</span>
                        </span>
                      </label>
                    ))}
                  </div>
                  {severity !== incident.severity ? (
                    <p className={`mt-2 rounded-md px-3 py-2 text-xs ${escalating ? "bg-red-50 text-red-800" : "bg-slate-50 text-slate-700"}`} data-testid="severity-change-note">
                      {escalating
                        ? `Escalation ${incident.severity} → ${severity}: duties the rules set for ${severity} are added and open deadlines follow the ${severity} rule.`
                        : `De-escalation ${incident.severity} → ${severity}: open deadlines follow the ${severity} rule; duties already listed stay.`}
                    </p>
                  ) : null}
                </fieldset>
                <div className="grid gap-4 sm:grid-cols-2">
                  <Field label="Category" htmlFor="edit-category" required errors={err("category")}>
                    <Select id="edit-category" name="category" defaultValue={v("category") ?? incident.category} invalid={!!err("category")}>
                      {INCIDENT_CATEGORIES.map((c) => <option key={c} value={c}>{CATEGORY_LABELS[c]}</option>)}
                    </Select>
                  </Field>
                  <Field label="Incident lead" htmlFor="edit-lead" errors={err("leadId")}>
                    <Select id="edit-lead" name="leadId" defaultValue={v("leadId") ?? incident.leadId ?? ""} invalid={!!err("leadId")}>
                      <option value="">Not assigned</option>
                      {leads.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
                    </Select>
                  </Field>
                </div>
                <Field label="Description" htmlFor="edit-description" required errors={err("description")}>
                  <Textarea id="edit-description" name="description" rows={4} defaultValue={v("description") ?? incident.description} invalid={!!err("description")} />
                </Field>
                <Field label="User and data impact" htmlFor="edit-impact" required errors={err("impact")}>
                  <Textarea id="edit-impact" name="impact" rows={3} defaultValue={v("impact") ?? incident.impact} invalid={!!err("impact")} />
                </Field>
                <fieldset>
                  <legend className="text-sm font-medium text-slate-700">Affected assets</legend>
                  {err("assetIds") ? <p className="mt-1 text-xs font-medium text-red-600" role="alert">{err("assetIds")!.join(" ")}</p> : null}
                  {assets.length === 0 ? (
                    <p className="mt-1 text-sm text-slate-500">The affected systems have no assets on record.</p>
                  ) : (
                    <div className="mt-2 max-h-48 space-y-3 overflow-y-auto rounded-md border border-slate-300 p-3">
                      {systems.map(([systemId, systemName]) => (
                        <div key={systemId}>
                          <p className="text-xs font-semibold text-slate-600">{systemName}</p>
                          <div className="mt-1 grid gap-1 sm:grid-cols-2">
                            {assets.filter((a) => a.systemId === systemId).map((a) => (
                              <label key={a.id} className="flex items-center gap-2 text-sm text-slate-700">
                                <input type="checkbox" name="assetIds" value={a.id} defaultChecked={chosenAssets.includes(a.id)} />
                                <span>{a.name}{a.version ? ` ${a.version}` : ""} <span className="text-xs text-slate-500">({label(a.kind)})</span></span>
                              </label>
                            ))}
                          </div>
                        </div>
                      ))}
                    </div>
                  )}
                </fieldset>
                <div>
                  <p className="mb-1.5 text-sm font-medium text-slate-700">MITRE ATLAS / OWASP tags</p>
                  {err("tags") ? <p className="mb-1 text-xs font-medium text-red-600" role="alert">{err("tags")!.join(" ")}</p> : null}
                  <TagPicker initial={arr("tags") ?? incident.tags} idPrefix="edit-tags" />
                </div>
              </div>
              <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 px-5 py-3">
                <Dialog.Close asChild>
                  <Button type="button" variant="secondary" disabled={pending}>Cancel</Button>
                </Dialog.Close>
                <Button type="submit" variant={escalating ? "danger" : "primary"} disabled={pending} aria-busy={pending}>
                  {pending ? "Saving…" : escalating ? `Escalate to ${severity}` : "Save changes"}
                </Button>
              </div>
            </form>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </>
  );
}
