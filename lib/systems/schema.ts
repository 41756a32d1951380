import { z } from "zod";
import { zId, zInt, zName, zOptionalDate, zRowVersion, zText } from "@/lib/validation/fields";
import { Autonomy, Exposure, LifecycleState, RiskTier, Sensitivity } from "@/generated/prisma/enums";

export const RISK_TIERS = Object.values(RiskTier);
export const SENSITIVITIES = Object.values(Sensitivity);
export const AUTONOMY_LEVELS = Object.values(Autonomy);
export const EXPOSURES = Object.values(Exposure);
export const LIFECYCLE_STATES = Object.values(LifecycleState);

const id = zId("The person");

/** Fields a person edits on the system form (create and edit share it). */
export const ZSystemFields = z.object({
  name: zName({ min: 2, max: 120, label: "Name" }),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(64, "The short ID must be at most 64 characters.")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens (e.g. support-assistant).")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  purpose: zText({ max: 4000, label: "Purpose" }).refine((v) => v.length >= 10, { message: "Describe the purpose in at least 10 characters." }),
  riskTier: z.enum(RiskTier, { error: "Choose a risk tier." }),
  dataSensitivity: z.enum(Sensitivity, { error: "Choose the data sensitivity." }),
  autonomy: z.enum(Autonomy, { error: "Choose the autonomy level." }),
  exposure: z.enum(Exposure, { error: "Choose the exposure." }),
  nextReviewDue: zOptionalDate("The next review date"),
  ownerId: id.optional(),
  contributorIds: z.array(id).max(50, "At most 50 contributors.").default([]),
});

export const ZCreateSystemInput = ZSystemFields;
export type TCreateSystemInput = z.input<typeof ZCreateSystemInput>;

export const ZUpdateSystemInput = ZSystemFields.extend({
  lifecycle: z.enum(LifecycleState).optional(),
  expectedVersion: zRowVersion(),
});
export type TUpdateSystemInput = z.input<typeof ZUpdateSystemInput>;

export const ZArchiveSystemInput = z.object({
  archived: z.boolean({ error: "Archived must be true or false." }),
  expectedVersion: zRowVersion(),
});

const list = <T extends string>(values: readonly T[]) =>
  z
    .union([z.enum(values as [T, ...T[]]), z.array(z.enum(values as [T, ...T[]]))])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const SORTS = ["name", "updated", "tier", "review", "readiness"] as const;

/** Checklist pillars (lib/controls/library-schema.ts PILLARS). */
export const READINESS_PILLARS = ["DES", "DEV", "DEP", "OPS", "DEC"] as const;
/**
 * Completion bands of one pillar (SystemPillarReadiness.band, kept by the readiness trigger),
 * plus NO_CHECKLIST for systems that have no checklist yet.
 */
export const READINESS_BANDS = ["NO_CHECKLIST", "NOT_STARTED", "UNDER_WAY", "MOSTLY_DONE", "COMPLETE"] as const;
export type ReadinessBand = (typeof READINESS_BANDS)[number];
/** overdue: next review before today; due30: from today to today + 30 days. */
export const REVIEW_FILTERS = ["overdue", "due30"] as const;

export const ZListSystemsQuery = z.object({
  q: zText({ max: 200, label: "The search" }).optional(),
  tier: list(RISK_TIERS),
  lifecycle: list(LIFECYCLE_STATES),
  autonomy: list(AUTONOMY_LEVELS),
  sensitivity: list(SENSITIVITIES),
  owner: id.optional(),
  review: z.enum(REVIEW_FILTERS).optional(),
  pillar: z.enum(READINESS_PILLARS).optional(),
  /** With `pillar`: that pillar's band. Without: NO_CHECKLIST only (systems without a checklist). */
  band: z.enum(READINESS_BANDS).optional(),
  archived: z.enum(["active", "archived", "all"]).default("active"),
  sort: z.enum(SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  cursor: zText({ max: 500, label: "The cursor" }).optional(),
  limit: zInt({ min: 1, max: 100, label: "The page size" }).default(25),
});
export type TListSystemsQuery = z.infer<typeof ZListSystemsQuery>;
