"use server";

import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { ZSignInInput } from "@/lib/auth/authenticate";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, issueDeviceToken, verifyDeviceToken } from "@/lib/auth/device-cookie";
import { safeNextPath } from "@/lib/auth/safe-next";
import { getConfig } from "@/lib/config";
import { zodFieldErrors } from "@/lib/validation";

export type SignInState = { error?: string; fieldErrors?: Record<string, string[]>; email?: string };

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const parsed = ZSignInInput.safeParse({ email, password: form.get("password") });
  if (!parsed.success) return { fieldErrors: zodFieldErrors(parsed.error), email };
  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "rate_limited") {
        return {
          error: `Too many failed sign-in attempts. Wait up to ${waitMinutes()} minutes and try again, or ask an admin to reset your password.`,
          email,
        };
      }
      return { error: "The email or password is not correct.", email };
    }
    throw error;
  }
  await rememberDevice(parsed.data.email);
  redirect(safeNextPath(form.get("next")));
}

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

export async function oidcSignInAction(form: FormData) {
  await signIn("oidc", { redirectTo: safeNextPath(form.get("next")) });
}
