"use client";

import { useActionState } from "react";
import { useRouter } from "next/navigation";
import { label } from "@/components/labels";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input } from "@/components/ui/field";
import { failureOf, type FormState } from "@/lib/action-result";
import { addEnvironmentAction, archiveEnvironmentAction, updateTierPolicyAction } from "@/lib/approvals/actions";

export function TierPolicyForm({ policy }: { policy: { tier: string; approvalsRequired: number; validityDays: number; rowVersion: number } }) {
  const [state, action, pending] = useActionState<FormState<unknown>, FormData>(updateTierPolicyAction, null);
  const failure = failureOf(state);
  const id = `policy-${policy.tier}`;
  return (
    <form action={action} className="grid grid-cols-2 gap-3 sm:grid-cols-[8rem_1fr_1fr_auto] sm:items-end" noValidate aria-label={`${label(policy.tier)} tier policy`}>
      <input type="hidden" name="tier" value={policy.tier} />
      <input type="hidden" name="expectedVersion" value={state?.ok ? (state.data as { rowVersion: number }).rowVersion : Math.max(policy.rowVersion, 1)} />
      <p className="col-span-2 text-sm font-semibold text-slate-900 sm:col-span-1 sm:pb-2">{label(policy.tier)}</p>
      <Field label="Approvals needed" htmlFor={`${id}-n`} errors={failure?.fieldErrors?.approvalsRequired}>
        <Input id={`${id}-n`} name="approvalsRequired" type="number" min={1} max={5} defaultValue={policy.approvalsRequired} />
      </Field>
      <Field label="Valid for (days)" htmlFor={`${id}-d`} errors={failure?.fieldErrors?.validityDays}>
        <Input id={`${id}-d`} name="validityDays" type="number" min={1} max={730} defaultValue={policy.validityDays} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending} className="col-span-2 sm:col-span-1">
        {pending ? "Saving…" : "Save"}
      </Button>
      <div className="col-span-2 sm:col-span-4" aria-live="polite">
        {failure && !failure.fieldErrors ? <p className="text-sm text-red-700">{failure.error}</p> : null}
        {state?.ok ? <p className="text-sm text-emerald-700">Saved. Applies to requests submitted from now on.</p> : null}
      </div>
    </form>
  );
}

export function AddEnvironmentForm() {
  const [state, action, pending] = useActionState<FormState<unknown>, FormData>(addEnvironmentAction, null);
  const failure = failureOf(state);
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end" noValidate aria-label="Add environment">
      <Field label="Key" htmlFor="env-key" errors={failure?.fieldErrors?.key} hint="Used by pipelines: environment=eu-production">
        <Input id="env-key" name="key" defaultValue={String(failure?.values?.key ?? "")} />
      </Field>
      <Field label="Label" htmlFor="env-label" errors={failure?.fieldErrors?.label} hint="Shown on pages, e.g. EU production">
        <Input id="env-label" name="label" defaultValue={String(failure?.values?.label ?? "")} />
      </Field>
      <label className="flex items-start gap-2 text-sm text-slate-700 sm:col-span-3 sm:row-start-2">
        <input type="checkbox" name="production" value="true" defaultChecked={failure?.values?.production === "true"} className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600" />
        <span>
          Production
          <span className="block text-xs text-slate-500">The deployment gate’s denials here notify the system’s team and reviewers (at most once an hour per reason).</span>
        </span>
      </label>
      <Button type="submit" disabled={pending} className="sm:mb-[1.375rem]">
        {pending ? "Adding…" : "Add environment"}
      </Button>
    </form>
  );
}

export function ArchiveEnvironmentButton({ envKey, envLabel }: { envKey: string; envLabel: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button variant="ghost" size="sm" className="text-red-700">Archive</Button>}
      title={`Archive ${envLabel}?`}
      description={<p>No new approval requests can target it. Existing requests and approvals keep it, and the gate still answers for valid ones.</p>}
      confirmLabel="Archive environment"
      onConfirm={async () => {
        const result = await archiveEnvironmentAction(envKey);
        if (!result.ok) throw new Error(result.error);
        router.refresh();
      }}
    />
  );
}
