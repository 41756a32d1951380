"use server";

import { revalidatePath } from "next/cache";
import { failure, formValues, type ActionState } from "@/lib/action-result";
import { requestMeta, requireApiActor } from "@/lib/auth/session";
import { bulkSetStatus } from "@/lib/checklists/bulk-status";
import { createChecklist } from "@/lib/checklists/create-checklist";
import { linkEvidence, unlinkEvidence } from "@/lib/checklists/evidence-links";
import { applyRecompute } from "@/lib/checklists/recompute";
import { updateChecklistItem } from "@/lib/checklists/update-item";
import { upgradeChecklist } from "@/lib/checklists/upgrade";
import { db } from "@/lib/db/client";

async function context() {
  return { actor: await requireApiActor(), db, meta: await requestMeta() };
}

function refresh(systemId: string) {
  revalidatePath(`/systems/${systemId}/checklist`);
}

export type ItemFormState = ActionState<Record<string, string | string[]>>;

export async function updateItemAction(systemId: string, itemId: string, _prev: ItemFormState, form: FormData): Promise<ItemFormState> {
  const values = formValues(form);
  try {
    await updateChecklistItem(await context(), itemId, values);
  } catch (error) {
    return failure(error, values);
  }
  refresh(systemId);
  return { ok: true, message: "Saved." };
}

export async function bulkStatusAction(systemId: string, _prev: ItemFormState, form: FormData): Promise<ItemFormState> {
  const values = formValues(form, ["itemIds"]);
  try {
    const { updated } = await bulkSetStatus(await context(), systemId, { ...values, justification: values.justification || undefined });
    refresh(systemId);
    return { ok: true, message: `Updated ${updated} ${updated === 1 ? "item" : "items"}.` };
  } catch (error) {
    return failure(error, values);
  }
}

async function simpleAction(fn: () => Promise<unknown>, systemId: string): Promise<{ error?: string }> {
  try {
    await fn();
  } catch (error) {
    return { error: failure(error, {}).error };
  }
  refresh(systemId);
  return {};
}

export async function linkEvidenceAction(systemId: string, itemId: string, evidenceId: string) {
  const ctx = await context();
  return simpleAction(() => linkEvidence(ctx, itemId, { evidenceId }), systemId);
}

export async function unlinkEvidenceAction(systemId: string, itemId: string, evidenceId: string) {
  const ctx = await context();
  return simpleAction(() => unlinkEvidence(ctx, itemId, { evidenceId }), systemId);
}

export async function createChecklistAction(systemId: string) {
  const ctx = await context();
  return simpleAction(() => createChecklist(ctx, systemId), systemId);
}

export async function recomputeAction(systemId: string) {
  const ctx = await context();
  return simpleAction(() => applyRecompute(ctx, systemId), systemId);
}

export async function upgradeAction(systemId: string, toVersion: string) {
  const ctx = await context();
  return simpleAction(() => upgradeChecklist(ctx, systemId, toVersion), systemId);
}
