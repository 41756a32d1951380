"use client";

import { useActionState } from "react";
import { failureOf, type FormState } from "@/lib/action-result";
import { savePreferencesAction } from "@/lib/notifications/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** One checkbox per notification kind: email it or not (the inbox always gets it); each kind shown is also sent as `shown`. */
export function PreferencesForm({ kinds, smtp }: { kinds: { kind: string; label: string; email: boolean }[]; smtp: boolean }) {
  const [state, action, pending] = useActionState<FormState<{ saved: boolean }>, FormData>(savePreferencesAction, null);
  const failure = failureOf(state);
  return (
    <form action={action} className="space-y-4">
      {!smtp ? <Alert tone="info">Email is not configured on this instance (SMTP_URL): notifications appear in the inbox only.</Alert> : null}
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      {state?.ok ? <Alert tone="success">Preferences saved.</Alert> : null}
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">Email me when…</legend>
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {kinds.map((k) => (
            <li key={k.kind} className="flex items-center gap-3 px-4 py-2.5">
              <input type="hidden" name="shown" value={k.kind} />
              <input id={`email-${k.kind}`} type="checkbox" name="email" value={k.kind} defaultChecked={k.email} className="h-4 w-4 rounded border-slate-300" />
              <label htmlFor={`email-${k.kind}`} className="text-sm text-slate-700">{k.label}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save preferences"}</Button>
    </form>
  );
}
