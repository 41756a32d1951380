"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, serverAction } from "@/lib/server-action";
import { zBool, zId, zText } from "@/lib/validation/fields";
import { changeUserRole, createUserAccount, resetUserPassword, setUserDisabled } from "./manage-users";

// Server actions of user administration (admins only; the services check).

export const createUserAction = formAction({ args: z.tuple([]) }, async (ctx, _args, values) => {
  const { user, temporaryPassword } = await createUserAccount(ctx, values);
  revalidatePath("/admin/users");
  return { email: user.email, temporaryPassword };
});

export const changeRoleAction = serverAction({ args: z.tuple([zId("The user id"), zText({ max: 40, label: "The role" })]) }, async (ctx, userId, role) => {
  await changeUserRole(ctx, userId, { role });
  revalidatePath("/admin/users");
});

export const setDisabledAction = serverAction({ args: z.tuple([zId("The user id"), zBool("Disabled")]) }, async (ctx, userId, disabled) => {
  await setUserDisabled(ctx, userId, disabled);
  revalidatePath("/admin/users");
});

export const resetPasswordAction = serverAction({ args: z.tuple([zId("The user id")]) }, async (ctx, userId) => {
  const { temporaryPassword } = await resetUserPassword(ctx, userId);
  revalidatePath("/admin/users");
  return { temporaryPassword };
});
