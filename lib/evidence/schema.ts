import { z } from "zod";
import { zDate, zId, zName, zOptionalText, zText } from "@/lib/validation/fields";

const DATE_MESSAGE = "Use a date like 2027-01-31.";

/** Optional free text: trimmed; "" (an untouched form field) becomes null. */
const optionalText = (label: string, max: number) => zOptionalText({ max, label });

const optionalDate = z
  .union([zDate("The expiry date"), z.literal(""), z.null()], { error: DATE_MESSAGE })
  .optional()
  .transform((v) => v || null);

/** Fields every kind of evidence has. */
const metaShape = {
  title: zName({ min: 2, max: 200, label: "Title" }),
  description: optionalText("Description", 2000),
  /** The day the evidence speaks for (e.g. the date of the pen-test report), not the upload day. */
  effectiveDate: zDate("The valid-from date"),
  /** The last day the evidence holds (inclusive); empty = no expiry. */
  expiresAt: optionalDate,
  /** The evidence this one corrects. */
  revisionOfId: z
    .union([zId("The evidence to revise"), z.literal(""), z.null()], { error: "Unknown evidence to revise." })
    .optional()
    .transform((v) => v || null),
};

function expiryAfterEffective(value: { effectiveDate: string; expiresAt: string | null }, ctx: z.RefinementCtx) {
  if (value.expiresAt && value.expiresAt <= value.effectiveDate) {
    ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "The expiry date must be after the valid-from date." });
  }
}

export const ZEvidenceMeta = z.object(metaShape).superRefine(expiryAfterEffective);
export type TEvidenceMeta = z.input<typeof ZEvidenceMeta>;
export type EvidenceMeta = z.output<typeof ZEvidenceMeta>;

export const ZLinkEvidenceInput = z
  .object({
    ...metaShape,
    url: zText({ min: 1, max: 2000, label: "The address" })
      .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// address." })),
  })
  .superRefine(expiryAfterEffective);
export type TLinkEvidenceInput = z.input<typeof ZLinkEvidenceInput>;

export const ZNoteEvidenceInput = z
  .object({
    ...metaShape,
    body: zText({ min: 1, max: 20_000, label: "The note" }),
  })
  .superRefine(expiryAfterEffective);
export type TNoteEvidenceInput = z.input<typeof ZNoteEvidenceInput>;

/** What the JSON endpoint accepts: the kind picks the schema above. */
export const ZEvidenceKindOnly = z.object({
  kind: z.enum(["LINK", "NOTE"], { error: 'Choose the kind of evidence: "LINK" or "NOTE" (files are uploaded separately).' }),
});

export const ZDeleteEvidenceInput = z.object({
  reason: zText({ max: 2000, label: "The reason" }).refine((v) => v.length >= 10, { message: "Explain the deletion in at least 10 characters." }),
});
export type TDeleteEvidenceInput = z.input<typeof ZDeleteEvidenceInput>;

export const ZListEvidenceQuery = z.object({
  includeDeleted: z
    .union([z.boolean(), z.enum(["true", "false", "1", "0", ""])])
    .optional()
    .transform((v) => v === true || v === "true" || v === "1"),
});
