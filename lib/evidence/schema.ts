import { z } from "zod";

const DATE_MESSAGE = "Use a date like 2027-01-31.";

/** Optional free text: trimmed; "" (an untouched form field) becomes null. */
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .nullish()
    .transform((v) => v || null);

const optionalDate = z
  .union([z.iso.date({ error: DATE_MESSAGE }), z.literal(""), z.null()], { error: DATE_MESSAGE })
  .optional()
  .transform((v) => v || null);

/** Fields every kind of evidence has. */
const metaShape = {
  title: z
    .string({ error: "Give the evidence a title." })
    .trim()
    .min(2, "Title must be at least 2 characters.")
    .max(200, "Title must be at most 200 characters."),
  description: optionalText("Description", 2000),
  /** The day the evidence speaks for (e.g. the date of the pen-test report), not the upload day. */
  effectiveDate: z.iso.date({ error: DATE_MESSAGE }),
  /** The last day the evidence holds (inclusive); empty = no expiry. */
  expiresAt: optionalDate,
  /** The evidence this one corrects. */
  revisionOfId: z
    .string({ error: "Unknown evidence to revise." })
    .trim()
    .max(64, "Unknown evidence to revise.")
    .nullish()
    .transform((v) => v || null),
};

function expiryAfterEffective(value: { effectiveDate: string; expiresAt: string | null }, ctx: z.RefinementCtx) {
  if (value.expiresAt && value.expiresAt <= value.effectiveDate) {
    ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "The expiry date must be after the effective date." });
  }
}

export const ZEvidenceMeta = z.object(metaShape).superRefine(expiryAfterEffective);
export type TEvidenceMeta = z.input<typeof ZEvidenceMeta>;
export type EvidenceMeta = z.output<typeof ZEvidenceMeta>;

export const ZLinkEvidenceInput = z
  .object({
    ...metaShape,
    url: z
      .string({ error: "Enter the link's address." })
      .trim()
      .min(1, "Enter the link's address.")
      .max(2000, "The address must be at most 2000 characters.")
      .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// address." })),
  })
  .superRefine(expiryAfterEffective);
export type TLinkEvidenceInput = z.input<typeof ZLinkEvidenceInput>;

export const ZNoteEvidenceInput = z
  .object({
    ...metaShape,
    body: z
      .string({ error: "Write the note." })
      .trim()
      .min(1, "Write the note.")
      .max(20_000, "The note must be at most 20000 characters."),
  })
  .superRefine(expiryAfterEffective);
export type TNoteEvidenceInput = z.input<typeof ZNoteEvidenceInput>;

/** What the JSON endpoint accepts: the kind picks the schema above. */
export const ZEvidenceKindOnly = z.object({
  kind: z.enum(["LINK", "NOTE"], { error: 'Choose the kind of evidence: "LINK" or "NOTE" (files are uploaded separately).' }),
});

export const ZDeleteEvidenceInput = z.object({
  reason: z
    .string({ error: "Say why this evidence is being deleted." })
    .trim()
    .min(10, "Explain the deletion in at least 10 characters.")
    .max(2000, "The reason must be at most 2000 characters."),
});
export type TDeleteEvidenceInput = z.input<typeof ZDeleteEvidenceInput>;

export const ZListEvidenceQuery = z.object({
  includeDeleted: z
    .union([z.boolean(), z.enum(["true", "false", "1", "0", ""])])
    .optional()
    .transform((v) => v === true || v === "true" || v === "1"),
});
