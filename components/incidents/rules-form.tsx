"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { failureOf } from "@/lib/action-result";
import { setNotificationRulesAction } from "@/lib/incidents/actions";
import { PARTIES, PARTY_LABELS, SEVERITIES } from "@/lib/incidents/catalog";
import type { NotificationRules } from "@/lib/incidents/rules";

/** Hours after detection per severity and party; empty = no duty. */
export function NotificationRulesForm({ rules, version }: { rules: NotificationRules; version: string }) {
  const [state, action, pending] = useActionState(setNotificationRulesAction, null);
  const failure = failureOf(state);
  const value = (sev: string, party: string) => {
    const sent = failure?.values?.[`${sev}.${party}`];
    if (typeof sent === "string") return sent;
    const h = rules[sev as keyof NotificationRules]?.[party as keyof NotificationRules["SEV1"]];
    return h ? String(h) : "";
  };
  return (
    <form action={action} className="space-y-4" aria-label="Notification rules">
      <input type="hidden" name="settingVersion" value={version} />
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      {state?.ok ? <Alert tone="success">{state.data.message}</Alert> : null}
      <div className="relative overflow-x-auto rounded-md border border-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Hours after detection by which each party must be notified</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Severity</th>
              {PARTIES.map((p) => <th key={p} scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">{PARTY_LABELS[p]}</th>)}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {SEVERITIES.map((sev) => (
              <tr key={sev}>
                <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">{sev}</th>
                {PARTIES.map((p) => {
                  const name = `${sev}.${p}`;
                  const errors = failure?.fieldErrors?.[name];
                  return (
                    <td key={p} className="px-3 py-2">
                      <label className="sr-only" htmlFor={name}>{`${sev} ${PARTY_LABELS[p]} hours`}</label>
                      <div className="flex items-center gap-1">
                        <input id={name} name={name} defaultValue={value(sev, p)} inputMode="numeric" placeholder="—" aria-invalid={errors ? true : undefined} className={`h-8 w-20 rounded-md border px-2 text-sm tabular-nums ${errors ? "border-red-400" : "border-slate-300"}`} />
                        <span className="text-xs text-slate-500">h</span>
                      </div>
                      {errors ? <p className="mt-1 text-xs text-red-600" role="alert">{errors.join(" ")}</p> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending} aria-busy={pending}>{pending ? "Saving…" : "Save rules"}</Button>
      </div>
    </form>
  );
}
