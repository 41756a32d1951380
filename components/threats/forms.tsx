"use client";

import { useActionState, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import {
  addCustomThreatAction,
  addFlowAction,
  addThreatsAction,
  deleteFlowAction,
  dismissSuggestionAction,
  restoreSuggestionAction,
  setThresholdAction,
  updateFlowAction,
  updateModelAction,
} from "@/lib/threats/actions";
import { formState, simple, type SimpleResult, type ThreatFormState } from "./results";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/field";

export type AssetOption = { id: string; name: string; kind: string };

/** Form state with a counter: the form remounts after every answer, showing saved or refused input. */
type Keyed = ThreatFormState;

/** The form's answer; a refusal already shown next to its field is not repeated here. */
function Feedback({ state }: { state: { error?: string; ok?: boolean; message?: string; fieldErrors?: Record<string, string[]> } }) {
  const repeated = state.error !== undefined && Object.values(state.fieldErrors ?? {}).flat().includes(state.error);
  return (
    <div aria-live="polite" className="min-h-5">
      {state.error && !repeated ? <p role="alert" className="text-sm font-medium text-red-700">{state.error}</p> : null}
      {state.ok ? <p className="text-sm text-emerald-700">{state.message}</p> : null}
    </div>
  );
}

/** Multi-select of inventory assets as a compact checkbox list. */
export function AssetPicker({ name, assets, selected, legend, invalid }: { name: string; assets: AssetOption[]; selected: readonly string[]; legend: string; invalid?: boolean }) {
  if (!assets.length) return <p className="text-xs text-slate-500">This system has no assets in its inventory yet.</p>;
  return (
    <fieldset className={`max-h-44 overflow-y-auto rounded-md border px-3 py-2 ${invalid ? "border-red-400" : "border-slate-300"}`}>
      <legend className="sr-only">{legend}</legend>
      <div className="grid gap-1 sm:grid-cols-2">
        {assets.map((a) => (
          <label key={a.id} className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" name={name} value={a.id} defaultChecked={selected.includes(a.id)} className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600" />
            <span>
              {a.name} <span className="text-xs text-slate-500">{a.kind.replace("_", " ").toLowerCase()}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function ScopeForm({ systemId, model }: { systemId: string; model: { id: string; scope: string; assumptions: string[]; rowVersion: number } }) {
  const [state, action, pending] = useActionState<ThreatFormState, FormData>(formState(updateModelAction.bind(null, systemId, model.id)), {});
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form key={`${model.rowVersion}-${state.ok ? "ok" : JSON.stringify(v)}`} action={action} className="space-y-4" noValidate aria-label="Scope and assumptions">
      <input type="hidden" name="expectedVersion" value={model.rowVersion} />
      <Field label="Scope" htmlFor="tm-scope" errors={state.fieldErrors?.scope} hint="What this threat model covers: components, users, environments, and what it leaves out.">
        <Textarea id="tm-scope" name="scope" rows={4} defaultValue={String(v.scope ?? model.scope)} invalid={!!state.fieldErrors?.scope} />
      </Field>
      <Field label="Assumptions" htmlFor="tm-assumptions" errors={state.fieldErrors?.assumptions} hint="One assumption per line (at most 50).">
        <Textarea id="tm-assumptions" name="assumptions" rows={4} defaultValue={String(v.assumptions ?? model.assumptions.join("\n"))} invalid={!!state.fieldErrors?.assumptions} />
      </Field>
      {state.conflict ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">Another reviewer saved first. Their text is shown after reload; your input is kept above.</p> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm" disabled={pending} aria-busy={pending}>{pending ? "Saving…" : "Save scope and assumptions"}</Button>
        <Feedback state={state} />
      </div>
    </form>
  );
}

type Flow = { id: string; source: string; target: string; data: string; crossesTrustBoundary: boolean; assetIds: string[]; rowVersion: number };

export function FlowForm({ systemId, modelId, flow, assets, onDone }: { systemId: string; modelId: string; flow?: Flow; assets: AssetOption[]; onDone?: () => void }) {
  const bound = formState(flow ? updateFlowAction.bind(null, systemId, flow.id) : addFlowAction.bind(null, systemId, modelId));
  const [state, action, pending] = useActionState<Keyed, FormData>(async (prev, data) => {
    const result = await bound(prev, data);
    if (result.ok) onDone?.();
    return result;
  }, {});
  const v = state.ok ? {} : (state.values ?? {});
  const p = flow?.id ?? "new";
  const err = (k: string) => state.fieldErrors?.[k];
  return (
    <form key={`${flow?.rowVersion ?? ""}-${state.nonce ?? 0}`} action={action} className="grid gap-3 sm:grid-cols-3" noValidate aria-label={flow ? `Edit data flow ${flow.source} to ${flow.target}` : "Add a data flow"}>
      {flow ? <input type="hidden" name="expectedVersion" value={flow.rowVersion} /> : null}
      <Field label="Source" htmlFor={`${p}-source`} errors={err("source")} required>
        <Input id={`${p}-source`} name="source" list="tm-element-names" defaultValue={String(v.source ?? flow?.source ?? "")} invalid={!!err("source")} placeholder="e.g. Customer browser" />
      </Field>
      <Field label="Target" htmlFor={`${p}-target`} errors={err("target")} required>
        <Input id={`${p}-target`} name="target" list="tm-element-names" defaultValue={String(v.target ?? flow?.target ?? "")} invalid={!!err("target")} placeholder="e.g. Chat API" />
      </Field>
      <Field label="Data" htmlFor={`${p}-data`} errors={err("data")} required>
        <Input id={`${p}-data`} name="data" defaultValue={String(v.data ?? flow?.data ?? "")} invalid={!!err("data")} placeholder="e.g. Prompt and session token" />
      </Field>
      <div className="sm:col-span-3">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" name="crossesTrustBoundary" defaultChecked={v.crossesTrustBoundary !== undefined ? v.crossesTrustBoundary === "on" : (flow?.crossesTrustBoundary ?? false)} className="h-4 w-4 rounded border-slate-300 text-brand-600" />
          Crosses a trust boundary
        </label>
      </div>
      <div className="space-y-1.5 sm:col-span-3">
        <p className="text-sm font-medium text-slate-700">Assets involved</p>
        <AssetPicker name="assetIds" assets={assets} selected={(v.assetIds as string[] | undefined) ?? flow?.assetIds ?? []} legend="Assets involved" invalid={!!err("assetIds")} />
        {err("assetIds") ? <p className="text-xs font-medium text-red-600" role="alert">{err("assetIds")!.join(" ")}</p> : null}
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
        <Button type="submit" size="sm" disabled={pending} aria-busy={pending}>{pending ? "Saving…" : flow ? "Save flow" : "Add data flow"}</Button>
        {onDone && flow ? <Button variant="ghost" size="sm" onClick={onDone}>Cancel</Button> : null}
        <Feedback state={state} />
      </div>
    </form>
  );
}

export function FlowRowActions({ systemId, modelId, flow, assets }: { systemId: string; modelId: string; flow: Flow; assets: AssetOption[] }) {
  const [editing, setEditing] = useState(false);
  const router = useRouter();
  return (
    <>
      <div className="flex gap-1">
        <Button variant="ghost" size="sm" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>Edit</Button>
        <ConfirmDialog
          trigger={<Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50">Delete</Button>}
          title="Delete this data flow?"
          description={<p>{flow.source} → {flow.target} ({flow.data}) will be removed from this draft and its diagram.</p>}
          confirmLabel="Delete flow"
          onConfirm={async () => {
            const result = await simple(deleteFlowAction(systemId, flow.id, flow.rowVersion));
            if (result.error) throw new Error(result.error);
            router.refresh();
          }}
        />
      </div>
      {editing ? (
        <div className="mt-3 rounded-md border border-slate-200 bg-slate-50 p-3">
          <FlowForm systemId={systemId} modelId={modelId} flow={flow} assets={assets} onDone={() => setEditing(false)} />
        </div>
      ) : null}
    </>
  );
}

type Suggestion = { threatId: string; title: string; reasons: string[]; likelihood: number; impact: number; dismissReason?: string };

/** Suggested library threats with their reasons: add one, add all, or dismiss with a reason. */
export function SuggestionsPanel({ systemId, modelId, open, dismissed }: { systemId: string; modelId: string; open: Suggestion[]; dismissed: Suggestion[] }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<SimpleResult>({});
  const [dismissing, setDismissing] = useState<string | null>(null);
  const router = useRouter();
  const run = (fn: () => Promise<SimpleResult>) =>
    start(async () => {
      const r = await fn();
      setResult(r);
      router.refresh();
    });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">{open.length ? `${open.length} library ${open.length === 1 ? "threat fits" : "threats fit"} this system's profile and bill of materials.` : "Every suggestion has been added or dismissed."}</p>
        {open.length > 1 ? (
          <Button size="sm" disabled={pending} aria-busy={pending} onClick={() => run(() => simple(addThreatsAction(systemId, modelId, open.map((s) => s.threatId))))}>
            Add all {open.length} suggestions
          </Button>
        ) : null}
      </div>
      <div aria-live="polite">
        {result.error ? <p role="alert" className="text-sm font-medium text-red-700">{result.error}</p> : null}
        {result.message ? <p className="text-sm text-emerald-700">{result.message}</p> : null}
      </div>
      {open.length ? <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Suggested threats">
        {open.map((s) => (
          <li key={s.threatId} className="px-3 py-3" data-suggestion={s.threatId}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium text-slate-900"><span className="mr-1.5 font-mono text-xs text-slate-500">{s.threatId}</span>{s.title}</p>
                <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs text-slate-600">
                  {s.reasons.map((r) => <li key={r}>{r.charAt(0).toUpperCase() + r.slice(1)}</li>)}
                </ul>
              </div>
              <div className="flex shrink-0 gap-1.5">
                <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => simple(addThreatsAction(systemId, modelId, [s.threatId])))} aria-label={`Add ${s.threatId} ${s.title}`}>Add</Button>
                <Button size="sm" variant="ghost" disabled={pending} onClick={() => setDismissing(dismissing === s.threatId ? null : s.threatId)} aria-expanded={dismissing === s.threatId} aria-label={`Dismiss ${s.threatId}`}>Dismiss</Button>
              </div>
            </div>
            {dismissing === s.threatId ? <DismissForm systemId={systemId} modelId={modelId} threatId={s.threatId} onDone={() => setDismissing(null)} /> : null}
          </li>
        ))}
      </ul> : null}
      {dismissed.length ? (
        <details className="rounded-md border border-slate-200 px-3 py-2">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">{dismissed.length} dismissed {dismissed.length === 1 ? "suggestion" : "suggestions"}</summary>
          <ul className="mt-2 space-y-2">
            {dismissed.map((s) => (
              <li key={s.threatId} className="flex flex-wrap items-start justify-between gap-2 text-sm">
                <div>
                  <p className="text-slate-800"><span className="mr-1.5 font-mono text-xs text-slate-500">{s.threatId}</span>{s.title}</p>
                  <p className="text-xs text-slate-500">Dismissed: {s.dismissReason}</p>
                </div>
                <Button size="sm" variant="ghost" disabled={pending} onClick={() => run(() => simple(restoreSuggestionAction(systemId, modelId, s.threatId)))}>Restore</Button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function DismissForm({ systemId, modelId, threatId, onDone }: { systemId: string; modelId: string; threatId: string; onDone: () => void }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<ThreatFormState, FormData>(async (prev, data) => {
    const r = await formState(dismissSuggestionAction.bind(null, systemId, modelId))(prev, data);
    if (r.ok) {
      onDone();
      router.refresh();
    }
    return r;
  }, {});
  return (
    <form action={action} className="mt-2 flex flex-wrap items-end gap-2" noValidate>
      <input type="hidden" name="threatId" value={threatId} />
      <Field label="Why it does not apply" htmlFor={`dismiss-${threatId}`} errors={state.fieldErrors?.reason} className="min-w-64 flex-1">
        <Input id={`dismiss-${threatId}`} name="reason" defaultValue={String(state.values?.reason ?? "")} invalid={!!state.fieldErrors?.reason} autoFocus />
      </Field>
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>Dismiss with reason</Button>
    </form>
  );
}

export function LibraryPicker({ systemId, modelId, entries }: { systemId: string; modelId: string; entries: { id: string; title: string }[] }) {
  const [choice, setChoice] = useState("");
  const [pending, start] = useTransition();
  const [result, setResult] = useState<SimpleResult>({});
  const router = useRouter();
  if (!entries.length) return null;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <Field label="Add from the threat library" htmlFor="tm-library" className="min-w-64 flex-1">
        <Select id="tm-library" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Choose a threat…</option>
          {entries.map((e) => <option key={e.id} value={e.id}>{e.id} · {e.title}</option>)}
        </Select>
      </Field>
      <Button
        size="sm"
        variant="secondary"
        disabled={!choice || pending}
        onClick={() =>
          start(async () => {
            const r = await simple(addThreatsAction(systemId, modelId, [choice]));
            setResult(r);
            if (!r.error) setChoice("");
            router.refresh();
          })
        }
      >
        Add threat
      </Button>
      <div aria-live="polite" className="w-full">{result.error ? <p role="alert" className="text-sm text-red-700">{result.error}</p> : null}</div>
    </div>
  );
}

export function CustomThreatForm({ systemId, modelId, assets }: { systemId: string; modelId: string; assets: AssetOption[] }) {
  const [state, action, pending] = useActionState<Keyed, FormData>(formState(addCustomThreatAction.bind(null, systemId, modelId)), {});
  const v = state.ok ? {} : (state.values ?? {});
  const err = (k: string) => state.fieldErrors?.[k];
  return (
    <form key={state.nonce ?? 0} action={action} className="grid gap-3 sm:grid-cols-4" noValidate aria-label="Add a custom threat">
      <Field label="Title" htmlFor="ct-title" errors={err("title")} required className="sm:col-span-4">
        <Input id="ct-title" name="title" defaultValue={String(v.title ?? "")} invalid={!!err("title")} />
      </Field>
      <Field label="Description" htmlFor="ct-description" errors={err("description")} required className="sm:col-span-4">
        <Textarea id="ct-description" name="description" rows={3} defaultValue={String(v.description ?? "")} invalid={!!err("description")} />
      </Field>
      <Field label="STRIDE" htmlFor="ct-stride" errors={err("stride")}>
        <StrideSelect id="ct-stride" value={String(v.stride ?? "")} />
      </Field>
      <Field label="Likelihood" htmlFor="ct-likelihood" errors={err("likelihood")} required>
        <ScoreSelect id="ct-likelihood" name="likelihood" value={String(v.likelihood ?? "3")} kind="likelihood" />
      </Field>
      <Field label="Impact" htmlFor="ct-impact" errors={err("impact")} required>
        <ScoreSelect id="ct-impact" name="impact" value={String(v.impact ?? "3")} kind="impact" />
      </Field>
      <div className="space-y-1.5 sm:col-span-4">
        <p className="text-sm font-medium text-slate-700">Affected assets</p>
        <AssetPicker name="assetIds" assets={assets} selected={(v.assetIds as string[] | undefined) ?? []} legend="Affected assets" />
      </div>
      <div className="flex items-center gap-3 sm:col-span-4">
        <Button type="submit" size="sm" disabled={pending}>{pending ? "Adding…" : "Add custom threat"}</Button>
        <Feedback state={state} />
      </div>
    </form>
  );
}

const STRIDE = [
  ["SPOOFING", "Spoofing"],
  ["TAMPERING", "Tampering"],
  ["REPUDIATION", "Repudiation"],
  ["INFORMATION_DISCLOSURE", "Information disclosure"],
  ["DENIAL_OF_SERVICE", "Denial of service"],
  ["ELEVATION_OF_PRIVILEGE", "Elevation of privilege"],
] as const;

export function StrideSelect({ id, value, name = "stride" }: { id: string; value: string; name?: string }) {
  return (
    <Select id={id} name={name} defaultValue={value}>
      <option value="">Not classified</option>
      {STRIDE.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
    </Select>
  );
}

const LIKELIHOOD = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"];
const IMPACT = ["Negligible", "Minor", "Moderate", "Major", "Severe"];

export function ScoreSelect({ id, name, value, kind, optional = false, invalid }: { id: string; name: string; value: string; kind: "likelihood" | "impact"; optional?: boolean; invalid?: boolean }) {
  const labels = kind === "likelihood" ? LIKELIHOOD : IMPACT;
  return (
    <Select id={id} name={name} defaultValue={value} invalid={invalid}>
      {optional ? <option value="">Not set</option> : null}
      {labels.map((l, i) => <option key={l} value={i + 1}>{i + 1} · {l}</option>)}
    </Select>
  );
}

export function ThresholdForm({ systemId, threshold, version }: { systemId: string; threshold: number; version: string }) {
  const [state, action, pending] = useActionState<ThreatFormState, FormData>(formState(setThresholdAction.bind(null, systemId)), {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" noValidate aria-label="Residual-risk threshold">
      <input type="hidden" name="settingVersion" value={version} />
      <Field label="Residual-risk threshold (admins)" htmlFor="tm-threshold" errors={state.fieldErrors?.threshold} hint="Threats scoring above it need a valid treatment.">
        <Input id="tm-threshold" name="threshold" type="number" min={1} max={24} defaultValue={String(state.values?.threshold ?? threshold)} className="w-24" invalid={!!state.fieldErrors?.threshold} />
      </Field>
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>Save</Button>
      <Feedback state={state} />
    </form>
  );
}
