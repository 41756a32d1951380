import { z } from "zod";
import { Autonomy, Exposure, LifecycleState, RiskTier, Sensitivity } from "@/generated/prisma/enums";

export const RISK_TIERS = Object.values(RiskTier);
export const SENSITIVITIES = Object.values(Sensitivity);
export const AUTONOMY_LEVELS = Object.values(Autonomy);
export const EXPOSURES = Object.values(Exposure);
export const LIFECYCLE_STATES = Object.values(LifecycleState);

const id = z.string().trim().min(1).max(64);

/** Fields a person edits on the system form (create and edit share it). */
export const ZSystemFields = z.object({
  name: z.string().trim().min(2, "Name must be at least 2 characters.").max(120, "Name must be at most 120 characters."),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(64, "Slug must be at most 64 characters.")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens (e.g. support-assistant).")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  purpose: z
    .string()
    .trim()
    .min(10, "Describe the purpose in at least 10 characters.")
    .max(4000, "Purpose must be at most 4000 characters."),
  riskTier: z.enum(RiskTier, { error: "Choose a risk tier." }),
  dataSensitivity: z.enum(Sensitivity, { error: "Choose the data sensitivity." }),
  autonomy: z.enum(Autonomy, { error: "Choose the autonomy level." }),
  exposure: z.enum(Exposure, { error: "Choose the exposure." }),
  nextReviewDue: z
    .union([z.iso.date({ error: "Use a date like 2027-01-31." }), z.literal("").transform(() => undefined)])
    .optional(),
  ownerId: id.optional(),
  contributorIds: z.array(id).max(50, "At most 50 contributors.").default([]),
});

export const ZCreateSystemInput = ZSystemFields;
export type TCreateSystemInput = z.input<typeof ZCreateSystemInput>;

export const ZUpdateSystemInput = ZSystemFields.extend({
  lifecycle: z.enum(LifecycleState).optional(),
  expectedVersion: z.coerce.number().int().min(1, "Missing record version."),
});
export type TUpdateSystemInput = z.input<typeof ZUpdateSystemInput>;

export const ZArchiveSystemInput = z.object({
  archived: z.boolean(),
  expectedVersion: z.coerce.number().int().min(1),
});

const list = <T extends string>(values: readonly T[]) =>
  z
    .union([z.enum(values as [T, ...T[]]), z.array(z.enum(values as [T, ...T[]]))])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const SORTS = ["name", "updated", "tier", "review"] as const;

export const ZListSystemsQuery = z.object({
  q: z.string().trim().max(200).optional(),
  tier: list(RISK_TIERS),
  lifecycle: list(LIFECYCLE_STATES),
  autonomy: list(AUTONOMY_LEVELS),
  sensitivity: list(SENSITIVITIES),
  owner: id.optional(),
  archived: z.enum(["active", "archived", "all"]).default("active"),
  sort: z.enum(SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TListSystemsQuery = z.infer<typeof ZListSystemsQuery>;
