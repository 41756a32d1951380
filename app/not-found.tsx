import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/shell/not-found-panel";
import { getActor } from "@/lib/auth/session";
import { AppFrame } from "./app-frame";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Unknown addresses: inside the app frame for someone signed in with a role (so the navigation
 * is a way back), otherwise a standalone page pointing to sign-in.
 */
export default async function NotFound() {
  const actor = await getActor();
  if (actor?.role && !actor.mustChangePassword) {
    return (
      <AppFrame actor={{ name: actor.name, email: actor.email, role: actor.role }}>
        <NotFoundPanel />
      </AppFrame>
    );
  }
  return (
    <main className="px-4">
      <NotFoundPanel signedIn={!!actor} />
    </main>
  );
}
