import { Badge } from "@/components/ui/badge";
import { label, LIFECYCLE_TONE, SENSITIVITY_TONE, TIER_TONE } from "./labels";

export function TierBadge({ tier }: { tier: string }) {
  return <Badge tone={TIER_TONE[tier]}>{label(tier)}</Badge>;
}

export function LifecycleBadge({ state }: { state: string }) {
  return <Badge tone={LIFECYCLE_TONE[state]}>{label(state)}</Badge>;
}

export function SensitivityBadge({ value }: { value: string }) {
  return <Badge tone={SENSITIVITY_TONE[value]}>{label(value)}</Badge>;
}
