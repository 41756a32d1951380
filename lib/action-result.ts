import { AppError, ConflictError, ValidationError, type FieldErrors } from "@/lib/errors";

/** The form's own values, sent back after a refusal so nothing the user typed is lost. */
export type FormValues = Record<string, string | string[]>;

/**
 * What every server action returns: one shape for every action in the product.
 * - `{ ok: true, data }` on success (`data` is the action's small DTO, often `undefined`);
 * - `{ ok: false, error, fieldErrors? }` for an expected refusal, with `values` (the form as the
 *   user sent it) and `conflict` (the record as it is now, after a stale save) when relevant.
 * Actions never throw for refusals; only Next's own redirects pass through.
 */
export type ActionResult<T = undefined> = ActionOk<T> | ActionFailure;
export type ActionOk<T> = { ok: true; data: T; message?: string };
export type ActionFailure = {
  ok: false;
  error: string;
  fieldErrors?: FieldErrors;
  values?: FormValues;
  conflict?: unknown;
};

/** The state a `useActionState` form starts with: nothing submitted yet. */
export type FormState<T = undefined> = ActionResult<T> | null;

/** The refusal in a result, or undefined (handy in components: `failureOf(state)?.error`). */
export function failureOf(state: ActionResult<unknown> | null | undefined): ActionFailure | undefined {
  return state && !state.ok ? state : undefined;
}

/**
 * Maps a thrown error to the refusal the page shows. AppErrors keep their message and field
 * errors; anything else is logged and reported as our fault, without internals.
 */
export function toFailure(error: unknown, values?: FormValues): ActionFailure {
  if (error instanceof ValidationError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors, values };
  if (error instanceof ConflictError) return { ok: false, error: error.message, conflict: error.current, values };
  if (error instanceof AppError) return { ok: false, error: error.message, values };
  console.error(error);
  return { ok: false, error: "Something went wrong on our side. Nothing was saved; please try again.", values };
}

/** FormData → plain object; fields listed in `arrays` always come back as arrays. File fields are left out. */
export function formValues(form: FormData, arrays: readonly string[] = []): FormValues {
  const out: FormValues = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = arrays.includes(key) ? all : (all[0] ?? "");
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}
