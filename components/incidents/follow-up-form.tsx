"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { failureOf } from "@/lib/action-result";
import { followUpAction } from "@/lib/incidents/actions";

type Control = { systemId: string; code: string; title: string; status: string };

/** Opens a follow-up from the lessons learned: a checklist item reopened or a threat-model entry. */
export function FollowUpForm({ incidentId, systems, controls, lessons }: { incidentId: string; systems: { id: string; name: string }[]; controls: Control[]; lessons: string | null }) {
  const [state, action, pending] = useActionState(followUpAction.bind(null, incidentId), null);
  const failure = failureOf(state);
  const [systemId, setSystemId] = useState(systems[0]?.id ?? "");
  const [kind, setKind] = useState("CHECKLIST_ITEM");
  const err = (k: string) => failure?.fieldErrors?.[k];
  return (
    <form action={action} className="space-y-3" aria-label="Open a follow-up">
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      {state?.ok ? <Alert tone="success">{state.data.message}</Alert> : null}
      {lessons ? <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600"><span className="font-medium text-slate-800">Lessons learned:</span> {lessons}</p> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="System" htmlFor="fu-system" errors={err("systemId")}>
          <Select id="fu-system" name="systemId" value={systemId} onChange={(e) => setSystemId(e.target.value)}>
            {systems.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </Select>
        </Field>
        <Field label="Follow-up as" htmlFor="fu-kind" errors={err("kind")}>
          <Select id="fu-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="CHECKLIST_ITEM">Checklist item (reopen a control)</option>
            <option value="THREAT">Threat-model entry</option>
          </Select>
        </Field>
      </div>
      {kind === "CHECKLIST_ITEM" ? (
        <Field label="Control" htmlFor="fu-control" errors={err("controlCode")}>
          <Select id="fu-control" name="controlCode" defaultValue="">
            <option value="" disabled>Choose a control</option>
            {controls.filter((c) => c.systemId === systemId).map((c) => <option key={c.code} value={c.code}>{c.code} {c.title}</option>)}
          </Select>
        </Field>
      ) : null}
      <Field label="Follow-up title" htmlFor="fu-title" errors={err("title")}>
        <Input id="fu-title" name="title" maxLength={200} />
      </Field>
      <Field label="What has to change" htmlFor="fu-detail" errors={err("detail")}>
        <Textarea id="fu-detail" name="detail" rows={3} />
      </Field>
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" disabled={pending || !systems.length} aria-busy={pending}>{pending ? "Opening…" : "Open follow-up"}</Button>
      </div>
    </form>
  );
}
