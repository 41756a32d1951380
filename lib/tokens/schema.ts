import { z } from "zod";
import { API_SCOPES } from "@/lib/authz/scopes";
import { zDate, zInt, zName } from "@/lib/validation/fields";

/** What an admin enters to create an API token (form and JSON alike). */
export const ZCreateTokenInput = z.object({
  name: zName({ max: 100, label: "The token name" }),
  scopes: z
    .array(z.enum(API_SCOPES, { error: `Choose scopes among ${API_SCOPES.join(", ")}.` }))
    .min(1, "Choose at least one scope.")
    .transform((s) => [...new Set(s)]),
  /** Last day the token works (UTC, inclusive); "" or absent: never expires. */
  expiresOn: z
    .union([zDate("The expiry date"), z.literal(""), z.null()])
    .optional()
    .transform((v) => (v ? v : null)),
  rateLimitPerMinute: z
    .union([zInt({ min: 1, max: 100_000, label: "The rate limit" }), z.literal("")])
    .optional()
    .transform((v) => (v === "" || v === undefined ? 600 : v)),
});
export type TCreateTokenInput = z.input<typeof ZCreateTokenInput>;
