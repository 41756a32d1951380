"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { failureOf, type ActionResult, type FormState } from "@/lib/action-result";
import type { AssetDetail } from "@/lib/assets/queries";
import { label } from "@/components/labels";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";

const KINDS = ["MODEL", "DATASET", "PROMPT", "TOOL_CONNECTOR", "VECTOR_STORE", "VENDOR_API", "AGENT_IDENTITY", "CREDENTIAL", "ENVIRONMENT", "LIBRARY", "ADAPTER", "EVAL_SUITE"];
const AGENTIC = new Set(["TOOL_CONNECTOR", "AGENT_IDENTITY", "VENDOR_API"]);
const CAPABILITIES = ["READ_INTERNAL_DATA", "WRITE_FILES", "SEND_MESSAGES", "SPEND_MONEY", "CALL_PRODUCTION_APIS", "EXECUTE_CODE", "BROWSE_WEB", "WRITE_MEMORY"];

export type AssetFormValues = Record<string, string | string[]>;

export function AssetForm({
  action,
  initial,
  cancelHref,
  submitLabel,
}: {
  action: (state: FormState, form: FormData) => Promise<ActionResult>;
  initial: AssetFormValues;
  cancelHref: string;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, null);
  const failure = failureOf(state);
  const conflict = failure?.conflict as AssetDetail | undefined;
  const values: AssetFormValues = { ...initial, ...(failure?.values ?? {}) };
  const [kind, setKind] = useState(String(values.kind ?? ""));
  const v = (key: string) => {
    const value = values[key];
    return Array.isArray(value) ? value.join("\n") : String(value ?? "");
  };
  const err = (key: string) => failure?.fieldErrors?.[key];
  const expectedVersion = conflict?.rowVersion ?? (initial.expectedVersion as string | undefined);
  const capabilities = new Set(Array.isArray(values.capabilities) ? values.capabilities : []);

  return (
    <form key={JSON.stringify(failure?.values ?? null) + String(expectedVersion)} action={formAction} className="space-y-8" noValidate>
      {expectedVersion ? <input type="hidden" name="expectedVersion" value={expectedVersion} /> : null}
      {conflict ? (
        <Alert tone="warning" title="This asset was changed by someone else while you were editing">
          Your edits are still below and nothing was saved. It now reads: {conflict.name} {conflict.version ?? ""} · digest {conflict.sha256 ?? "none"}. Saving again replaces it with your version.
        </Alert>
      ) : failure ? (
        <Alert tone="error">{failure.error}</Alert>
      ) : null}

      <fieldset className="grid gap-6 md:grid-cols-3">
        <legend className="mb-4 text-sm font-semibold text-slate-900">What it is</legend>
        <Field label="Kind" htmlFor="kind" required errors={err("kind")}>
          <Select id="kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value)} invalid={!!err("kind")}>
            <option value="" disabled>Choose…</option>
            {KINDS.map((k) => <option key={k} value={k}>{label(k)}</option>)}
          </Select>
        </Field>
        <Field label="Name" htmlFor="name" required errors={err("name")}>
          <Input id="name" name="name" defaultValue={v("name")} invalid={!!err("name")} />
        </Field>
        <Field label="Version" htmlFor="version" errors={err("version")}>
          <Input id="version" name="version" defaultValue={v("version")} invalid={!!err("version")} />
        </Field>
        <Field label="Supplier or source" htmlFor="supplier" errors={err("supplier")}>
          <Input id="supplier" name="supplier" defaultValue={v("supplier")} invalid={!!err("supplier")} />
        </Field>
        <Field label="Licence" htmlFor="licence" errors={err("licence")}>
          <Input id="licence" name="licence" defaultValue={v("licence")} placeholder="e.g. Apache-2.0" invalid={!!err("licence")} />
        </Field>
        <Field label="Sensitivity" htmlFor="sensitivity" errors={err("sensitivity")}>
          <Select id="sensitivity" name="sensitivity" defaultValue={v("sensitivity")} invalid={!!err("sensitivity")}>
            <option value="">Not set</option>
            {["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"].map((s) => <option key={s} value={s}>{label(s)}</option>)}
          </Select>
        </Field>
      </fieldset>

      <fieldset className="grid gap-6 md:grid-cols-3">
        <legend className="mb-4 text-sm font-semibold text-slate-900">Integrity and assurance</legend>
        <Field label="SHA-256 digest" htmlFor="sha256" errors={err("sha256")} className="md:col-span-2" hint="Of the exact artifact you deploy (weights file, dataset archive, container image…). Use “Verify artifact” later to check a file against it.">
          <Input id="sha256" name="sha256" defaultValue={v("sha256")} className="font-mono text-xs" spellCheck={false} autoComplete="off" invalid={!!err("sha256")} />
        </Field>
        <Field label="Due diligence" htmlFor="dueDiligence" errors={err("dueDiligence")}>
          <Select id="dueDiligence" name="dueDiligence" defaultValue={v("dueDiligence") || "NOT_STARTED"}>
            {["NOT_STARTED", "IN_PROGRESS", "APPROVED", "REJECTED"].map((s) => <option key={s} value={s}>{label(s)}</option>)}
          </Select>
        </Field>
        <Field label="Other digests" htmlFor="otherDigests" errors={err("otherDigests")} className="md:col-span-3" hint="Optional, one per line as ALGORITHM:hex (e.g. SHA-512:9b71d224…), as a BOM may list them. Approval uses the SHA-256 above.">
          <Textarea id="otherDigests" name="otherDigests" rows={2} defaultValue={v("otherDigests")} className="font-mono text-xs" spellCheck={false} invalid={!!err("otherDigests")} />
        </Field>
        <Field label="Signature reference" htmlFor="signatureRef" errors={err("signatureRef")} className="md:col-span-3" hint="Where the signature or attestation lives (e.g. a Sigstore bundle URL or registry reference).">
          <Input id="signatureRef" name="signatureRef" defaultValue={v("signatureRef")} invalid={!!err("signatureRef")} />
        </Field>
        <Field label="Granted permissions and scopes" htmlFor="permissions" errors={err("permissions")} className="md:col-span-3" hint="One per line (OAuth scopes, IAM actions, API permissions).">
          <Textarea id="permissions" name="permissions" rows={3} defaultValue={v("permissions")} className="font-mono text-xs" invalid={!!err("permissions")} />
        </Field>
      </fieldset>

      {AGENTIC.has(kind) ? (
        <fieldset className="rounded-lg border border-violet-200 bg-violet-50/50 p-5">
          <legend className="px-1 text-sm font-semibold text-violet-900">Agent capability register</legend>
          <p className="mb-4 text-xs text-violet-900/80">What this connector or identity lets the system do. This decides which agentic controls apply.</p>
          <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4" role="group" aria-label="Capabilities">
            {CAPABILITIES.map((c) => (
              <label key={c} className="flex items-center gap-2 rounded-md bg-white px-3 py-2 text-sm ring-1 ring-violet-100">
                <input type="checkbox" name="capabilities" value={c} defaultChecked={capabilities.has(c)} className="h-4 w-4 rounded border-slate-300" />
                {label(c)}
              </label>
            ))}
          </div>
          {err("capabilities") ? <p role="alert" className="mt-2 text-xs font-medium text-red-600">{err("capabilities")!.join(" ")}</p> : null}
          <div className="mt-5 grid gap-6 md:grid-cols-2">
            <Field label="Credential type" htmlFor="credentialType" errors={err("credentialType")}>
              <Select id="credentialType" name="credentialType" defaultValue={v("credentialType")}>
                <option value="">Not recorded</option>
                {["SHORT_LIVED_SCOPED", "SERVICE_ACCOUNT", "INHERITED_USER_TOKEN"].map((c) => <option key={c} value={c}>{label(c)}</option>)}
              </Select>
            </Field>
            <Field label="Human approval of each action" htmlFor="humanApprovalRequired" errors={err("humanApprovalRequired")}>
              <Select id="humanApprovalRequired" name="humanApprovalRequired" defaultValue={v("humanApprovalRequired")}>
                <option value="">Not recorded</option>
                <option value="true">Required</option>
                <option value="false">Not required</option>
              </Select>
            </Field>
          </div>
        </fieldset>
      ) : null}

      {kind === "CREDENTIAL" ? (
        <fieldset className="rounded-lg border border-amber-200 bg-amber-50/50 p-5">
          <legend className="px-1 text-sm font-semibold text-amber-900">Credential reference</legend>
          <p className="mb-4 text-xs text-amber-900/80">Record where the secret lives and how it rotates — never the secret itself.</p>
          <div className="grid gap-6 md:grid-cols-2">
            <Field label="Secret location" htmlFor="secretLocation" errors={err("secretLocation")} hint="e.g. vault://kv/prod/support-bot/openai">
              <Input id="secretLocation" name="secretLocation" defaultValue={v("secretLocation")} invalid={!!err("secretLocation")} />
            </Field>
            <Field label="Rotation (days)" htmlFor="rotationDays" errors={err("rotationDays")}>
              <Input id="rotationDays" name="rotationDays" type="number" min={1} max={3650} defaultValue={v("rotationDays")} invalid={!!err("rotationDays")} />
            </Field>
          </div>
        </fieldset>
      ) : null}

      <Field label="Notes" htmlFor="notes" errors={err("notes")}>
        <Textarea id="notes" name="notes" rows={3} defaultValue={v("notes")} invalid={!!err("notes")} />
      </Field>

      <div className="flex items-center justify-end gap-3 border-t border-slate-200 pt-6">
        <Link href={cancelHref} className={buttonClass("ghost")}>Cancel</Link>
        <Button type="submit" disabled={pending} aria-busy={pending}>{pending ? "Saving…" : submitLabel}</Button>
      </div>
    </form>
  );
}
