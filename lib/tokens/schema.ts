import { z } from "zod";
import { API_SCOPES } from "@/lib/authz/scopes";
import { zDate, zInt, zName } from "@/lib/validation/fields";

/** Days a new token works when no expiry is given. */
export const TOKEN_DEFAULT_DAYS = 90;
/** The longest a token may work: rotate at least yearly. */
export const TOKEN_MAX_DAYS = 365;

/** `now` plus `days`, as the UTC calendar date YYYY-MM-DD (the form's date value). */
export function utcDatePlusDays(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** What an admin enters to create an API token (form and JSON alike). */
export const ZCreateTokenInput = z.object({
  name: zName({ max: 100, label: "The token name" }),
  scopes: z
    .array(z.enum(API_SCOPES, { error: `Choose scopes among ${API_SCOPES.join(", ")}.` }))
    .min(1, "Choose at least one scope.")
    .transform((s) => [...new Set(s)]),
  /**
   * Last day the token works (UTC, inclusive); "" or absent: `TOKEN_DEFAULT_DAYS` from today.
   * At most `TOKEN_MAX_DAYS` ahead (checked by the service, which knows today).
   */
  expiresOn: z
    .union([zDate("The expiry date"), z.literal(""), z.null()])
    .optional()
    .transform((v) => (v ? v : null)),
  rateLimitPerMinute: z
    .union([zInt({ min: 1, max: 100_000, label: "The rate limit" }), z.literal("")])
    .optional()
    .transform((v) => (v === "" || v === undefined ? 600 : v)),
});
