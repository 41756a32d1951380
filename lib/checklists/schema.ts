import { z } from "zod";
import { STATUSES } from "./rules";

const optionalDate = z
  .union([z.iso.date({ error: "Use a date like 2027-01-31." }), z.literal(""), z.null()])
  .optional()
  .transform((v) => (v === "" ? null : v));

export const ZUpdateItemInput = z.object({
  status: z.enum(STATUSES, { error: "Choose a status." }).optional(),
  ownerId: z
    .union([z.string().trim().max(64), z.null()])
    .optional()
    .transform((v) => (v === "" ? null : v)),
  dueDate: optionalDate,
  notes: z
    .union([z.string().trim().max(4000, "Notes must be at most 4000 characters."), z.null()])
    .optional()
    .transform((v) => (v === "" ? null : v)),
  justification: z
    .union([z.string().trim().max(2000, "The justification must be at most 2000 characters."), z.null()])
    .optional()
    .transform((v) => (v === "" ? null : v)),
  expectedVersion: z.coerce.number().int().min(1, "Missing record version."),
});
export type TUpdateItemInput = z.input<typeof ZUpdateItemInput>;

export const ZBulkStatusInput = z.object({
  itemIds: z.array(z.string().min(1).max(64)).min(1, "Select at least one item.").max(500),
  status: z.enum(STATUSES, { error: "Choose a status." }),
  justification: z.string().trim().max(2000).optional(),
});

export const ZLinkEvidenceInput = z.object({ evidenceId: z.string().min(1).max(64) });
