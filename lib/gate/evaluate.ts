/**
 * The deployment gate's decision for one call: pure, over the system and the approval the
 * database returned (./check.ts loads them in one query). Every rule that fails adds a reason,
 * so a pipeline sees everything to fix at once; any reason denies.
 *
 * Rules (issue 10, "Deployment gate API"; DESIGN.md "Lifecycles and rules"):
 * - the system exists and the caller may see it (otherwise the same answer as unknown, so a
 *   token cannot probe other people's systems), and is not archived;
 * - the system is not PAUSED (an incident's containment), RETIRING nor RETIRED;
 * - no SEV1 or SEV2 incident affecting the system is open (not yet RESOLVED or CLOSED);
 * - there is an approval for that environment, in state APPROVED, not past its expiry;
 * - every requested digest is among the approval's pinned digests.
 */

export type GateSystem = {
  id: string;
  slug: string;
  lifecycle: string;
  archived: boolean;
  visible: boolean;
  /** The incident whose containment paused the system (its latest SYSTEM_PAUSED entry), when PAUSED. */
  pausedBy?: { id: string; ref: string } | null;
  /**
   * The oldest SEV1/SEV2 incident affecting the system that is neither RESOLVED nor CLOSED, and
   * how many more there are; null when none.
   */
  severeIncident?: { id: string; ref: string; others: number } | null;
};

/**
 * What the gate needs of an approval (the approvals feature's `findGateApproval` answers it):
 * the current approval for the system and environment, whatever its state, so a stale or
 * revoked one is named as such.
 */
export type GateApproval = {
  id: string;
  state: string;
  expiresAt: Date | null;
  /** Pinned artifact digests, `sha256:<64 lower-case hex>`. */
  digests: readonly string[];
  /** Why it turned STALE, when it did (shown to the pipeline). */
  staleReason?: string | null;
};

export const GATE_REASON_CODES = [
  "APPROVED",
  "UNKNOWN_SYSTEM",
  "SYSTEM_ARCHIVED",
  "SYSTEM_PAUSED",
  "SYSTEM_RETIRING",
  "SYSTEM_RETIRED",
  "OPEN_SEVERE_INCIDENT",
  "NO_APPROVAL",
  "APPROVAL_STALE",
  "APPROVAL_REVOKED",
  "APPROVAL_EXPIRED",
  "APPROVAL_NOT_DECIDED",
  "DIGEST_NOT_APPROVED",
] as const;
export type GateReasonCode = (typeof GATE_REASON_CODES)[number];

/** One reason: a stable code for scripts, a sentence for people, and the page where it is fixed (path). */
export type GateReason = { code: GateReasonCode; message: string; fix: string | null };

export type GateDecision = { allow: boolean; reasons: GateReason[]; approvalId: string | null; expiresAt: string | null };

/** `sha256:<64 hex>`; the gate's digest syntax (lower-case after parsing). */
export const GATE_DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * Whether this answer is the deployment that moves the system APPROVED → DEPLOYED (DESIGN.md:
 * DEPLOYED is reached by "a recorded deployment or the deployment gate's first allow"): an
 * allow, for a production environment (DeploymentEnvironment.production, read by `checkGate`
 * in its system query), of a system still APPROVED.
 */
export function gateAllowDeploys(decision: GateDecision, system: GateSystem | null, productionEnvironment: boolean): boolean {
  return decision.allow && decision.approvalId !== null && system?.lifecycle === "APPROVED" && productionEnvironment;
}

/**
 * Decides one gate call.
 * @param input.digests requested digests, already normalised (`sha256:` + lower-case hex).
 * @param input.now the decision time (expiry is compared against it).
 * @param input.caller who asks: an API token (the default; CI) or a signed-in user (the wording
 *   of the unknown-system answer).
 */
