import { AppError, ConflictError, ValidationError, type FieldErrors } from "@/lib/errors";

/** What a form's server action returns to the page: never throws for expected failures. */
export type ActionState<V = Record<string, unknown>, C = unknown> = {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: FieldErrors;
  /** The user's input, so the form can show it again after a refusal. */
  values?: V;
  /** Present after a stale save: the record as it is now. */
  conflict?: C;
};

export function failure<V, C>(error: unknown, values: V): ActionState<V, C> {
  if (error instanceof ValidationError) return { error: error.message, fieldErrors: error.fieldErrors, values };
  if (error instanceof ConflictError) return { error: error.message, conflict: error.current as C, values };
  if (error instanceof AppError) return { error: error.message, values };
  throw error;
}

/** FormData → plain object; fields listed in `arrays` always come back as arrays. */
export function formValues(form: FormData, arrays: readonly string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = arrays.includes(key) ? all : (all[0] ?? "");
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}
