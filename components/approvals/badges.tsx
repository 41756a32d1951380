import { Badge, type Tone } from "@/components/ui/badge";
import { APPROVAL_STATE_LABELS } from "@/lib/approvals/states";

const STATE_TONE: Record<keyof typeof APPROVAL_STATE_LABELS, Tone> = {
  DRAFT: "slate",
  SUBMITTED: "blue",
  CHANGES_REQUESTED: "amber",
  APPROVED: "green",
  REJECTED: "red",
  WITHDRAWN: "slate",
  EXPIRED: "orange",
  REVOKED: "red",
  STALE: "orange",
};

export function ApprovalStateBadge({ state }: { state: keyof typeof APPROVAL_STATE_LABELS }) {
  return <Badge tone={STATE_TONE[state]}>{APPROVAL_STATE_LABELS[state]}</Badge>;
}

/** Gate result at submission (or "not evaluated" for drafts). */
export function GateBadge({ passed }: { passed: boolean | null }) {
  if (passed === null) return <Badge tone="slate">Gate not evaluated</Badge>;
  return passed ? <Badge tone="green">Gate passed</Badge> : <Badge tone="red">Gate failed</Badge>;
}

/** Shown in red wherever a request rests on (or needs) an exception. */
export function ExceptionBadge({ recorded, expiresOn }: { recorded: boolean; expiresOn?: string | null }) {
  return (
    <span className="inline-flex items-center rounded-md bg-red-600 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-white">
      {recorded ? `Exception${expiresOn ? ` until ${expiresOn}` : ""}` : "Needs exception"}
    </span>
  );
}