export function evaluateGate(input: {
  systemSlug: string;
  environment: string;
  system: GateSystem | null;
  approval: GateApproval | null;
  digests: readonly string[];
  now: Date;
  caller?: "token" | "user";
}): GateDecision {
  const { system, approval, environment, now } = input;
  if (!system || !system.visible) {
    const who = input.caller === "user" ? "you" : "this token";
    return deny([{ code: "UNKNOWN_SYSTEM", message: `No system "${input.systemSlug}" that ${who} may see.`, fix: "/systems" }], null);
  }
  const reasons: GateReason[] = [];
  const page = `/systems/${system.id}`;
  if (system.archived) reasons.push({ code: "SYSTEM_ARCHIVED", message: `System "${system.slug}" is archived.`, fix: page });
  if (system.lifecycle === "PAUSED") {
    reasons.push(
      system.pausedBy
        ? { code: "SYSTEM_PAUSED", message: `System "${system.slug}" is paused by incident ${system.pausedBy.ref}; a reviewer resumes it from the incident before it deploys.`, fix: `/incidents/${system.pausedBy.id}` }
        : { code: "SYSTEM_PAUSED", message: `System "${system.slug}" is paused (an incident contained it); resume it before deploying.`, fix: `${page}/incidents` },
    );
  }
  if (system.lifecycle === "RETIRING") reasons.push({ code: "SYSTEM_RETIRING", message: `System "${system.slug}" is being retired; it is not deployed any more.`, fix: `${page}/decommissioning` });
  if (system.lifecycle === "RETIRED") reasons.push({ code: "SYSTEM_RETIRED", message: `System "${system.slug}" is retired.`, fix: page });
  if (system.severeIncident) {
    const { ref, id, others } = system.severeIncident;
    const more = others > 0 ? ` (and ${others} more)` : "";
    reasons.push({ code: "OPEN_SEVERE_INCIDENT", message: `Severe incident ${ref}${more} on "${system.slug}" is open; it must be resolved before the system deploys.`, fix: `/incidents/${id}` });
  }

  const approvals = `${page}/approvals`;
  if (!approval) {
    reasons.push({ code: "NO_APPROVAL", message: `No approval of "${system.slug}" for ${environment}.`, fix: approvals });
    return deny(reasons, null);
  }
  if (approval.state === "STALE") {
    reasons.push({ code: "APPROVAL_STALE", message: `The approval for ${environment} is stale${approval.staleReason ? `: ${approval.staleReason.trim().replace(/[.;:]+$/, "")}` : ""}; request a new one.`, fix: approvals });
  } else if (approval.state === "REVOKED") {
    reasons.push({ code: "APPROVAL_REVOKED", message: `The approval for ${environment} was revoked.`, fix: approvals });
  } else if (approval.state === "EXPIRED" || (approval.state === "APPROVED" && approval.expiresAt && approval.expiresAt.getTime() <= now.getTime())) {
    reasons.push({ code: "APPROVAL_EXPIRED", message: `The approval for ${environment} expired${approval.expiresAt ? ` at ${approval.expiresAt.toISOString()}` : ""}.`, fix: approvals });
  } else if (approval.state !== "APPROVED") {
    reasons.push({ code: "APPROVAL_NOT_DECIDED", message: `The request for ${environment} is ${approval.state.toLowerCase().replace(/_/g, " ")}, not approved.`, fix: approvals });
  }
  const pinned = new Set(approval.digests);
  for (const digest of input.digests) {
    if (!pinned.has(digest)) reasons.push({ code: "DIGEST_NOT_APPROVED", message: `Digest ${digest} is not among the approved artifacts.`, fix: approvals });
  }
  const expiresAt = approval.expiresAt?.toISOString() ?? null;
  if (reasons.length > 0) return deny(reasons, approval.id, expiresAt);
  return {
    allow: true,
    reasons: [{ code: "APPROVED", message: `Approved for ${environment}${expiresAt ? ` until ${expiresAt}` : ""}.`, fix: null }],
    approvalId: approval.id,
    expiresAt,
  };
}

function deny(reasons: GateReason[], approvalId: string | null, expiresAt: string | null = null): GateDecision {
  return { allow: false, reasons, approvalId, expiresAt };
}
