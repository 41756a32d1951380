import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/shell/not-found-panel";

export const metadata: Metadata = { title: "Page not found" };

/**
 * The last-resort 404, outside the app frame: reached only by a `notFound()` outside the `(app)`
 * pages (unknown addresses are caught by `(app)/[...missing]` and answered inside the frame).
 * Deliberately static: Next.js renders this component into every response's payload, so it must
 * not look up the session or draw the frame (see `(app)/[...missing]/page.tsx`).
 */
export default function NotFound() {
  return (
    <main className="px-4">
      <NotFoundPanel />
    </main>
  );
}
