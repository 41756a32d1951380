import { Badge, type Tone } from "@/components/ui/badge";
import { ENTRY_KIND_LABELS } from "@/lib/incidents/catalog";
import type { IncidentDetail } from "@/lib/incidents/queries";
import { formatMoment } from "./badges";

const KIND_TONE: Record<string, Tone> = {
  REPORTED: "red",
  NOTE: "slate",
  ACTION: "blue",
  STATUS_CHANGED: "violet",
  SYSTEM_PAUSED: "amber",
  SYSTEM_RESUMED: "green",
  NOTIFICATION_DONE: "green",
  FOLLOW_UP_OPENED: "blue",
  DETAILS_UPDATED: "slate",
};

/** The append-only timeline, oldest first, with attached evidence. */
export function Timeline({ entries, systems }: { entries: IncidentDetail["entries"]; systems: { id: string; name: string }[] }) {
  const names = new Map(systems.map((s) => [s.id, s.name]));
  return (
    <ol className="relative space-y-5 border-l border-slate-200 pl-5" aria-label="Timeline">
      {entries.map((e) => (
        <li key={e.id} className="relative" data-testid="timeline-entry">
          <span className="absolute -left-[1.6rem] top-1.5 h-2.5 w-2.5 rounded-full bg-white ring-2 ring-slate-300" aria-hidden />
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
            <Badge tone={KIND_TONE[e.kind] ?? "slate"}>{ENTRY_KIND_LABELS[e.kind as keyof typeof ENTRY_KIND_LABELS] ?? e.kind}</Badge>
            <time dateTime={e.at}>{formatMoment(e.at)}</time>
            <span>· {e.author}</span>
            {e.systemId ? <span>· {names.get(e.systemId)}</span> : null}
          </div>
          <p className="mt-1 whitespace-pre-line text-sm text-slate-800 [overflow-wrap:anywhere]">{e.body}</p>
          {e.evidence ? (
            <p className="mt-1 text-xs">
              <span className="text-slate-500">Evidence: </span>
              {e.evidence.fileName && !e.evidence.deleted ? (
                <a href={`/api/evidence/${e.evidence.id}/download`} className="text-brand-700 hover:underline">{e.evidence.title}</a>
              ) : (
                <span className={e.evidence.deleted ? "text-slate-500 line-through" : "text-slate-700"}>{e.evidence.title}</span>
              )}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

const STEPS = [
  ["OPEN", "Reported", "reportedAt"],
  ["TRIAGED", "Triaged", "triagedAt"],
  ["CONTAINED", "Contained", "containedAt"],
  ["RESOLVED", "Resolved", "resolvedAt"],
  ["CLOSED", "Closed", "closedAt"],
] as const;

/** Where the incident stands on OPEN → TRIAGED → CONTAINED → RESOLVED → CLOSED. */
export function StatusSteps({ incident }: { incident: Pick<IncidentDetail, "status" | "reportedAt" | "triagedAt" | "containedAt" | "resolvedAt" | "closedAt"> }) {
  const current = STEPS.findIndex(([s]) => s === incident.status);
  return (
    <ol className="grid grid-cols-5 gap-1" aria-label="Progress">
      {STEPS.map(([status, text, field], i) => {
        const at = incident[field];
        const done = i <= current;
        return (
          <li key={status} className="min-w-0" aria-current={i === current ? "step" : undefined}>
            <div className={`h-1.5 rounded-full ${done ? (i === current ? "bg-brand-600" : "bg-brand-500/50") : "bg-slate-200"}`} />
            <p className={`mt-1.5 truncate text-xs font-medium ${i === current ? "text-brand-700" : done ? "text-slate-700" : "text-slate-500"}`}>{text}</p>
            <p className="hidden truncate text-[11px] text-slate-500 sm:block">{at ? `${at.slice(0, 10)} ${at.slice(11, 16)}` : " "}</p>
          </li>
        );
      })}
    </ol>
  );
}
