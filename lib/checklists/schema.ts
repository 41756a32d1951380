import { z } from "zod";
import { zDate, zId, zRowVersion, zText } from "@/lib/validation/fields";
import { STATUSES } from "./rules";

/** A field a save may leave out: missing (undefined) keeps the stored value, "" or null clears it. */
const keepOrClear = <T extends z.ZodType<string>>(schema: T) =>
  z
    .union([schema, z.literal(""), z.null()])
    .optional()
    .transform((v) => (v === "" ? null : (v as z.output<T> | null | undefined)));

export const ZUpdateItemInput = z.object({
  status: z.enum(STATUSES, { error: "Choose a status." }).optional(),
  // undefined: leave as is; null or "": clear.
  ownerId: keepOrClear(zId("The owner")),
  dueDate: keepOrClear(zDate("The due date")),
  notes: keepOrClear(zText({ max: 4000, label: "Notes" })),
  justification: keepOrClear(zText({ max: 2000, label: "The justification" })),
  expectedVersion: zRowVersion(),
});
export type TUpdateItemInput = z.input<typeof ZUpdateItemInput>;

export const ZBulkStatusInput = z.object({
  itemIds: z.array(zId("An item id"), { error: "Select at least one item." }).min(1, "Select at least one item.").max(500, "Select at most 500 items."),
  versions: z.array(zRowVersion(), { error: "Send one row version per selected item." }).max(500).optional(),
  status: z.enum(STATUSES, { error: "Choose a status." }),
  justification: zText({ max: 2000, label: "The justification" }).optional(),
});

const zBulkItemIds = z.array(zId("An item id"), { error: "Select at least one item." }).min(1, "Select at least one item.").max(500, "Select at most 500 items.");

/**
 * The row version of each selected item as the page saw it, in the order of `itemIds`
 * (optional: API callers without versions get last-writer-wins). A stale one refuses the whole
 * bulk change (409).
 */
const zBulkVersions = z.array(zRowVersion(), { error: "Send one row version per selected item." }).max(500).optional();

/** A bulk field's new value: "" (an emptied form field) becomes null, which clears the field. */
const emptyToNull = (v: unknown) => (v === "" ? null : v);

/** Reviewers' bulk owner change: `ownerId` an active user's id, or "" / null to unassign. */
export const ZBulkOwnerInput = z.object({
  itemIds: zBulkItemIds,
  versions: zBulkVersions,
  ownerId: z.preprocess(emptyToNull, zId("The owner").nullable()),
});

/** Reviewers' bulk due date change: `dueDate` YYYY-MM-DD, or "" / null to clear it. */
export const ZBulkDueDateInput = z.object({
  itemIds: zBulkItemIds,
  versions: zBulkVersions,
  dueDate: z.preprocess(emptyToNull, zDate("The due date").nullable()),
});

export const ZLinkEvidenceInput = z.object({ evidenceId: zId("The evidence id") });
