import { Badge } from "@/components/ui/badge";

const TONES = { SUCCEEDED: "green", RETRYING: "amber", PENDING: "blue", FAILED: "red" } as const;
const WORDS = { SUCCEEDED: "Delivered", RETRYING: "Retrying", PENDING: "Queued", FAILED: "Failed" } as const;

/** A delivery's state as a badge, with the last HTTP status when there is one. */
export function DeliveryStatusBadge({ status, statusCode }: { status: string; statusCode: number | null }) {
  const key = (status in TONES ? status : "PENDING") as keyof typeof TONES;
  return (
    <Badge tone={TONES[key]}>
      {WORDS[key]}
      {statusCode !== null ? ` · ${statusCode}` : ""}
    </Badge>
  );
}
