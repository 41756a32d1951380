"use client";

import { useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import { removeThreatAction, updateThreatAction } from "@/lib/threats/actions";
import { formState, simple, type ThreatFormState } from "./results";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { AssetPicker, ScoreSelect, StrideSelect, type AssetOption } from "./forms";

export type EditableThreat = {
  id: string;
  title: string;
  description: string;
  stride: string | null;
  assetIds: string[];
  likelihood: number;
  impact: number;
  residualLikelihood: number | null;
  residualImpact: number | null;
  treatment: string | null;
  mitigationNotes: string | null;
  rowVersion: number;
  controlCodes: string[];
  acceptance: { acceptedByName: string; rationale: string; expiresOn: string } | null;
};

type ControlOption = { code: string; title: string; status: string | null; applicable: boolean };

/**
 * Edits one threat of a draft. A stale save (another reviewer saved first) comes back as a
 * conflict: the form keeps the user's input and says what happened.
 */
export function ThreatEditor({ systemId, threat, assets, controls, suggestedControls, canAccept, today }: {
  systemId: string;
  threat: EditableThreat;
  assets: AssetOption[];
  controls: ControlOption[];
  suggestedControls: string[];
  canAccept: boolean;
  today: string;
}) {
  const router = useRouter();
  const [state, action, pending] = useActionState<ThreatFormState, FormData>(async (prev, data) => {
    const r = await formState(updateThreatAction.bind(null, systemId, threat.id))(prev, data);
    if (r.ok) router.refresh();
    return r;
  }, {});
  const v = state.ok ? {} : (state.values ?? {});
  const [treatment, setTreatment] = useState(String(v.treatment ?? threat.treatment ?? ""));
  const err = (k: string) => state.fieldErrors?.[k];
  const id = (k: string) => `${threat.id}-${k}`;
  const selectedControls = (v.controlCodes as string[] | undefined) ?? threat.controlCodes;
  const applicable = controls.filter((c) => c.applicable);
  const ordered = [
    ...applicable.filter((c) => selectedControls.includes(c.code) || suggestedControls.includes(c.code)),
    ...applicable.filter((c) => !selectedControls.includes(c.code) && !suggestedControls.includes(c.code)),
  ];
  const [showAll, setShowAll] = useState(false);
  const visible = showAll ? ordered : ordered.filter((c) => selectedControls.includes(c.code) || suggestedControls.includes(c.code));

  return (
    <form key={`${threat.rowVersion}-${state.ok ? "ok" : JSON.stringify(v)}`} action={action} className="grid gap-4 md:grid-cols-4" noValidate aria-label={`Edit threat ${threat.title}`}>
      <input type="hidden" name="expectedVersion" value={threat.rowVersion} />
      <Field label="Title" htmlFor={id("title")} errors={err("title")} required className="md:col-span-3">
        <Input id={id("title")} name="title" defaultValue={String(v.title ?? threat.title)} invalid={!!err("title")} />
      </Field>
      <Field label="STRIDE" htmlFor={id("stride")} errors={err("stride")}>
        <StrideSelect id={id("stride")} value={String(v.stride ?? threat.stride ?? "")} />
      </Field>
      <Field label="Description" htmlFor={id("description")} errors={err("description")} required className="md:col-span-4">
        <Textarea id={id("description")} name="description" rows={3} defaultValue={String(v.description ?? threat.description)} invalid={!!err("description")} />
      </Field>
      <div className="space-y-1.5 md:col-span-4">
        <p className="text-sm font-medium text-slate-700">Affected assets</p>
        <AssetPicker name="assetIds" assets={assets} selected={(v.assetIds as string[] | undefined) ?? threat.assetIds} legend={`Assets affected by ${threat.title}`} invalid={!!err("assetIds")} />
      </div>
      <Field label="Inherent likelihood" htmlFor={id("l")} errors={err("likelihood")}>
        <ScoreSelect id={id("l")} name="likelihood" kind="likelihood" value={String(v.likelihood ?? threat.likelihood)} />
      </Field>
      <Field label="Inherent impact" htmlFor={id("i")} errors={err("impact")}>
        <ScoreSelect id={id("i")} name="impact" kind="impact" value={String(v.impact ?? threat.impact)} />
      </Field>
      <Field label="Residual likelihood" htmlFor={id("rl")} errors={err("residualLikelihood")}>
        <ScoreSelect id={id("rl")} name="residualLikelihood" kind="likelihood" optional value={String(v.residualLikelihood ?? threat.residualLikelihood ?? "")} invalid={!!err("residualLikelihood")} />
      </Field>
      <Field label="Residual impact" htmlFor={id("ri")} errors={err("residualImpact")}>
        <ScoreSelect id={id("ri")} name="residualImpact" kind="impact" optional value={String(v.residualImpact ?? threat.residualImpact ?? "")} />
      </Field>
      <fieldset className="space-y-1.5 md:col-span-4">
        <legend className="text-sm font-medium text-slate-700">Mitigating controls (linked checklist items)</legend>
        {visible.length ? (
          <div className="grid max-h-56 gap-1 overflow-y-auto rounded-md border border-slate-300 px-3 py-2 sm:grid-cols-2">
            {visible.map((c) => (
              <label key={c.code} className="flex items-start gap-2 text-sm text-slate-700">
                <input type="checkbox" name="controlCodes" value={c.code} defaultChecked={selectedControls.includes(c.code)} className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600" />
                <span>
                  <span className="font-mono text-xs text-slate-500">{c.code}</span> {c.title}
                  <span className="ml-1 text-xs text-slate-500">({c.status?.replace("_", " ").toLowerCase() ?? "missing"}{suggestedControls.includes(c.code) ? ", suggested" : ""})</span>
                </span>
              </label>
            ))}
          </div>
        ) : <p className="text-xs text-slate-500">No suggested control is on this system&apos;s checklist.</p>}
        {ordered.length > visible.length || showAll ? (
          <button type="button" className="text-xs font-medium text-brand-700 hover:underline" onClick={() => setShowAll((s) => !s)}>
            {showAll ? "Show linked and suggested only" : `Show all ${ordered.length} applicable controls`}
          </button>
        ) : null}
        {err("controlCodes") ? <p className="text-xs font-medium text-red-600" role="alert">{err("controlCodes")!.join(" ")}</p> : null}
      </fieldset>
      <Field label="Other mitigations (free text)" htmlFor={id("notes")} errors={err("mitigationNotes")} className="md:col-span-4">
        <Textarea id={id("notes")} name="mitigationNotes" rows={2} defaultValue={String(v.mitigationNotes ?? threat.mitigationNotes ?? "")} />
      </Field>
      <Field label="Treatment" htmlFor={id("treatment")} errors={err("treatment")}>
        <Select id={id("treatment")} name="treatment" value={treatment} onChange={(e) => setTreatment(e.target.value)} invalid={!!err("treatment")}>
          <option value="">Not decided</option>
          <option value="MITIGATE">Mitigate</option>
          <option value="ACCEPT">Accept</option>
          <option value="TRANSFER">Transfer</option>
          <option value="AVOID">Avoid</option>
        </Select>
      </Field>
      {treatment === "ACCEPT" ? (
        <div className="grid gap-3 rounded-md border border-amber-200 bg-amber-50/60 p-3 md:col-span-3 md:grid-cols-3">
          {threat.acceptance ? (
            <p className="text-xs text-amber-900 md:col-span-3">
              Accepted by {threat.acceptance.acceptedByName} until {threat.acceptance.expiresOn}{threat.acceptance.expiresOn < today ? " (expired)" : ""}. Fill in both fields to renew it in your name.
            </p>
          ) : null}
          {canAccept ? (
            <>
              <Field label="Why the residual risk is acceptable" htmlFor={id("rationale")} errors={err("acceptanceRationale")} className="md:col-span-2" hint="At least 20 characters. Auditors read this.">
                <Textarea id={id("rationale")} name="acceptanceRationale" rows={2} defaultValue={String(v.acceptanceRationale ?? "")} invalid={!!err("acceptanceRationale")} />
              </Field>
              <Field label="Accepted until" htmlFor={id("expires")} errors={err("acceptanceExpiresOn")} hint="At most a year ahead.">
                <Input id={id("expires")} name="acceptanceExpiresOn" type="date" min={today} defaultValue={String(v.acceptanceExpiresOn ?? "")} invalid={!!err("acceptanceExpiresOn")} />
              </Field>
            </>
          ) : (
            <p className="text-xs text-amber-900 md:col-span-3">You own this system, so another security reviewer must accept its risks.</p>
          )}
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3 md:col-span-4" aria-live="polite">
        <Button type="submit" size="sm" disabled={pending} aria-busy={pending}>{pending ? "Saving…" : "Save threat"}</Button>
        <RemoveThreat systemId={systemId} threat={threat} />
        {state.error && !Object.values(state.fieldErrors ?? {}).flat().includes(state.error) ? <p role="alert" className="text-sm font-medium text-red-700">{state.error}</p> : null}
        {state.ok ? <p className="text-sm text-emerald-700">{state.message}</p> : null}
      </div>
    </form>
  );
}

function RemoveThreat({ systemId, threat }: { systemId: string; threat: EditableThreat }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50">Remove</Button>}
      title="Remove this threat?"
      description={<p>“{threat.title}” and its linked mitigations will be removed from this draft. Earlier reviewed versions keep it.</p>}
      confirmLabel="Remove threat"
      onConfirm={async () => {
        const r = await simple(removeThreatAction(systemId, threat.id, threat.rowVersion));
        if (r.error) throw new Error(r.error);
        router.refresh();
      }}
    />
  );
}
