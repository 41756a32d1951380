"use client";

import { useState, useTransition } from "react";
import { verifyChainAction } from "@/lib/audit/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Result = Awaited<ReturnType<typeof verifyChainAction>>;

export function VerifyChain() {
  const [result, setResult] = useState<Result | null>(null);
  const [pending, start] = useTransition();
  const report = result?.ok ? result.data : null;
  return (
    <div className="space-y-3">
      <Button variant="secondary" onClick={() => start(async () => setResult(await verifyChainAction()))} disabled={pending} aria-busy={pending}>
        {pending ? "Verifying the chain…" : "Verify hash chain"}
      </Button>
      <div aria-live="polite">
        {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
        {report ? (
          report.ok ? (
            <Alert tone="success" title="The audit trail is intact">
              All {report.checked.toLocaleString("en")} events link correctly. Latest hash <code className="break-all text-xs">{report.lastHash}</code>.
            </Alert>
          ) : (
            <Alert tone="error" title="The audit trail has been tampered with">
              The first broken link is event #{report.broken?.id} ({report.broken?.reason === "HASH_MISMATCH" ? "its content no longer matches its hash" : "it does not follow the event before it"}). {report.checked} events before it verify.
            </Alert>
          )
        ) : null}
      </div>
    </div>
  );
}
