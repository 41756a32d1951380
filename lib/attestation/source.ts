import "server-only";
import type { GateResult } from "@/lib/approvals/gate-rules";
import type { ApprovalSnapshot } from "@/lib/approvals/snapshot-types";
import type { DbOrTx } from "@/lib/service-context";
import type { AttestationApproval } from "./types";

/** The last instant of a UTC day stored as a date (an exception holds through that day). */
const endOfDay = (day: Date) => new Date(`${day.toISOString().slice(0, 10)}T23:59:59.999Z`);

/**
 * Loads an approval request (lib/approvals) with everything its attestation states, in one
 * query: the system with its owner and contributors (for the caller's visibility check), the
 * requester, the APPROVE decisions of the round that was approved, the exception if one was
 * recorded, and the pinned snapshot and gate result. The subjects are the snapshot's assets
 * that carry a SHA-256 digest (sorted as the snapshot pins them: kind, name, version).
 *
 * No permission or state check here: `issueApprovalAttestation` refuses what may not be
 * attested (not APPROVED, expired, no artifact, a paused, retiring or retired system).
 * @returns null for an unknown id.
 */
export async function findApprovalForAttestation(db: DbOrTx, approvalId: string): Promise<AttestationApproval | null> {
  const r = await db.approvalRequest.findUnique({
    where: { id: approvalId },
    select: {
      id: true,
      state: true,
      round: true,
      environment: true,
      releaseLabel: true,
      riskTier: true,
      submittedAt: true,
      approvedAt: true,
      expiresAt: true,
      snapshot: true,
      gateResult: true,
      gatePassed: true,
      system: { select: { id: true, slug: true, name: true, riskTier: true, lifecycle: true, ownerId: true, contributors: { select: { userId: true } } } },
      requester: { select: { id: true, name: true, email: true } },
      decisions: { where: { outcome: "APPROVE" }, orderBy: [{ decidedAt: "asc" }, { id: "asc" }], select: { round: true, decidedAt: true, comment: true, reviewer: { select: { id: true, name: true, email: true } } } },
      exception: { select: { rationale: true, expiresOn: true, reviewer: { select: { id: true, name: true, email: true } } } },
    },
  });
  if (!r) return null;
  const snapshot = r.snapshot as ApprovalSnapshot | null;
  const gate = r.gateResult as GateResult | null;
  return {
    id: r.id,
    state: r.state,
    system: {
      id: r.system.id,
      slug: r.system.slug,
      name: r.system.name,
      // The tier pinned at submission (the policy that applied), else the system's tier now.
      riskTier: r.riskTier ?? r.system.riskTier,
      lifecycle: r.system.lifecycle,
      ownerId: r.system.ownerId,
      contributorIds: r.system.contributors.map((c) => c.userId),
    },
    environment: r.environment,
    release: r.releaseLabel,
    requestedBy: r.requester,
    submittedAt: r.submittedAt,
    approvedAt: r.approvedAt,
    expiresAt: r.expiresAt,
    approvers: r.decisions
      .filter((d) => d.round === r.round)
      .map((d) => ({ ...d.reviewer, decidedAt: d.decidedAt, comment: d.comment || null })),
    artifacts: (snapshot?.assets ?? []).flatMap((a) => (a.sha256 ? [{ name: a.name, kind: a.kind, version: a.version, sha256: a.sha256 }] : [])),
    gate: {
      passed: r.gatePassed ?? false,
      rules: (gate?.rules ?? []).map((rule) => ({ rule: rule.id, passed: rule.passed, reason: rule.reason })),
      exception: r.exception ? { rationale: r.exception.rationale, expiresAt: endOfDay(r.exception.expiresOn), recordedBy: r.exception.reviewer } : null,
    },
  };
}
