import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { BrandMark } from "@/components/brand";
import { getActor } from "@/lib/auth/session";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Choose a password" };

export default async function ChangePasswordPage() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex flex-col items-center text-center">
          <BrandMark className="h-10 w-10" />
          <h1 className="mt-4 text-xl font-semibold">Choose a new password</h1>
          <p className="mt-1 text-sm text-slate-500">
            {actor.mustChangePassword ? "You signed in with a temporary password. Replace it before continuing." : `Signed in as ${actor.email}.`}
          </p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <PasswordForm />
        </div>
        {actor.mustChangePassword ? null : (
          <p className="mt-4 text-center text-sm">
            <Link href="/" className="font-medium text-brand-700 hover:text-brand-900 hover:underline">
              ← Back to the dashboard
            </Link>
          </p>
        )}
      </div>
    </main>
  );
}
