"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/field";
import { signRetirementAction, startRetirementAction } from "@/lib/incidents/actions";

/** "Start retirement" (→ RETIRING) or "Sign retirement" (RETIRING → RETIRED), behind a dialog with a statement. */
export function RetirementAction({ systemId, mode }: { systemId: string; mode: "start" | "sign" }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const start = mode === "start";
  return (
    <ConfirmDialog
      trigger={<Button variant={start ? "secondary" : "danger"}>{start ? "Start retirement" : "Sign retirement"}</Button>}
      title={start ? "Start retiring this system?" : "Sign the retirement?"}
      confirmLabel={start ? "Start retirement" : "Sign retirement"}
      tone={start ? "primary" : "danger"}
      description={
        <div className="space-y-3">
          <p>
            {start
              ? "The system moves to Retiring: its approvals in force are revoked (reason: system retiring), the deployment gate denies it, no new approval can be requested, and the decommissioning controls must be met or justified before it can be retired."
              : "The system becomes Retired for good: every asset is marked retired with today's date and the deployment gate denies it forever."}
          </p>
          <label className="block text-sm font-medium text-slate-700" htmlFor={`ret-${mode}`}>{start ? "Why is it retired?" : "What you confirm (sign-off statement)"}</label>
          <Textarea id={`ret-${mode}`} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
      }
      onConfirm={async () => {
        const result = await (start ? startRetirementAction : signRetirementAction)(systemId, text);
        if (!result.ok) throw new Error(result.error);
        router.refresh();
      }}
    />
  );
}
