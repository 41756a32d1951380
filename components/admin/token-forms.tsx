"use client";

import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { failureOf, type FormState } from "@/lib/action-result";
import { SCOPE_LABELS, type ApiScope } from "@/lib/authz/scopes";
import { createTokenAction, revokeTokenAction } from "@/lib/tokens/actions";
import type { CreatedToken } from "@/lib/tokens/create-token";
import { Alert } from "@/components/ui/alert";
import { CopyableSecret } from "@/components/ui/copyable-secret";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input } from "@/components/ui/field";

/**
 * The create form. After a success it shows the secret once (it lives only in this
 * component's state: a reload loses it for good) with a copy button.
 */
export function CreateTokenForm({ scopes, defaultExpiry, minExpiry, maxExpiry, maxDays }: { scopes: readonly ApiScope[]; defaultExpiry: string; minExpiry: string; maxExpiry: string; maxDays: number }) {
  const [state, action, pending] = useActionState<FormState<CreatedToken>, FormData>(createTokenAction, null);
  const failure = failureOf(state);
  const created = state?.ok ? state.data : null;
  const v = failure?.values ?? {};
  const err = (k: string) => failure?.fieldErrors?.[k];
  const chosen = new Set(Array.isArray(v.scopes) ? v.scopes : v.scopes ? [v.scopes] : []);
  return (
    <div className="space-y-4">
      {created ? <SecretOnce token={created} /> : null}
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      <form key={created?.id ?? "form"} action={action} className="space-y-4" noValidate>
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Name" htmlFor="token-name" errors={err("name")} hint="Say who uses it and where, e.g. “GitHub Actions: deploy gate”.">
            <Input id="token-name" name="name" maxLength={100} defaultValue={String(v.name ?? "")} invalid={!!err("name")} />
          </Field>
          <Field label="Expires on (last day, UTC)" htmlFor="token-expiry" errors={err("expiresOn")} hint={`At most ${maxDays} days ahead.`}>
            <Input id="token-expiry" name="expiresOn" type="date" min={minExpiry} max={maxExpiry} defaultValue={String(v.expiresOn ?? defaultExpiry)} invalid={!!err("expiresOn")} />
          </Field>
        </div>
        <fieldset aria-describedby={err("scopes") ? "token-scopes-error" : undefined}>
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          <p className="text-xs text-slate-500">A token never does more than your role allows; choose only what its caller needs.</p>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {scopes.map((scope) => (
              <label key={scope} className="flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm hover:bg-slate-50">
                <input type="checkbox" name="scopes" value={scope} defaultChecked={chosen.has(scope)} className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600" />
                <span>
                  <span className="font-mono text-xs font-semibold text-slate-900">{scope}</span>
                  <span className="block text-slate-600">{SCOPE_LABELS[scope]}</span>
                </span>
              </label>
            ))}
          </div>
          {err("scopes") ? (
            <p id="token-scopes-error" role="alert" className="mt-1 text-xs font-medium text-red-600">{err("scopes")!.join(" ")}</p>
          ) : null}
        </fieldset>
        <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create token"}</Button>
      </form>
    </div>
  );
}

/** The new token's secret, with a copy button and the warning that it is shown only now. */
function SecretOnce({ token }: { token: CreatedToken }) {
  return (
    <Alert tone="warning" title={`Token “${token.name}” created: copy its secret now`}>
      <p>This is the only time the secret is shown. It is stored only as a keyed hash, so nobody can show it again; if it is lost, revoke the token and create a new one. Keep it in your CI’s secret store, never in code.</p>
      <CopyableSecret secret={token.secret} testId="token-secret" />
      <p className="mt-2 text-xs">Use it as <code className="font-mono">Authorization: Bearer …</code>. Expires {token.expiresAt.slice(0, 10)}.</p>
    </Alert>
  );
}

/** Revoke, behind a confirmation. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button size="sm" variant="danger" aria-label={`Revoke ${name}`}>Revoke</Button>}
      title={`Revoke “${name}”?`}
      description={<p>Every caller using this token is refused from its next request. This cannot be undone; a new token would have a new secret.</p>}
      confirmLabel="Revoke token"
      onConfirm={async () => {
        const result = await revokeTokenAction(tokenId);
        if (!result.ok) throw new Error(result.error);
        router.refresh();
      }}
    />
  );
}
