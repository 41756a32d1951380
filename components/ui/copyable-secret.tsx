"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * A secret shown in full (selectable, wrapping anywhere) with a Copy button. When the browser
 * refuses the clipboard, a polite live message says to select and copy by hand. Used where a
 * secret is shown only once (API tokens, webhook signing secrets). `testId` names the text.
 */
export function CopyableSecret({ secret, testId }: { secret: string; testId: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      <code data-testid={testId} className="min-w-0 max-w-full break-all select-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900 ring-1 ring-amber-200">
        {secret}
      </code>
      <Button
        size="sm"
        variant="secondary"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(secret);
            setCopied("yes");
          } catch {
            setCopied("failed");
          }
        }}
      >
        {copied === "yes" ? "Copied" : "Copy"}
      </Button>
      <span aria-live="polite" className="text-xs">{copied === "failed" ? "Copying was blocked by the browser: select the text and copy it." : null}</span>
    </div>
  );
}
