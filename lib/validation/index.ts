import { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors";

/** Parses input with a Zod schema or throws a ValidationError with per-field messages. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, message = "Please correct the highlighted fields."): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(message, zodFieldErrors(result.error));
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/** True for Prisma's unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
