"use client";

import { useActionState } from "react";
import { failureOf, type FormState } from "@/lib/action-result";
import { createUserAction } from "@/lib/users/actions";
import { label } from "@/components/labels";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";

export function CreateUserForm() {
  const [state, action, pending] = useActionState<FormState<{ email: string; temporaryPassword: string }>, FormData>(createUserAction, null);
  const failure = failureOf(state);
  const created = state?.ok ? state.data : null;
  const v = failure?.values ?? {};
  const err = (k: string) => failure?.fieldErrors?.[k];
  return (
    <div className="space-y-4">
      {created ? (
        <Alert tone="success" title={`Account created for ${created.email}`}>
          <p>Give them this temporary password through a safe channel. It is shown only once; they must replace it at first sign-in.</p>
          <p className="mt-2">
            <code data-testid="temporary-password" className="select-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900 ring-1 ring-emerald-200">
              {created.temporaryPassword}
            </code>
          </p>
        </Alert>
      ) : null}
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      <form key={created?.email ?? "form"} action={action} className="grid items-start gap-4 md:grid-cols-[1fr_1fr_14rem_auto]" noValidate>
        <Field label="Name" htmlFor="new-name" errors={err("name")}>
          <Input id="new-name" name="name" defaultValue={String(v.name ?? "")} invalid={!!err("name")} />
        </Field>
        <Field label="Email" htmlFor="new-email" errors={err("email")}>
          <Input id="new-email" name="email" type="email" defaultValue={String(v.email ?? "")} invalid={!!err("email")} />
        </Field>
        <Field label="Role" htmlFor="new-role" errors={err("role")}>
          <Select id="new-role" name="role" defaultValue={String(v.role ?? "PRODUCT_OWNER")}>
            {["PRODUCT_OWNER", "SECURITY_REVIEWER", "AUDITOR", "ADMIN"].map((r) => <option key={r} value={r}>{label(r)}</option>)}
          </Select>
        </Field>
        <div className="md:pt-6">
          <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create user"}</Button>
        </div>
      </form>
    </div>
  );
}
