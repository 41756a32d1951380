"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAsset } from "@/lib/assets/create-asset";
import { deleteAsset } from "@/lib/assets/delete-asset";
import type { AssetDetail } from "@/lib/assets/queries";
import { updateAsset } from "@/lib/assets/update-asset";
import { failure, formValues, type ActionState } from "@/lib/action-result";
import { requestMeta, requireApiActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";

export type AssetFormState = ActionState<Record<string, string | string[]>, AssetDetail>;

const ARRAYS = ["capabilities"];

async function context() {
  return { actor: await requireApiActor(), db, meta: await requestMeta() };
}

export async function createAssetAction(systemId: string, _prev: AssetFormState, form: FormData): Promise<AssetFormState> {
  const values = formValues(form, ARRAYS);
  try {
    await createAsset(await context(), systemId, values);
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath(`/systems/${systemId}/assets`);
  redirect(`/systems/${systemId}/assets?added=${encodeURIComponent(String(values.name ?? ""))}`);
}

export async function updateAssetAction(systemId: string, assetId: string, _prev: AssetFormState, form: FormData): Promise<AssetFormState> {
  const values = formValues(form, ARRAYS);
  try {
    await updateAsset(await context(), assetId, values);
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath(`/systems/${systemId}/assets`);
  redirect(`/systems/${systemId}/assets?saved=${encodeURIComponent(String(values.name ?? ""))}`);
}

export async function deleteAssetAction(systemId: string, assetId: string, expectedVersion: number): Promise<{ error?: string }> {
  try {
    await deleteAsset(await context(), assetId, { expectedVersion });
  } catch (error) {
    return { error: failure(error, {}).error };
  }
  revalidatePath(`/systems/${systemId}/assets`);
  return {};
}
