"use server";

import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/auth";
import { ZSignInInput } from "@/lib/auth/authenticate";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, issueDeviceToken, verifyDeviceToken } from "@/lib/auth/device-cookie";
import { safeNextPath } from "@/lib/auth/safe-next";
import { getConfig } from "@/lib/config";
import { TooManyRequestsError, ValidationError } from "@/lib/errors";
import { formAction, publicFormAction } from "@/lib/server-action";
import { changeOwnPassword } from "@/lib/users/manage-users";
import { parseOrThrow } from "@/lib/validation";

// Server actions of signing in and out: the sign-in forms (before anyone is signed in) and the
// password change (allowed on a temporary password). Passwords are never sent back to the form.

/** Sign in with email and password; on success go to the (checked) `next` path. */
export const signInAction = publicFormAction({ args: z.tuple([]), secret: ["password"] }, async (_args, values) => {
  const input = parseOrThrow(ZSignInInput, { email: values.email, password: values.password });
  try {
    await signIn("credentials", { ...input, redirect: false });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    if ((error as AuthError & { code?: string }).code === "rate_limited") {
      const minutes = waitMinutes();
      throw new TooManyRequestsError(`Too many failed sign-in attempts. Wait up to ${minutes} minutes and try again, or ask an admin to reset your password.`, minutes * 60);
    }
    throw new ValidationError("The email or password is not correct.");
  }
  await rememberDevice(input.email);
  redirect(safeNextPath(values.next));
});

/** Start single sign-on; the provider sends the browser back to the (checked) `next` path. */
export const oidcSignInAction = publicFormAction({ args: z.tuple([]) }, async (_args, values) => {
  await signIn("oidc", { redirectTo: safeNextPath(values.next) });
});

/** Replace one's own (possibly temporary) password; every session ends, so sign in again. */
export const changePasswordAction = formAction({ args: z.tuple([]), auth: "temporary-password", secret: ["current", "password", "confirm"] }, async (ctx, _args, values) => {
  await changeOwnPassword(ctx, values);
  // Every session, this one included, ended with the change: sign in with the new password.
  await signOut({ redirect: false });
  redirect("/login?changed=1");
});

/** After a successful sign-in: this browser is a known device for this account (device-cookie.ts). */
async function rememberDevice(email: string) {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return;
  const jar = await cookies();
  if (verifyDeviceToken(jar.get(DEVICE_COOKIE)?.value, email, secret)) return;
  jar.set(DEVICE_COOKIE, issueDeviceToken(email, secret), {
    httpOnly: true,
    sameSite: "lax",
    secure: getConfig().AUTH_URL?.startsWith("https:") ?? false,
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  });
}

/** The longest either limit can make someone wait (the same words whatever the cause). */
function waitMinutes() {
  const cfg = getConfig();
  return Math.max(cfg.LOGIN_WINDOW_MINUTES, cfg.LOGIN_BACKOFF_MAX_MINUTES);
}
