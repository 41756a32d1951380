import { Badge } from "@/components/ui/badge";
import { CHECKLIST_STATUS_LABELS, CHECKLIST_STATUS_TONE } from "@/lib/labels";

/** Checklist status labels (from the one list in lib/labels.ts). */
export const STATUS_LABELS = CHECKLIST_STATUS_LABELS;
const TONES = CHECKLIST_STATUS_TONE;

export function StatusBadge({ status, stale }: { status: string; stale?: boolean }) {
  if (status === "MET" && stale) return <Badge tone="amber">Met · evidence expired</Badge>;
  return <Badge tone={TONES[status]}>{STATUS_LABELS[status] ?? status}</Badge>;
}
