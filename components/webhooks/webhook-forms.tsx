"use client";

import { useActionState, type ReactNode } from "react";
import { failureOf, type FormState } from "@/lib/action-result";
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from "@/lib/notifications/events";
import { createWebhookAction, updateWebhookAction } from "@/lib/webhooks/actions";
import type { CreatedWebhook } from "@/lib/webhooks/create-webhook";
import { Alert } from "@/components/ui/alert";
import { CopyableSecret } from "@/components/ui/copyable-secret";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

type Values = { name?: unknown; url?: unknown; kinds?: unknown; enabled?: unknown };

/** The fields shared by the create and edit forms. */
function WebhookFields({ idPrefix, values, errors }: { idPrefix: string; values: Values; errors: (k: string) => string[] | undefined }) {
  const kinds = new Set(Array.isArray(values.kinds) ? (values.kinds as string[]) : values.kinds ? [String(values.kinds)] : []);
  const enabled = values.enabled === undefined ? true : values.enabled === true || values.enabled === "true";
  return (
    <>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Name" htmlFor={`${idPrefix}-name`} errors={errors("name")} hint="Who receives it, e.g. “SOC ticketing”.">
          <Input id={`${idPrefix}-name`} name="name" maxLength={100} defaultValue={String(values.name ?? "")} invalid={!!errors("name")} />
        </Field>
        <Field label="URL" htmlFor={`${idPrefix}-url`} errors={errors("url")} hint="https:// recommended. It must resolve to a public address unless private targets are allowed.">
          <Input id={`${idPrefix}-url`} name="url" type="url" inputMode="url" maxLength={2048} placeholder="https://hooks.example.com/aigov" defaultValue={String(values.url ?? "")} invalid={!!errors("url")} />
        </Field>
      </div>
      <fieldset aria-describedby={errors("kinds") ? `${idPrefix}-kinds-error` : `${idPrefix}-kinds-hint`}>
        <legend className="text-sm font-medium text-slate-700">Events</legend>
        <p id={`${idPrefix}-kinds-hint`} className="text-xs text-slate-500">The notifications this webhook receives, as signed JSON.</p>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {NOTIFICATION_KINDS.map((kind) => (
            <label key={kind} className="flex min-w-0 items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm hover:bg-slate-50">
              <input type="checkbox" name="kinds" value={kind} defaultChecked={kinds.has(kind)} className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 text-brand-600" />
              <span className="min-w-0">
                <span className="break-all font-mono text-xs font-semibold text-slate-900">{kind}</span>
                <span className="block text-slate-600">{NOTIFICATION_KIND_LABELS[kind]}</span>
              </span>
            </label>
          ))}
        </div>
        {errors("kinds") ? (
          <p id={`${idPrefix}-kinds-error`} role="alert" className="mt-1 text-xs font-medium text-red-600">{errors("kinds")!.join(" ")}</p>
        ) : null}
      </fieldset>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="enabled" value="true" defaultChecked={enabled} className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600" />
        {/* After the box: an unchecked box sends only this, a checked one sends "true" first. */}
        <input type="hidden" name="enabled" value="false" />
        <span>
          Enabled
          <span className="block text-xs text-slate-500">A disabled webhook receives nothing (a test can still be sent).</span>
        </span>
      </label>
    </>
  );
}

/**
 * The create form. After a success it shows the signing secret once (kept only in this
 * component's state: a reload loses it for good) with a copy button and a link to the webhook.
 */
export function CreateWebhookForm() {
  const [state, action, pending] = useActionState<FormState<CreatedWebhook>, FormData>(createWebhookAction, null);
  const failure = failureOf(state);
  const created = state?.ok ? state.data : null;
  const err = (k: string) => failure?.fieldErrors?.[k];
  return (
    <div className="space-y-4">
      {created ? (
        <SecretOnce title={`Webhook “${created.name}” created: copy its signing secret now`} secret={created.secret}>
          <ButtonLink size="sm" variant="secondary" href={`/admin/webhooks/${created.id}`}>Open the webhook and send a test</ButtonLink>
        </SecretOnce>
      ) : null}
      {failure && !failure.fieldErrors ? <Alert tone="error">{failure.error}</Alert> : null}
      <form key={created?.id ?? "form"} action={action} className="space-y-4" noValidate aria-label="Create a webhook">
        <WebhookFields idPrefix="webhook" values={failure?.values ?? {}} errors={err} />
        <Button type="submit" disabled={pending}>{pending ? "Checking the URL…" : "Create webhook"}</Button>
      </form>
    </div>
  );
}

/** The edit form of one webhook (the version it read travels with it: a stale save is a conflict). */
export function EditWebhookForm({ webhook }: { webhook: { id: string; name: string; url: string; kinds: string[]; enabled: boolean; rowVersion: number } }) {
  const [state, action, pending] = useActionState<FormState<{ changed: string[] }>, FormData>(updateWebhookAction.bind(null, webhook.id), null);
  const failure = failureOf(state);
  const err = (k: string) => failure?.fieldErrors?.[k];
  const values: Values = failure?.values ?? { name: webhook.name, url: webhook.url, kinds: webhook.kinds, enabled: webhook.enabled };
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Edit the webhook">
      <input type="hidden" name="expectedVersion" value={webhook.rowVersion} />
      <WebhookFields idPrefix="edit-webhook" values={values} errors={err} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save changes"}</Button>
        <span aria-live="polite" className="text-sm">
          {failure && !failure.fieldErrors ? <span className="text-red-700">{failure.error}</span> : null}
          {state?.ok ? <span className="text-emerald-700">{state.data.changed.length ? "Saved." : "Nothing changed."}</span> : null}
        </span>
      </div>
    </form>
  );
}

/** A secret shown once, with a copy button and the warning that it will not be shown again. */
export function SecretOnce({ title, secret, children }: { title: string; secret: string; children?: ReactNode }) {
  return (
    <Alert tone="warning" title={title}>
      <p>This is the only time the secret is shown. The receiver needs it to verify the <code className="font-mono">X-Signature</code> header of each delivery (see the README, “Outgoing webhooks”). If it is lost, rotate it.</p>
      <CopyableSecret secret={secret} testId="webhook-secret" />
      {children ? <div className="mt-3">{children}</div> : null}
    </Alert>
  );
}
