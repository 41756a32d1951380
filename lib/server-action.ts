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
  return async (...raw: unknown[]) => {
    try {
      const ctx = await context(options);
      const args = parseArgs(options.args, raw);
      return { ok: true, data: await handler(ctx, ...(args as z.output<A>)) };
    } catch (error) {
      unstable_rethrow(error);
      return toFailure(error);
    }
  };
}

/**
 * The same wrapper for forms used with `useActionState`: the action takes the bound
 * arguments, then the previous state and the FormData. The form's fields arrive in the handler
 * as a plain object (`formValues`; fields named in `arrays` always as arrays) for the service
 * to parse with its schema; on a refusal they are returned as `values` so the form shows what
 * the user typed. File fields are not in `values`: a handler that takes a file reads it from
 * the `form` it also receives, and checks it itself.
 */
export function formAction<A extends ArgsSchema, T>(
  options: Auth & { args: A; arrays?: readonly string[] },
  handler: (ctx: ServiceContext, args: z.output<A>, values: FormValues, form: FormData) => Promise<T>,
): (...args: [...z.input<A>, previous: unknown, form: FormData]) => Promise<ActionResult<T>> {
  return async (...raw: unknown[]) => {
    const form = raw[raw.length - 1];
    const values = form instanceof FormData ? formValues(form, options.arrays) : undefined;
    try {
      const ctx = await context(options);
      if (!(form instanceof FormData)) throw new ValidationError("This request was not understood (the form is missing). Reload the page and try again.");
      const args = parseArgs(options.args, raw.slice(0, -2));
      return { ok: true, data: await handler(ctx, args, values!, form) };
    } catch (error) {
      unstable_rethrow(error);
      return toFailure(error, values);
    }
  };
}
