import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BrandMark } from "@/components/brand";
import { Button } from "@/components/ui/button";
import { getActor } from "@/lib/auth/session";
import { signOutAction } from "../sign-out-action";

export const metadata: Metadata = { title: "Waiting for access" };

export default async function PendingPage() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  if (actor.role) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
        <BrandMark className="mx-auto h-10 w-10" />
        <h1 className="mt-4 text-lg font-semibold">You are signed in, but have no access yet</h1>
        <p className="mt-2 text-sm text-slate-600">
          Your account <strong>{actor.email}</strong> was created through single sign-on. An administrator must give it a role
          before you can see anything. Ask your AI governance team, then sign in again.
        </p>
        <form action={signOutAction} className="mt-6">
          <Button type="submit" variant="secondary">Sign out</Button>
        </form>
      </div>
    </main>
  );
}
