/** Input schemas of the approval services (built from the shared field blocks). */
import { z } from "zod";
import { RiskTier } from "@/generated/prisma/enums";
import { zBool, zDate, zId, zInt, zName, zRowVersion, zText } from "@/lib/validation/fields";
import { APPROVALS_REQUIRED_MAX, APPROVALS_REQUIRED_MIN, VALIDITY_DAYS_MAX, VALIDITY_DAYS_MIN } from "./policy-rules";

export const COMMENT_MIN = 10;
export const RATIONALE_MIN = 30;
/** An exception holds at most this many days (then the release needs a new decision). */
export const EXCEPTION_MAX_DAYS = 90;

/** Environment keys: lower-case letters, digits and hyphens, e.g. "production", "eu-staging". */
export const ENVIRONMENT_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const zEnvironmentKey = (label = "The environment") =>
  zText({ max: 40, min: 1, label }).pipe(z.string().regex(ENVIRONMENT_KEY_PATTERN, `${label} uses lower-case letters, digits and hyphens (e.g. production).`));

export const ZOpenRequestInput = z.object({
  systemId: zId("The system"),
  releaseLabel: zName({ max: 80, label: "The release label" }),
  environment: zEnvironmentKey(),
});

export const ZSubmitInput = z.object({
  expectedVersion: zRowVersion(),
  /** The requester acknowledges failing gate rules: the request goes in as "needs exception". */
  asException: zBool("Submit as needs exception").default(false),
});

export const ZWithdrawInput = z.object({ expectedVersion: zRowVersion() });

export const ZDecideInput = z.object({
  outcome: z.enum(["APPROVE", "REJECT", "REQUEST_CHANGES"], { error: "Choose approve, reject or request changes." }),
  comment: zText({ max: 4000, min: COMMENT_MIN, label: "The comment" }),
});

export const ZExceptionInput = z.object({
  rationale: zText({ max: 4000, min: RATIONALE_MIN, label: "The rationale" }),
  expiresOn: zDate("The expiry date"),
});

export const ZRevokeInput = z.object({
  reason: zText({ max: 2000, min: COMMENT_MIN, label: "The reason" }),
});

export const ZTierPolicyInput = z.object({
  tier: z.enum(RiskTier, { error: "Choose a risk tier." }),
  approvalsRequired: zInt({ min: APPROVALS_REQUIRED_MIN, max: APPROVALS_REQUIRED_MAX, label: "Approvals required" }),
  validityDays: zInt({ min: VALIDITY_DAYS_MIN, max: VALIDITY_DAYS_MAX, label: "Validity (days)" }),
  expectedVersion: zRowVersion(),
});

export const ZEnvironmentInput = z.object({
  key: zEnvironmentKey("The key"),
  label: zName({ max: 60, label: "The label" }),
  /** A production environment: gate denials there notify the system's team (an unchecked box sends nothing: false). */
  production: zBool("Production").default(false),
});

const APPROVAL_STATES = ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "REJECTED", "WITHDRAWN", "EXPIRED", "REVOKED", "STALE"] as const;
const zDays = (label: string) =>
  z
    .union([z.literal(""), z.coerce.number({ error: `${label} must be a number of days.` }).int(`${label} must be whole days.`).min(1, `${label} must be 1 to 365 days.`).max(365, `${label} must be 1 to 365 days.`)])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v));

/** Query of the filtered approvals list (/approvals?view=all&…, lib/approvals/portfolio.ts). */
export const ZListApprovals = z.object({
  state: z.union([z.enum(APPROVAL_STATES, { error: "Unknown request state." }), z.literal("")]).optional().transform((v) => v || null),
  expiring: zDays("Expiring within"),
  closedWithin: zDays("Closed within"),
  exception: z.union([z.literal("in-force"), z.literal("")], { error: "Unknown exception filter." }).optional().transform((v) => v || null),
  page: z.coerce.number({ error: "The page must be a number." }).int().min(1).max(100_000).optional().default(1),
});
export type TListApprovals = z.output<typeof ZListApprovals>;
