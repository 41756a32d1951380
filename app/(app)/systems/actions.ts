"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failure, formValues, type ActionState } from "@/lib/action-result";
import { requestMeta, requireApiActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { setSystemArchived } from "@/lib/systems/archive-system";
import { createSystem } from "@/lib/systems/create-system";
import type { SystemDetail } from "@/lib/systems/queries";
import { updateSystem } from "@/lib/systems/update-system";

export type SystemFormState = ActionState<Record<string, string | string[]>, SystemDetail>;

async function context() {
  return { actor: await requireApiActor(), db, meta: await requestMeta() };
}

export async function createSystemAction(_prev: SystemFormState, form: FormData): Promise<SystemFormState> {
  const values = formValues(form, ["contributorIds"]);
  let id: string;
  try {
    ({ id } = await createSystem(await context(), values));
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath("/systems");
  redirect(`/systems/${id}?created=1`);
}

export async function updateSystemAction(systemId: string, _prev: SystemFormState, form: FormData): Promise<SystemFormState> {
  const values = formValues(form, ["contributorIds"]);
  try {
    await updateSystem(await context(), systemId, values);
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath(`/systems/${systemId}`);
  redirect(`/systems/${systemId}?saved=1`);
}

export async function archiveSystemAction(systemId: string, archived: boolean, expectedVersion: number): Promise<{ error?: string }> {
  try {
    await setSystemArchived(await context(), systemId, { archived, expectedVersion });
  } catch (error) {
    return { error: failure(error, {}).error };
  }
  revalidatePath(`/systems/${systemId}`);
  revalidatePath("/systems");
  return {};
}
