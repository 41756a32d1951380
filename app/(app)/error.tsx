"use client";

import { useEffect } from "react";
import { StatusPanel } from "@/components/shell/status-panel";
import { Button, ButtonLink } from "@/components/ui/button";

/**
 * Error boundary for pages inside the app frame (the navigation stays usable). Shows the
 * digest Next.js attaches to server errors so a person can quote it to an administrator, who
 * finds it in the server log; never the error message itself (it may carry internals).
 */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <StatusPanel
      code="Error"
      title="Something went wrong on this page"
      actions={
        <>
          <Button onClick={() => reset()}>Try again</Button>
          <ButtonLink href="/" variant="secondary">
            Back to overview
          </ButtonLink>
        </>
      }
    >
      <p>The page could not be shown. Try again; if it keeps happening, tell your administrator and quote the reference below.</p>
      {error.digest ? (
        <p className="mt-2">
          Reference: <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{error.digest}</code>
        </p>
      ) : null}
    </StatusPanel>
  );
}
