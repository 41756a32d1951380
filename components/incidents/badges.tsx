import { Badge, type Tone } from "@/components/ui/badge";
import { CATEGORY_LABELS, PARTY_LABELS, SEVERITY_DEFINITIONS, STATUS_LABELS } from "@/lib/incidents/catalog";

const SEVERITY_TONE: Record<string, Tone> = { SEV1: "red", SEV2: "orange", SEV3: "amber", SEV4: "slate" };
const STATUS_TONE: Record<string, Tone> = { OPEN: "red", TRIAGED: "violet", CONTAINED: "amber", RESOLVED: "blue", CLOSED: "green" };

export function SeverityBadge({ severity }: { severity: string }) {
  const def = SEVERITY_DEFINITIONS[severity as keyof typeof SEVERITY_DEFINITIONS];
  return (
    <span title={def?.definition}>
      <Badge tone={SEVERITY_TONE[severity] ?? "slate"}>{severity}</Badge>
    </span>
  );
}

export function IncidentStatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? "slate"}>{STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status}</Badge>;
}

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category as keyof typeof CATEGORY_LABELS] ?? category;
}

export function partyLabel(party: string): string {
  return PARTY_LABELS[party as keyof typeof PARTY_LABELS] ?? party;
}

/** "3 d 4 h", "5 h", "40 min": durations in the lists and metrics. */
export function formatHours(hours: number | null): string {
  if (hours === null) return "—";
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  const d = Math.floor(hours / 24);
  const h = Math.round(hours - d * 24);
  return h ? `${d} d ${h} h` : `${d} d`;
}

/** "2026-11-30 14:05 UTC". */
export function formatMoment(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "—";
}
