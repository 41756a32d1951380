"use server";

import { redirect } from "next/navigation";
import { failure, formValues, type ActionState } from "@/lib/action-result";
import { signOut } from "@/lib/auth/auth";
import { requestMeta, requireApiActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { changeOwnPassword } from "@/lib/users/manage-users";

export async function changePasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  try {
    await changeOwnPassword({ actor: await requireApiActor({ allowTemporaryPassword: true }), db, meta: await requestMeta() }, values);
  } catch (error) {
    return failure(error, {});
  }
  // Every session, this one included, ended with the change: sign in with the new password.
  await signOut({ redirect: false });
  redirect("/login?changed=1");
}
