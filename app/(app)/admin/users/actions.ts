"use server";

import { revalidatePath } from "next/cache";
import { failure, formValues, type ActionState } from "@/lib/action-result";
import { requestMeta, requireApiActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { changeUserRole, createUserAccount, resetUserPassword, setUserDisabled } from "@/lib/users/manage-users";

async function context() {
  return { actor: await requireApiActor(), db, meta: await requestMeta() };
}

export type CreateUserState = ActionState<Record<string, string | string[]>> & { created?: { email: string; temporaryPassword: string } };

export async function createUserAction(_prev: CreateUserState, form: FormData): Promise<CreateUserState> {
  const values = formValues(form);
  try {
    const { user, temporaryPassword } = await createUserAccount(await context(), values);
    revalidatePath("/admin/users");
    return { ok: true, created: { email: user.email, temporaryPassword } };
  } catch (error) {
    return failure(error, values);
  }
}

export async function changeRoleAction(userId: string, role: string): Promise<{ error?: string }> {
  try {
    await changeUserRole(await context(), userId, { role });
  } catch (error) {
    return { error: failure(error, {}).error };
  }
  revalidatePath("/admin/users");
  return {};
}

export async function setDisabledAction(userId: string, disabled: boolean): Promise<{ error?: string }> {
  try {
    await setUserDisabled(await context(), userId, disabled);
  } catch (error) {
    return { error: failure(error, {}).error };
  }
  revalidatePath("/admin/users");
  return {};
}

export async function resetPasswordAction(userId: string): Promise<{ error?: string; temporaryPassword?: string }> {
  try {
    const { temporaryPassword } = await resetUserPassword(await context(), userId);
    revalidatePath("/admin/users");
    return { temporaryPassword };
  } catch (error) {
    return { error: failure(error, {}).error };
  }
}
