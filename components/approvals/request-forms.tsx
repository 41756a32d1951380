"use client";

import { useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { failureOf, type FormState } from "@/lib/action-result";
import {
  decideRequestAction,
  openRequestAction,
  recordExceptionAction,
  revokeApprovalAction,
  submitRequestAction,
  withdrawRequestAction,
} from "@/lib/approvals/actions";

function FormError({ state }: { state: FormState<unknown> }) {
  const failure = failureOf(state);
  if (!failure) return null;
  const repeated = Object.values(failure.fieldErrors ?? {}).flat().includes(failure.error);
  return repeated ? null : (
    <p role="alert" className="text-sm font-medium text-red-700">
      {failure.error}
    </p>
  );
}

/** Release label + environment → a draft request (the action redirects to it). */
export function OpenRequestForm({ systemId, environments }: { systemId: string; environments: { key: string; label: string }[] }) {
  const [state, action, pending] = useActionState<FormState<unknown>, FormData>(openRequestAction.bind(null, systemId), null);
  const failure = failureOf(state);
  const v = failure?.values ?? {};
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end" noValidate aria-label="Request approval">
      <Field label="Release label" htmlFor="releaseLabel" errors={failure?.fieldErrors?.releaseLabel} hint="What you are shipping, e.g. v2.3.0 or 2026-12-01 model refresh.">
        <Input id="releaseLabel" name="releaseLabel" defaultValue={String(v.releaseLabel ?? "")} invalid={!!failure?.fieldErrors?.releaseLabel} />
      </Field>
      <Field label="Environment" htmlFor="environment" errors={failure?.fieldErrors?.environment}>
        <Select id="environment" name="environment" defaultValue={String(v.environment ?? environments[environments.length - 1]?.key ?? "")} invalid={!!failure?.fieldErrors?.environment}>
          {environments.map((e) => (
            <option key={e.key} value={e.key}>
              {e.label}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={pending} aria-busy={pending} className="sm:mb-[1.375rem]">
        {pending ? "Opening…" : "Request approval"}
      </Button>
      <div className="sm:col-span-3">
        <FormError state={state} />
      </div>
    </form>
  );
}

/** Submit (gate passes) or submit as "needs exception" (gate fails, with a confirmation). */
export function SubmitPanel({ systemId, requestId, version, gatePassed }: { systemId: string; requestId: string; version: number; gatePassed: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function submit(asException: boolean) {
    setPending(true);
    setError(null);
    const result = await submitRequestAction(systemId, requestId, version, asException);
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      if (asException) throw new Error(result.error);
      return;
    }
    router.refresh();
  }
  return (
    <div className="space-y-3">
      {gatePassed ? (
        <Button onClick={() => submit(false)} disabled={pending} aria-busy={pending}>
          {pending ? "Submitting…" : "Submit for review"}
        </Button>
      ) : (
        <ConfirmDialog
          trigger={<Button variant="danger">Submit as needs exception</Button>}
          title="Submit with failing rules?"
          description={
            <p>
              The gate fails. Reviewers can approve this release only by recording an explicit exception with a rationale and an expiry, which is shown in red on the request and in audit
              exports. Fixing the failing rules is usually better.
            </p>
          }
          confirmLabel="Submit as needs exception"
          onConfirm={() => submit(true)}
        />
      )}
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function WithdrawButton({ systemId, requestId, version }: { systemId: string; requestId: string; version: number }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button variant="secondary">Withdraw request</Button>}
      title="Withdraw this request?"
      description={<p>Reviewers will no longer see it. Decisions already recorded stay in its history. You can open a new request later.</p>}
      confirmLabel="Withdraw"
      onConfirm={async () => {
        const result = await withdrawRequestAction(systemId, requestId, version);
        if (!result.ok) throw new Error(result.error);
        router.refresh();
      }}
    />
  );
}

/** Approve, request changes or reject, with a comment. Reject asks first. */
export function DecisionForm({ systemId, requestId, approvals, approvalsRequired }: { systemId: string; requestId: string; approvals: number; approvalsRequired: number }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<FormState<unknown>, FormData>(async (prev, form) => {
    const result = await decideRequestAction(systemId, requestId, prev, form);
    if (result.ok) router.refresh();
    return result;
  }, null);
  const failure = failureOf(state);
  const [rejecting, setRejecting] = useState(false);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Decision">
      <p className="text-sm text-slate-600">
        {approvals} of {approvalsRequired} approval{approvalsRequired === 1 ? "" : "s"} from distinct reviewers so far.
      </p>
      <Field label="Comment" htmlFor="comment" required errors={failure?.fieldErrors?.comment} hint="What you checked and why you decide this way (at least 10 characters). Recorded with your name.">
        <Textarea id="comment" name="comment" rows={3} defaultValue={String(failure?.values?.comment ?? "")} invalid={!!failure?.fieldErrors?.comment} />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="outcome" value="APPROVE" disabled={pending}>
          Approve
        </Button>
        <Button type="submit" name="outcome" value="REQUEST_CHANGES" variant="secondary" disabled={pending}>
          Request changes
        </Button>
        {rejecting ? (
          <Button type="submit" name="outcome" value="REJECT" variant="danger" disabled={pending}>
            Confirm reject
          </Button>
        ) : (
          <Button variant="ghost" className="text-red-700" onClick={() => setRejecting(true)} disabled={pending}>
            Reject…
          </Button>
        )}
      </div>
      {rejecting ? <p className="text-xs text-red-700">Rejecting closes the request for good: the requester has to open a new one.</p> : null}
      <FormError state={state} />
    </form>
  );
}

/** A reviewer records the exception a failing request needs (red). */
export function ExceptionForm({ systemId, requestId, maxDay, minDay }: { systemId: string; requestId: string; minDay: string; maxDay: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<FormState<unknown>, FormData>(async (prev, form) => {
    const result = await recordExceptionAction(systemId, requestId, prev, form);
    if (result.ok) router.refresh();
    return result;
  }, null);
  const failure = failureOf(state);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Record exception">
      <Field label="Rationale" htmlFor="rationale" required errors={failure?.fieldErrors?.rationale} hint="Why this release may ship despite the failing rules, and what compensates (at least 30 characters).">
        <Textarea id="rationale" name="rationale" rows={3} defaultValue={String(failure?.values?.rationale ?? "")} invalid={!!failure?.fieldErrors?.rationale} />
      </Field>
      <Field label="Exception holds until" htmlFor="expiresOn" required errors={failure?.fieldErrors?.expiresOn} hint="The approval ends then at the latest (up to 90 days).">
        <Input id="expiresOn" name="expiresOn" type="date" min={minDay} max={maxDay} defaultValue={String(failure?.values?.expiresOn ?? "")} invalid={!!failure?.fieldErrors?.expiresOn} className="max-w-48" />
      </Field>
      <Button type="submit" variant="danger" disabled={pending} aria-busy={pending}>
        {pending ? "Recording…" : "Record exception"}
      </Button>
      <FormError state={state} />
    </form>
  );
}

export function RevokeButton({ systemId, requestId }: { systemId: string; requestId: string }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  return (
    <ConfirmDialog
      trigger={<Button variant="danger">Revoke approval</Button>}
      title="Revoke this approval?"
      description={
        <div className="space-y-2">
          <p>The deployment gate stops allowing this release at once. This cannot be undone; a new request is needed.</p>
          <label htmlFor="revoke-reason" className="block text-sm font-medium text-slate-700">
            Reason (at least 10 characters)
          </label>
          <textarea id="revoke-reason" className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      }
      confirmLabel="Revoke"
      onConfirm={async () => {
        const result = await revokeApprovalAction(systemId, requestId, reason);
        if (!result.ok) throw new Error(result.error);
        router.refresh();
      }}
    />
  );
}
