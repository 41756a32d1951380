"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { failureOf, type FormState } from "@/lib/action-result";
import { oidcSignInAction, signInAction } from "@/lib/auth/actions";

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, null);
  const failure = failureOf(state);
  const err = (k: string) => failure?.fieldErrors?.[k];
  const email = failure?.values?.email;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      {failure && !failure.fieldErrors?.email && !failure.fieldErrors?.password ? <Alert tone="error">{failure.error}</Alert> : null}
      <Field label="Email" htmlFor="email" errors={err("email")}>
        <Input id="email" name="email" type="email" autoComplete="username" required defaultValue={typeof email === "string" ? email : undefined} invalid={Boolean(err("email"))} autoFocus />
      </Field>
      <Field label="Password" htmlFor="password" errors={err("password")}>
        <Input id="password" name="password" type="password" autoComplete="current-password" required invalid={Boolean(err("password"))} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

/** "Continue with <provider>": starts single sign-on, and says why when it cannot start. */
export function OidcSignInForm({ next, label }: { next: string; label: string }) {
  const [state, action, pending] = useActionState<FormState<void>, FormData>(oidcSignInAction, null);
  const failure = failureOf(state);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="next" value={next} />
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      <Button type="submit" variant="secondary" className="w-full" disabled={pending}>
        {label}
      </Button>
    </form>
  );
}
