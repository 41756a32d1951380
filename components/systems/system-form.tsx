"use client";

import Link from "next/link";
import { useActionState } from "react";
import { label } from "@/components/labels";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { failureOf, type ActionResult, type FormState } from "@/lib/action-result";
import type { SystemDetail } from "@/lib/systems/queries";

type Person = { id: string; name: string; email: string };

export type SystemFormValues = {
  name: string;
  slug: string;
  purpose: string;
  riskTier: string;
  dataSensitivity: string;
  autonomy: string;
  exposure: string;
  nextReviewDue: string;
  lifecycle?: string;
  ownerId: string;
  contributorIds: string[];
  expectedVersion?: number;
};

const TIER_HELP: Record<string, string> = {
  LOW: "Internal helper, no sensitive data, easy to undo.",
  MEDIUM: "Touches customers or internal data; mistakes are recoverable.",
  HIGH: "Sensitive data, significant decisions or actions.",
  CRITICAL: "Safety, legal or financial impact; needs two reviewers.",
};

const COMPARED: [keyof SystemFormValues, string][] = [
  ["name", "Name"],
  ["slug", "Short ID"],
  ["purpose", "Purpose"],
  ["riskTier", "Risk tier"],
  ["dataSensitivity", "Data sensitivity"],
  ["autonomy", "Autonomy"],
  ["exposure", "Exposure"],
  ["lifecycle", "Lifecycle"],
  ["nextReviewDue", "Next review"],
];

