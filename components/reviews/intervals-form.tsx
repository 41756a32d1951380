"use client";

import { useActionState } from "react";
import { failureOf, type FormState } from "@/lib/action-result";
import { setReviewIntervalsAction } from "@/lib/reviews/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

const TIERS = [["CRITICAL", "Critical"], ["HIGH", "High"], ["MEDIUM", "Medium"], ["LOW", "Low"]] as const;

/** Admin form: days between periodic reviews per risk tier. */
export function IntervalsForm({ current, version }: { current: Record<string, number>; version: string }) {
  const [state, action, pending] = useActionState<FormState<Record<string, number>>, FormData>(setReviewIntervalsAction, null);
  const failure = failureOf(state);
  const v = failure?.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="settingVersion" value={version} />
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      {state?.ok ? <Alert tone="success">Intervals saved. They apply to reviews recorded and changes made from now on.</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-4">
        {TIERS.map(([tier, text]) => (
          <Field key={tier} label={`${text} (days)`} htmlFor={`interval-${tier}`} errors={failure?.fieldErrors?.[tier]}>
            <Input id={`interval-${tier}`} name={tier} inputMode="numeric" defaultValue={String(v[tier] ?? current[tier])} />
          </Field>
        ))}
      </div>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save intervals"}</Button>
    </form>
  );
}
