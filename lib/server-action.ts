import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { formValues, toFailure, type ActionResult, type FormValues } from "@/lib/action-result";
import { requestMeta, requireApiActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";

type Auth = {
  /**
   * `temporary-password`: the caller may still be on an admin-issued temporary password (only
   * the password-change action needs this). Default: the caller must have replaced it.
   */
  auth?: "required" | "temporary-password";
};

type ArgsSchema = z.ZodTuple<readonly z.ZodType[], null>;

/**
 * What a wrapper knows about an action it built: its kind and argument schema. Kept per
 * function so tests can enumerate every exported action of every `actions.ts` module and
 * prove each one is built with a wrapper (the hostile-input sweep, test/hostile-input).
 */
export type ActionDefinition = { kind: "serverAction" | "formAction" | "publicFormAction"; args: ArgsSchema; auth: "required" | "temporary-password" | "none" };
const definitions = new WeakMap<object, ActionDefinition>();

/** The definition of an action built by `serverAction`, `formAction` or `publicFormAction`; undefined for anything else. */
export function actionDefinition(fn: unknown): ActionDefinition | undefined {
  return typeof fn === "function" ? definitions.get(fn) : undefined;
}

function register<F extends object>(fn: F, definition: ActionDefinition): F {
  definitions.set(fn, definition);
  return fn;
}

/**
 * Parses positional arguments (bound ones included) with their tuple schema. A client can send
 * anything to a server action, so a wrong type, a missing or an extra argument is a refusal
 * that names the argument, never a crash.
 * @throws ValidationError.
 */
function parseArgs<A extends ArgsSchema>(schema: A, raw: readonly unknown[]): z.output<A> {
  const expected = schema.def.items.length;
  if (raw.length !== expected) {
    throw new ValidationError(`This request was not understood (expected ${expected} argument${expected === 1 ? "" : "s"}, got ${raw.length}). Reload the page and try again.`);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const position = typeof issue.path[0] === "number" ? ` (argument ${issue.path[0] + 1}${issue.path.length > 1 ? `, ${issue.path.slice(1).join(".")}` : ""})` : "";
  throw new ValidationError(`This request was not understood${position}: ${issue.message} Reload the page and try again.`);
}

async function context(options: Auth): Promise<ServiceContext> {
  const actor = await requireApiActor({ allowTemporaryPassword: options.auth === "temporary-password" });
  return { actor, db, meta: await requestMeta() };
}

/**
 * The one wrapper for server actions called with plain arguments (buttons, dialogs):
 * resolves the actor, parses every argument with `args` (a `z.tuple`), runs the handler and
 * returns `ActionResult` — `{ ok: true, data }` or `{ ok: false, error, fieldErrors? }`.
 * Everything happens inside one try, so a missing session, bad arguments or a refused change
 * all come back as a refusal; only Next's redirect/notFound signals pass through.
 *
 * Export the result from a `"use server"` module: `export const archiveSystemAction = serverAction(...)`.
 */
export function serverAction<A extends ArgsSchema, T>(
  options: Auth & { args: A },
  handler: (ctx: ServiceContext, ...args: z.output<A>) => Promise<T>,
): (...args: z.input<A>) => Promise<ActionResult<T>> {
  const action = async (...raw: unknown[]) => {
    try {
      const ctx = await context(options);
      const args = parseArgs(options.args, raw);
      return { ok: true as const, data: await handler(ctx, ...(args as z.output<A>)) };
    } catch (error) {
      unstable_rethrow(error);
      return toFailure(error);
    }
  };
  return register(action, { kind: "serverAction", args: options.args, auth: options.auth ?? "required" });
}

type FormOptions<A extends ArgsSchema> = {
  args: A;
  /** Fields that always arrive as arrays (checkbox groups, multi-selects). */
  arrays?: readonly string[];
  /** Fields never sent back in `values` after a refusal (passwords). */
  secret?: readonly string[];
};

/**
 * The FormData of a form action's call and the form's values to send back on a refusal
 * (without file fields and without the `secret` ones).
 */
function formOf(raw: readonly unknown[], options: FormOptions<ArgsSchema>) {
  const form = raw[raw.length - 1];
  if (!(form instanceof FormData)) return { form: undefined, values: undefined, echo: undefined };
  const values = formValues(form, options.arrays);
  const echo = { ...values };
  for (const key of options.secret ?? []) delete echo[key];
  return { form, values, echo };
}

const MISSING_FORM = "This request was not understood (the form is missing). Reload the page and try again.";

/**
 * The same wrapper for forms used with `useActionState`: the action takes the bound
 * arguments, then the previous state and the FormData. The form's fields arrive in the handler
 * as a plain object (`formValues`; fields named in `arrays` always as arrays) for the service
 * to parse with its schema; on a refusal they are returned as `values` so the form shows what
 * the user typed. File fields are not in `values`: a handler that takes a file reads it from
 * the `form` it also receives, and checks it itself.
 */
export function formAction<A extends ArgsSchema, T>(
  options: Auth & FormOptions<A>,
  handler: (ctx: ServiceContext, args: z.output<A>, values: FormValues, form: FormData) => Promise<T>,
): (...args: [...z.input<A>, previous: unknown, form: FormData]) => Promise<ActionResult<T>> {
  const action = async (...raw: unknown[]) => {
    const { form, values, echo } = formOf(raw, options);
    try {
      const ctx = await context(options);
      if (!form || !values) throw new ValidationError(MISSING_FORM);
      const args = parseArgs(options.args, raw.slice(0, -2));
      return { ok: true as const, data: await handler(ctx, args, values, form) };
    } catch (error) {
      unstable_rethrow(error);
      return toFailure(error, echo);
    }
  };
  return register(action, { kind: "formAction", args: options.args, auth: options.auth ?? "required" });
}

/**
 * `formAction` for the few forms used before anyone is signed in (the sign-in form): the same
 * parsing, result shape and error mapping, without resolving an actor. The handler must do
 * its own checks (credentials, rate limits).
 */
export function publicFormAction<A extends ArgsSchema, T>(
  options: FormOptions<A>,
  handler: (args: z.output<A>, values: FormValues, form: FormData) => Promise<T>,
): (...args: [...z.input<A>, previous: unknown, form: FormData]) => Promise<ActionResult<T>> {
  const action = async (...raw: unknown[]) => {
    const { form, values, echo } = formOf(raw, options);
    try {
      if (!form || !values) throw new ValidationError(MISSING_FORM);
      const args = parseArgs(options.args, raw.slice(0, -2));
      return { ok: true as const, data: await handler(args, values, form) };
    } catch (error) {
      unstable_rethrow(error);
      return toFailure(error, echo);
    }
  };
  return register(action, { kind: "publicFormAction", args: options.args, auth: "none" });
}
