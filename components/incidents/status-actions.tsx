"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/field";
import { transitionIncidentAction } from "@/lib/incidents/actions";
import { STATUS_LABELS } from "@/lib/incidents/catalog";
import { EVENT_LABELS, INCIDENT_TRANSITIONS, type IncidentEvent } from "@/lib/incidents/rules";

const HELP: Record<IncidentEvent, string> = {
  triage: "Confirms the incident is real, its severity and its lead. The notification duties keep counting from the detection time.",
  contain: "The harm has stopped spreading: affected systems are paused or the attack path is blocked. Time to contain is measured to this step.",
  resolve: "The cause is removed and the systems are safe to run again (resume paused systems separately).",
  close: "Closing needs the root cause and the lessons learned; they feed follow-ups and the advisory.",
  reopen: "Reopening sends the incident back to open and is logged with your reason.",
};

/** The status steps open to the person, each behind a confirmation dialog. */
export function StatusActions({ incidentId, rowVersion, events, rootCause, lessonsLearned }: { incidentId: string; rowVersion: number; events: IncidentEvent[]; rootCause: string | null; lessonsLearned: string | null }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [cause, setCause] = useState(rootCause ?? "");
  const [lessons, setLessons] = useState(lessonsLearned ?? "");
  if (!events.length) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {events.map((event) => (
        <ConfirmDialog
          key={event}
          trigger={<Button variant={event === "reopen" ? "secondary" : "primary"} size="sm">{EVENT_LABELS[event]}</Button>}
          title={`${EVENT_LABELS[event]}?`}
          tone={event === "reopen" ? "danger" : "primary"}
          confirmLabel={EVENT_LABELS[event]}
          description={
            <div className="space-y-3">
              <p>{HELP[event]}</p>
              <p className="text-xs text-slate-500">Moves the incident to <strong>{STATUS_LABELS[INCIDENT_TRANSITIONS[event].to]}</strong>; recorded in the timeline and the audit log.</p>
              {event === "close" ? (
                <>
                  <label className="block text-sm font-medium text-slate-700" htmlFor={`rc-${event}`}>Root cause</label>
                  <Textarea id={`rc-${event}`} rows={3} value={cause} onChange={(e) => setCause(e.target.value)} />
                  <label className="block text-sm font-medium text-slate-700" htmlFor={`ll-${event}`}>Lessons learned</label>
                  <Textarea id={`ll-${event}`} rows={3} value={lessons} onChange={(e) => setLessons(e.target.value)} />
                </>
              ) : null}
              <label className="block text-sm font-medium text-slate-700" htmlFor={`c-${event}`}>{event === "reopen" ? "Why is it reopened?" : "Comment (optional)"}</label>
              <Textarea id={`c-${event}`} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
            </div>
          }
          onConfirm={async () => {
            const result = await transitionIncidentAction(incidentId, event, rowVersion, comment || null, event === "close" ? cause || null : null, event === "close" ? lessons || null : null);
            if (!result.ok) throw new Error(result.error);
            setComment("");
            router.refresh();
          }}
        />
      ))}
    </div>
  );
}
