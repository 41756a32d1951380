"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/field";
import { pauseSystemAction, resumeSystemAction } from "@/lib/incidents/actions";

/** Pause (DEPLOYED or APPROVED) or resume (PAUSED) an affected system from the incident, with a reason. */
export function ContainmentAction({ incidentId, system }: { incidentId: string; system: { id: string; name: string; lifecycle: string } }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const pause = system.lifecycle === "DEPLOYED" || system.lifecycle === "APPROVED";
  if (!pause && system.lifecycle !== "PAUSED") return null;
  const verb = pause ? "Pause" : "Resume";
  return (
    <ConfirmDialog
      trigger={<Button size="sm" variant={pause ? "danger" : "secondary"} aria-label={`${verb} ${system.name}`}>{verb}</Button>}
      title={`${verb} ${system.name}?`}
      tone={pause ? "danger" : "primary"}
      confirmLabel={`${verb} system`}
      description={
        <div className="space-y-3">
          <p>
            {pause
              ? `The system moves from ${system.lifecycle === "APPROVED" ? "Approved" : "Deployed"} to Paused in the same step as the timeline entry; the deployment gate denies it from now on, naming this incident.`
              : "The system moves from Paused back to the state it was paused from (Deployed, or Approved if it was not deployed yet). Say why it is safe to run again: the entry stays in the timeline and the audit log."}
          </p>
          <label className="block text-sm font-medium text-slate-700" htmlFor={`cm-${system.id}`}>{pause ? "Reason" : "Why is it safe to resume?"}</label>
          <Textarea id={`cm-${system.id}`} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
        </div>
      }
      onConfirm={async () => {
        if (!comment.trim()) throw new Error(pause ? "A reason is required." : "A comment is required: say why it is safe to resume.");
        const result = await (pause ? pauseSystemAction : resumeSystemAction)(incidentId, system.id, comment);
        if (!result.ok) throw new Error(result.error);
        setComment("");
        router.refresh();
      }}
    />
  );
}
