"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, serverAction } from "@/lib/server-action";
import { zId, zRowVersion, zText } from "@/lib/validation/fields";
import { addEvidenceToItem } from "./add-item-evidence";
import { bulkSetDueDate, bulkSetOwner } from "./bulk-assign";
import { bulkSetStatus } from "./bulk-status";
import { requestItemReview } from "./review-requests";
import { createChecklist } from "./create-checklist";
import { linkEvidence, unlinkEvidence } from "./evidence-links";
import { applyRecompute } from "./recompute";
import { updateChecklistItem } from "./update-item";
import { upgradeChecklist } from "./upgrade";

// Server actions of the checklist feature: parse (the wrappers), call the service, refresh.

function refresh(systemId: string) {
  revalidatePath(`/systems/${systemId}/checklist`);
}

const systemId = zId("The system id");
const itemId = zId("The item id");
const evidenceId = zId("The evidence id");

export const updateItemAction = formAction({ args: z.tuple([systemId, itemId]) }, async (ctx, [system, item], values) => {
  const { changed } = await updateChecklistItem(ctx, item, values);
  if (!changed) return { message: "Nothing to save: the item already reads like this." };
  refresh(system);
  return { message: "Saved." };
});

export const bulkStatusAction = formAction({ args: z.tuple([systemId]), arrays: ["itemIds", "versions"] }, async (ctx, [system], values) => {
  const { updated } = await bulkSetStatus(ctx, system, { ...values, justification: values.justification || undefined });
  refresh(system);
  return { updated, message: `Updated ${updated} ${updated === 1 ? "item" : "items"}.` };
});

const items = (n: number) => `${n} ${n === 1 ? "item" : "items"}`;

export const bulkOwnerAction = formAction({ args: z.tuple([systemId]), arrays: ["itemIds", "versions"] }, async (ctx, [system], values) => {
  const { updated, unchanged } = await bulkSetOwner(ctx, system, values);
  refresh(system);
  return { updated, message: `Owner changed on ${items(updated)}${unchanged ? `; ${items(unchanged)} already had it` : ""}.` };
});

export const bulkDueDateAction = formAction({ args: z.tuple([systemId]), arrays: ["itemIds", "versions"] }, async (ctx, [system], values) => {
  const { updated, unchanged } = await bulkSetDueDate(ctx, system, values);
  refresh(system);
  return { updated, message: `Due date changed on ${items(updated)}${unchanged ? `; ${items(unchanged)} already had it` : ""}.` };
});

export const linkEvidenceAction = serverAction({ args: z.tuple([systemId, itemId, evidenceId]) }, async (ctx, system, item, evidence) => {
  await linkEvidence(ctx, item, { evidenceId: evidence });
  refresh(system);
});

export const addItemEvidenceAction = formAction({ args: z.tuple([systemId, itemId]) }, async (ctx, [system, item], values) => {
  const evidence = await addEvidenceToItem(ctx, item, values);
  refresh(system);
  revalidatePath(`/systems/${system}/evidence`);
  return { message: `Added “${evidence.title}” and attached it.` };
});

export const requestReviewAction = serverAction({ args: z.tuple([systemId, itemId, zRowVersion()]) }, async (ctx, system, item, version) => {
  await requestItemReview(ctx, item, { expectedVersion: version });
  refresh(system);
});

export const unlinkEvidenceAction = serverAction({ args: z.tuple([systemId, itemId, evidenceId]) }, async (ctx, system, item, evidence) => {
  await unlinkEvidence(ctx, item, { evidenceId: evidence });
  refresh(system);
});

export const createChecklistAction = serverAction({ args: z.tuple([systemId]) }, async (ctx, system) => {
  await createChecklist(ctx, system);
  refresh(system);
});

export const recomputeAction = serverAction({ args: z.tuple([systemId]) }, async (ctx, system) => {
  await applyRecompute(ctx, system);
  refresh(system);
});

export const upgradeAction = serverAction({ args: z.tuple([systemId, zText({ max: 40, min: 1, label: "The library version" })]) }, async (ctx, system, toVersion) => {
  await upgradeChecklist(ctx, system, toVersion);
  refresh(system);
});
