"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { failureOf, type FormState } from "@/lib/action-result";
import { changePasswordAction } from "@/lib/auth/actions";

export function PasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordAction, null);
  const failure = failureOf(state);
  const err = (k: string) => failure?.fieldErrors?.[k];
  return (
    <form action={action} className="space-y-4" noValidate>
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      <Field label="Current or temporary password" htmlFor="current" errors={err("current")}>
        <Input id="current" name="current" type="password" autoComplete="current-password" invalid={!!err("current")} />
      </Field>
      <Field label="New password" htmlFor="password" errors={err("password")} hint="At least 12 characters. A passphrase of several words works well.">
        <Input id="password" name="password" type="password" autoComplete="new-password" invalid={!!err("password")} />
      </Field>
      <Field label="Repeat the new password" htmlFor="confirm" errors={err("confirm")}>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" invalid={!!err("confirm")} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Saving…" : "Set new password"}</Button>
    </form>
  );
}
