import { Badge, type Tone } from "@/components/ui/badge";

export const STATUS_LABELS: Record<string, string> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  MET: "Met",
  NOT_MET: "Not met",
  NOT_APPLICABLE: "Not applicable",
};

const TONES: Record<string, Tone> = { NOT_STARTED: "slate", IN_PROGRESS: "blue", MET: "green", NOT_MET: "red", NOT_APPLICABLE: "violet" };

export function StatusBadge({ status, stale }: { status: string; stale?: boolean }) {
  if (status === "MET" && stale) return <Badge tone="amber">Met · evidence expired</Badge>;
  return <Badge tone={TONES[status]}>{STATUS_LABELS[status] ?? status}</Badge>;
}
