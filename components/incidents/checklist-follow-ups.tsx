import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { IncidentStatusBadge } from "./badges";

type FollowUp = { id: string; title: string; checklistItemId: string | null; createdAt: string; incident: { id: string; ref: string; status: string } };

/** Checklist items reopened from incident lessons learned, linked back to their incident. */
export function ChecklistFollowUps({ systemId, followUps, codes }: { systemId: string; followUps: FollowUp[]; codes: Map<string, string> }) {
  if (!followUps.length) return null;
  return (
    <Card>
      <CardHeader title="Incident follow-ups" description="Controls reopened from the lessons learned of an incident on this system." />
      <ul className="divide-y divide-slate-100">
        {followUps.map((f) => (
          <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm" data-testid="checklist-follow-up">
            <div className="min-w-0">
              {f.checklistItemId ? (
                <Link href={`/systems/${systemId}/checklist?item=${f.checklistItemId}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  <span className="font-mono text-xs text-slate-500">{codes.get(f.checklistItemId) ?? ""}</span> {f.title}
                </Link>
              ) : (
                <span className="font-medium text-slate-900">{f.title}</span>
              )}
              <p className="text-xs text-slate-500">Opened {f.createdAt.slice(0, 10)} from <Link href={`/incidents/${f.incident.id}`} className="text-brand-700 hover:underline">{f.incident.ref}</Link></p>
            </div>
            <IncidentStatusBadge status={f.incident.status} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
