import type { Metadata } from "next";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Every address no page matches lands here, inside the app frame's layout, and answers 404 with
 * `(app)/not-found.tsx` in the frame (the layout sends someone not signed in to sign in first).
 *
 * Why a catch-all instead of the frame in the root `not-found.tsx`: Next.js renders the root
 * not-found boundary into the payload of EVERY response (the root layout's `notFound` element),
 * so a root not-found that looks up the session and draws the app frame made every page render
 * the frame twice (measured by `npm run bench:throughput`'s framed floor, issue 8).
 */
export default function MissingPage(): never {
  notFound();
}
