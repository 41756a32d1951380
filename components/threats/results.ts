/**
 * Client-side views of the platform's one action result (`ActionResult`, lib/action-result.ts)
 * in the shape the threat-model forms render: a message on success, or the refusal with its
 * field errors, the user's values and, after a stale save, the current record.
 */
import type { ActionResult, FormValues } from "@/lib/action-result";
import type { FieldErrors } from "@/lib/errors";
import type { ImportReport } from "@/lib/threats/threat-dragon";

export type ThreatFormState = {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: FieldErrors;
  values?: FormValues;
  conflict?: unknown;
  /** Counts answers, so a form can remount after each one. */
  nonce?: number;
  report?: ImportReport;
};

export type SimpleResult = { error?: string; message?: string };

type Data = { message?: string; report?: ImportReport } | undefined | void;

export function toFormState(result: ActionResult<Data>, previous?: ThreatFormState): ThreatFormState {
  const nonce = (previous?.nonce ?? 0) + 1;
  if (result.ok) return { ok: true, message: result.data?.message, report: result.data?.report, nonce };
  return { ok: false, error: result.error, fieldErrors: result.fieldErrors, values: result.values, conflict: result.conflict, nonce };
}

/** Adapts a bound form action for `useActionState`. */
export function formState(action: (previous: unknown, form: FormData) => Promise<ActionResult<Data>>) {
  return async (previous: ThreatFormState, form: FormData) => toFormState(await action(previous, form), previous);
}

export async function simple(result: Promise<ActionResult<Data>>): Promise<SimpleResult> {
  const r = await result;
  return r.ok ? { message: r.data?.message } : { error: r.error };
}
