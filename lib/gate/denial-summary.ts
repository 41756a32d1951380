/** The words of a gate denial for people (pure): used by the `gate.denied` notification. */
import type { GateReasonCode } from "./evaluate";

/** Short words per deny reason, for the notification's body. */
const REASON_WORDS: Record<GateReasonCode, string> = {
  APPROVED: "approved",
  UNKNOWN_SYSTEM: "unknown system",
  SYSTEM_ARCHIVED: "the system is archived",
  SYSTEM_PAUSED: "the system is paused by an incident",
  SYSTEM_RETIRING: "the system is being retired",
  SYSTEM_RETIRED: "the system is retired",
  OPEN_SEVERE_INCIDENT: "a severe incident (SEV1 or SEV2) on the system is still open",
  NO_APPROVAL: "no approval for this environment",
  APPROVAL_STALE: "the approval is stale",
  APPROVAL_REVOKED: "the approval was revoked",
  APPROVAL_EXPIRED: "the approval expired",
  APPROVAL_NOT_DECIDED: "the approval is not decided yet",
  DIGEST_NOT_APPROVED: "an artifact digest is not the approved one",
};

/** "No approval for this environment; an artifact digest is not the approved one." (pure) */
export function denialSummary(codes: readonly string[]): string {
  const words = codes.map((c) => REASON_WORDS[c as GateReasonCode] ?? c.toLowerCase().replace(/_/g, " "));
  const text = words.join("; ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
