"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { failureOf, type FormState } from "@/lib/action-result";
import { requestEvidencePackAction } from "@/lib/exports/actions";

/** The "New evidence pack" form: one or several systems, or all; an optional period. */
export function ExportForm({ systems, preselected }: { systems: { id: string; name: string; slug: string }[]; preselected?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(requestEvidencePackAction, null);
  const failure = failureOf(state);
  const values = failure?.values ?? {};
  const [scope, setScope] = useState(String(values.scope ?? "systems"));
  const chosen = new Set([...(Array.isArray(values.systemIds) ? values.systemIds : values.systemIds ? [values.systemIds] : preselected ? [preselected] : [])]);
  return (
    <form action={action} aria-label="New evidence pack" className="space-y-4">
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Scope</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="scope" value="systems" checked={scope === "systems"} onChange={() => setScope("systems")} /> Chosen systems
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} /> Every system ({systems.length}
          {systems.length >= 1000 ? "+" : ""})
        </label>
      </fieldset>
      {scope === "systems" ? (
        <Field label="Systems" htmlFor="systemIds" hint="Hold Ctrl (⌘ on a Mac) to choose several." errors={failure?.fieldErrors?.systemIds}>
          <Select id="systemIds" name="systemIds" multiple size={Math.min(8, Math.max(3, systems.length))} defaultValue={[...chosen]} invalid={Boolean(failure?.fieldErrors?.systemIds)}>
            {systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.slug})
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="From (optional)" htmlFor="from" hint="Events and evidence from this day." errors={failure?.fieldErrors?.from}>
          <Input id="from" name="from" type="date" defaultValue={String(values.from ?? "")} invalid={Boolean(failure?.fieldErrors?.from)} />
        </Field>
        <Field label="To (optional)" htmlFor="to" hint="Up to and including this day." errors={failure?.fieldErrors?.to}>
          <Input id="to" name="to" type="date" defaultValue={String(values.to ?? "")} invalid={Boolean(failure?.fieldErrors?.to)} />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>{pending ? "Requesting…" : "Create evidence pack"}</Button>
    </form>
  );
}