export function SystemForm({
  action,
  initial,
  people,
  canChangeOwner,
  lifecycleOptions,
  lifecycleReadOnly,
  cancelHref,
  submitLabel,
}: {
  action: (state: FormState, form: FormData) => Promise<ActionResult>;
  initial: SystemFormValues;
  people: Person[];
  canChangeOwner: boolean;
  lifecycleOptions?: string[];
  /** Shown instead of the select when the current state belongs to a workflow. */
  lifecycleReadOnly?: string;
  cancelHref: string;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, null);
  const failure = failureOf(state);
  const conflict = failure?.conflict as SystemDetail | undefined;
  const v = (failure?.values ?? {}) as Partial<Record<keyof SystemFormValues, string | string[]>>;
  const value = (key: keyof SystemFormValues) => String(v[key] ?? initial[key] ?? "");
  const contributors = new Set((v.contributorIds as string[] | undefined) ?? initial.contributorIds);
  // After a conflict the next save is based on the version we just saw.
  const expectedVersion = conflict?.rowVersion ?? initial.expectedVersion;
  const err = (key: string) => failure?.fieldErrors?.[key];
  const formKey = JSON.stringify(failure?.values ?? null) + String(expectedVersion);

  return (
    <form key={formKey} action={formAction} className="space-y-8" noValidate>
      {expectedVersion !== undefined ? <input type="hidden" name="expectedVersion" value={expectedVersion} /> : null}
      {conflict ? (
        <Alert tone="warning" title="This system was changed by someone else while you were editing">
          <p>Your edits are still in the form below and nothing was saved. Compare with the current values; saving again will replace them with yours.</p>
          <table className="mt-3 w-full text-left text-xs">
            <thead>
              <tr className="text-amber-900/70">
                <th className="py-1 pr-4 font-semibold">Field</th>
                <th className="py-1 pr-4 font-semibold">Now saved</th>
                <th className="py-1 font-semibold">Yours</th>
              </tr>
            </thead>
            <tbody>
              {COMPARED.filter(([key]) => String((conflict as Record<string, unknown>)[key] ?? "") !== value(key)).map(([key, text]) => (
                <tr key={key} className="border-t border-amber-200 align-top">
                  <td className="py-1 pr-4 font-medium">{text}</td>
                  <td className="py-1 pr-4">{String((conflict as Record<string, unknown>)[key] ?? "—")}</td>
                  <td className="py-1">{value(key) || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Alert>
      ) : failure ? (
        <Alert tone="error">{failure.error}</Alert>
      ) : null}

      <fieldset className="grid gap-6 md:grid-cols-2">
        <legend className="mb-4 text-sm font-semibold text-slate-900">Identity</legend>
        <Field label="Name" htmlFor="name" required errors={err("name")}>
          <Input id="name" name="name" defaultValue={value("name")} required maxLength={120} invalid={!!err("name")} />
        </Field>
        <Field label="Short ID" htmlFor="slug" errors={err("slug")} hint="Lower-case letters, digits and dashes; used in links and by the deployment gate. Leave empty to derive it from the name.">
          <Input id="slug" name="slug" defaultValue={value("slug")} maxLength={64} placeholder="e.g. support-assistant" invalid={!!err("slug")} />
        </Field>
        <Field label="Purpose and use case" htmlFor="purpose" required errors={err("purpose")} className="md:col-span-2" hint="What the system does, for whom, and what decisions or actions it takes.">
          <Textarea id="purpose" name="purpose" rows={4} defaultValue={value("purpose")} required invalid={!!err("purpose")} />
        </Field>
      </fieldset>

      <fieldset className="grid gap-6 md:grid-cols-2">
        <legend className="mb-4 text-sm font-semibold text-slate-900">Risk profile</legend>
        <Field label="Risk tier" htmlFor="riskTier" required errors={err("riskTier")} hint={TIER_HELP[value("riskTier")] ?? "Drives which controls apply and how many reviewers must approve."}>
          <Select id="riskTier" name="riskTier" defaultValue={value("riskTier")} invalid={!!err("riskTier")}>
            <option value="" disabled>Choose…</option>
            {["LOW", "MEDIUM", "HIGH", "CRITICAL"].map((t) => <option key={t} value={t}>{label(t)}</option>)}
          </Select>
        </Field>
        <Field label="Data sensitivity" htmlFor="dataSensitivity" required errors={err("dataSensitivity")} hint="The most sensitive data the system sees, in prompts, retrieval or training.">
          <Select id="dataSensitivity" name="dataSensitivity" defaultValue={value("dataSensitivity")} invalid={!!err("dataSensitivity")}>
            <option value="" disabled>Choose…</option>
            {["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"].map((t) => <option key={t} value={t}>{label(t)}</option>)}
          </Select>
        </Field>
        <Field label="Autonomy" htmlFor="autonomy" required errors={err("autonomy")} hint="Agentic: the system calls tools or takes actions on its own.">
          <Select id="autonomy" name="autonomy" defaultValue={value("autonomy")} invalid={!!err("autonomy")}>
            <option value="" disabled>Choose…</option>
            {["NONE", "ASSISTIVE", "AGENTIC"].map((t) => <option key={t} value={t}>{label(t)}</option>)}
          </Select>
        </Field>
        <Field label="Exposure" htmlFor="exposure" required errors={err("exposure")}>
          <Select id="exposure" name="exposure" defaultValue={value("exposure")} invalid={!!err("exposure")}>
            <option value="" disabled>Choose…</option>
            {["INTERNAL", "INTERNET_FACING"].map((t) => <option key={t} value={t}>{label(t)}</option>)}
          </Select>
        </Field>
        {lifecycleOptions ? (
          <Field label="Lifecycle state" htmlFor="lifecycle" errors={err("lifecycle")} hint="Draft or in review. Approved, deployed, paused, retiring and retired are set by their workflows (approvals, deployments, incidents, decommissioning).">
            <Select id="lifecycle" name="lifecycle" defaultValue={value("lifecycle")} invalid={!!err("lifecycle")}>
              {lifecycleOptions.map((t) => <option key={t} value={t}>{label(t)}</option>)}
            </Select>
          </Field>
        ) : lifecycleReadOnly ? (
          <div className="text-sm">
            <p className="font-medium text-slate-900">Lifecycle state</p>
            <p className="mt-1 text-slate-700">{label(lifecycleReadOnly)}</p>
            <p className="mt-1 text-slate-500">Changes only through its workflows (approvals, deployments, incidents, decommissioning).</p>
          </div>
        ) : null}
        <Field label="Next review due" htmlFor="nextReviewDue" errors={err("nextReviewDue")}>
          <Input id="nextReviewDue" name="nextReviewDue" type="date" defaultValue={value("nextReviewDue")} invalid={!!err("nextReviewDue")} />
        </Field>
      </fieldset>

      <fieldset className="grid gap-6 md:grid-cols-2">
        <legend className="mb-4 text-sm font-semibold text-slate-900">People</legend>
        {canChangeOwner ? (
          <Field label="Owner" htmlFor="ownerId" errors={err("ownerId")} hint="Accountable for the system; may archive it.">
            <Select id="ownerId" name="ownerId" defaultValue={value("ownerId")} invalid={!!err("ownerId")}>
              {people.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.email})</option>)}
            </Select>
          </Field>
        ) : (
          <input type="hidden" name="ownerId" value={value("ownerId")} />
        )}
        <div className="md:col-span-2">
          <p className="mb-1.5 text-sm font-medium text-slate-700" id="contributors-label">Contributors</p>
          <p className="mb-2 text-xs text-slate-500">Product owners who may edit this system and its assets.</p>
          <div role="group" aria-labelledby="contributors-label" className="grid max-h-48 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2">
            {people.filter((p) => p.id !== value("ownerId")).map((p) => (
              <label key={p.id} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
                <input type="checkbox" name="contributorIds" value={p.id} defaultChecked={contributors.has(p.id)} className="h-4 w-4 rounded border-slate-300 text-brand-600" />
                <span>{p.name} <span className="text-slate-500">· {p.email}</span></span>
              </label>
            ))}
          </div>
          {err("contributorIds") ? <p className="mt-1 text-xs font-medium text-red-600" role="alert">{err("contributorIds")!.join(" ")}</p> : null}
        </div>
      </fieldset>

      <div className="flex items-center justify-end gap-3 border-t border-slate-200 pt-6">
        <Link href={cancelHref} className={buttonClass("ghost")}>Cancel</Link>
        <Button type="submit" disabled={pending} aria-busy={pending}>{pending ? "Saving…" : submitLabel}</Button>
      </div>
    </form>
  );
}
