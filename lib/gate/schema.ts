/**
 * Request and response shapes of the deployment gate API (also the source of its OpenAPI
 * description, lib/openapi).
 */
import { z } from "zod";
import { GATE_DIGEST_PATTERN, GATE_REASON_CODES } from "./evaluate";

const MAX_DIGESTS = 50;

/** A system slug as the inventory makes them (lib/systems/rules.ts `slugify`, plus a numeric suffix). */
export const zSystemSlug = z
  .string({ error: (issue) => (issue.input === undefined ? "system is required: the system's slug, e.g. support-assistant." : "system must be text.") })
  .trim()
  .min(1, "system is required: the system's slug, e.g. support-assistant.")
  .max(80, "system must be at most 80 characters.")
  .regex(/^[a-z0-9][a-z0-9-]*$/, "system must be a slug: lower-case letters, digits and hyphens.");

export const zEnvironment = z
  .string({ error: (issue) => (issue.input === undefined ? "environment is required, e.g. production." : "environment must be text.") })
  .trim()
  .min(1, "environment is required, e.g. production.")
  .max(40, "environment must be at most 40 characters.")
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "environment must be lower-case letters, digits, hyphens or underscores.");

/** `sha256:<64 hex>`; upper-case hex is accepted and lowered. */
export const zGateDigest = z
  .string()
  .trim()
  .transform((v) => v.toLowerCase())
  .pipe(z.string().regex(GATE_DIGEST_PATTERN, "digest must be sha256: followed by 64 hexadecimal characters."));

export const ZGateQuery = z.object({
  system: zSystemSlug,
  environment: zEnvironment,
  digest: z
    .union([z.string(), z.array(z.string())], { error: "digest is required: one or more digest=sha256:<hex> parameters." })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(zGateDigest)
        .min(1, "digest is required.")
        .max(MAX_DIGESTS, `digest may be given at most ${MAX_DIGESTS} times.`)
        .transform((list) => [...new Set(list)]),
    ),
});
export type TGateQuery = z.output<typeof ZGateQuery>;

export const ZGateReason = z.object({
  code: z.enum(GATE_REASON_CODES),
  message: z.string(),
  fix: z.string().nullable().describe("Absolute link to the page where this is fixed."),
});

export const ZGateResponse = z.object({
  allow: z.boolean().describe("True only when every rule passed."),
  reasons: z.array(ZGateReason).describe("Why: APPROVED on allow; on deny, every failed rule."),
  approvalId: z.string().nullable(),
  expiresAt: z.string().nullable().describe("When the approval expires (ISO 8601), when there is one."),
  checkId: z.string().describe("Id of this call's audit record (GateCheck)."),
});
export type TGateResponse = z.infer<typeof ZGateResponse>;
