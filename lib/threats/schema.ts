/**
 * Zod schemas for threat-model input, shared by the forms and the services. Form fields
 * arrive as strings ("" for untouched, "on" for a ticked box); JSON callers may send real
 * numbers, booleans and arrays: both parse to the same shape.
 */
import { z } from "zod";
import { StrideCategory, ThreatTreatment } from "@/generated/prisma/enums";
import { THREAT_ID_PATTERN } from "./library-schema";
import { isStorableText, zDate, zInt, zName, zRowVersion, zText } from "@/lib/validation/fields";

export const expectedVersion = zRowVersion();

const requiredText = (label: string, max: number) => zText({ min: 1, max, label });

const optionalText = (label: string, max: number) =>
  z
    .union([zText({ max, label }), z.null()], { error: `${label} must be text.` })
    .optional()
    .transform((v) => (v === undefined ? undefined : v ? v : null));

/** A ticked checkbox ("on"), "true"/"false" text, or a boolean. Missing means false. */
const checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || (typeof v === "string" && ["on", "true", "yes", "1"].includes(v.trim().toLowerCase())));

/** A list from a multi-select or JSON array; "" entries dropped, duplicates removed. */
const idList = (label: string, max: number) =>
  z
    .union([z.array(z.string()), z.string()], { error: `${label} must be a list.` })
    .optional()
    .transform((v) => [...new Set((v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean))])
    .refine((list) => list.length <= max, `Choose at most ${max} ${label.toLowerCase()}.`)
    .refine((list) => list.every((s) => s.length <= 64 && isStorableText(s)), `${label} are unknown.`);

const score = (label: string) =>
  zInt({ min: 1, max: 5, message: `Choose a ${label.toLowerCase()} from 1 to 5.` });

/** "" or missing = not set (null). */
const optionalScore = (label: string) =>
  z
    .union([z.literal(""), z.null(), score(label)])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v));

/** Assumptions: a JSON array, or one text box with one assumption per line. */
const assumptions = z
  .union([z.array(z.string()), z.string()], { error: "Assumptions must be a list." })
  .optional()
  .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : v.split(/\r?\n/)).map((s) => s.trim()).filter(Boolean)))
  .refine((list) => list.length <= 50, "Record at most 50 assumptions.")
  .refine((list) => list.every((s) => s.length <= 500), "Each assumption must be at most 500 characters.")
  .refine((list) => list.every(isStorableText), "An assumption contains a character that cannot be stored (NUL or a lone UTF-16 surrogate).");

export const ZUpdateModelInput = z.object({
  scope: zText({ max: 4000, label: "Scope" }),
  assumptions,
  expectedVersion,
});

export const ZDataFlowInput = z.object({
  source: requiredText("Source", 200),
  target: requiredText("Target", 200),
  data: requiredText("Data", 500),
  crossesTrustBoundary: checkbox,
  assetIds: idList("Assets", 50),
});

export const ZUpdateDataFlowInput = ZDataFlowInput.extend({ expectedVersion });

export const ZAddLibraryThreatsInput = z.object({
  threatIds: idList("Threats", 80)
    .refine((ids) => ids.length > 0, "Choose at least one threat.")
    .refine((ids) => ids.every((id) => THREAT_ID_PATTERN.test(id)), "Threat IDs look like T-PI-01."),
});

const strideField = z
  .union([z.literal(""), z.null(), z.enum(StrideCategory, { error: "Choose a STRIDE category." })])
  .optional()
  .transform((v) => (v === "" || v === undefined ? null : v));

export const ZCustomThreatInput = z.object({
  title: zName({ max: 200, label: "Title" }),
  description: requiredText("Description", 4000),
  stride: strideField,
  likelihood: score("Likelihood"),
  impact: score("Impact"),
  assetIds: idList("Assets", 50),
});

export const ZUpdateThreatInput = z.object({
  title: zName({ max: 200, label: "Title" }),
  description: requiredText("Description", 4000),
  stride: strideField,
  assetIds: idList("Assets", 50),
  likelihood: score("Likelihood"),
  impact: score("Impact"),
  residualLikelihood: optionalScore("Residual likelihood"),
  residualImpact: optionalScore("Residual impact"),
  treatment: z
    .union([z.literal(""), z.null(), z.enum(ThreatTreatment, { error: "Choose a treatment." })])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v)),
  mitigationNotes: optionalText("Mitigation notes", 4000),
  controlCodes: idList("Controls", 40),
  /** With treatment ACCEPT: a new or renewed acceptance by the acting reviewer. */
  acceptanceRationale: optionalText("Rationale", 2000),
  acceptanceExpiresOn: z
    .union([z.literal(""), z.null(), zDate("The acceptance end date")])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v)),
  expectedVersion,
});
export type TUpdateThreatInput = z.input<typeof ZUpdateThreatInput>;

export const ZDismissInput = z.object({
  threatId: z.string().trim().regex(THREAT_ID_PATTERN, "Threat IDs look like T-PI-01."),
  reason: zText({ max: 500, label: "The reason" }).refine((v) => v.length >= 10, { message: "Say in at least 10 characters why this threat does not apply." }),
});

export const ZRestoreInput = z.object({ threatId: z.string().trim().regex(THREAT_ID_PATTERN, "Threat IDs look like T-PI-01.") });

export const ZTransitionInput = z.object({
  expectedVersion,
  comment: optionalText("Comment", 2000),
});

export const ZDeleteInput = z.object({ expectedVersion });

