import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BrandMark } from "@/components/brand";
import { safeNextPath } from "@/lib/auth/safe-next";
import { getActor } from "@/lib/auth/session";
import { getConfig, oidcEnabled } from "@/lib/config";
import { LoginForm, OidcSignInForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await getActor()) redirect(next);
  const cfg = getConfig();
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-slate-50 via-white to-brand-50 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <BrandMark className="h-12 w-12" />
          <h1 className="mt-4 text-xl font-semibold text-slate-900">Sign in to AI Governance</h1>
          <p className="mt-1 text-sm text-slate-500">Secure AI system development, from design to decommissioning.</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          {params.error && params.error !== "CredentialsSignin" ? (
            <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {params.error === "AccessDenied"
                ? "Single sign-on did not let you in: this account is disabled or cannot be linked. Ask an administrator."
                : "Single sign-on did not complete. Try again or use your password."}
            </p>
          ) : null}
          {params.changed ? (
            <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              Your password was changed and your other sessions were signed out. Sign in with the new password.
            </p>
          ) : null}
          <LoginForm next={next} />
          {oidcEnabled(cfg) ? (
            <>
              <div className="my-5 flex items-center gap-3 text-xs uppercase tracking-wide text-slate-400">
                <span className="h-px flex-1 bg-slate-200" />
                or
                <span className="h-px flex-1 bg-slate-200" />
              </div>
              <OidcSignInForm next={next} label={`Continue with ${cfg.OIDC_DISPLAY_NAME}`} />
            </>
          ) : null}
        </div>
        {cfg.DEMO_MODE ? (
          <p className="mt-4 text-center text-xs text-slate-500">
            Demo mode: sign in as <code>admin@demo.test</code>, <code>reviewer@demo.test</code>, <code>owner@demo.test</code> or <code>auditor@demo.test</code> with password <code>demo-password-123</code>.
          </p>
        ) : null}
      </div>
    </main>
  );
}
