import "server-only";
import type { ApprovalState, AssetKind, LifecycleState } from "@/generated/prisma/enums";
import type { DbOrTx } from "@/lib/service-context";

export type GateApprovalDigest = {
  /** "SHA_256" or a DigestAlgorithm name (SHA_512, ...). */
  algorithm: string;
  /** Lower-case hex. */
  value: string;
  assetId: string;
  assetKind: AssetKind;
  assetName: string;
};

export type GateApprover = { id: string; name: string; email: string; decidedAt: Date; comment: string };

/**
 * The approval the deployment gate consults for one system and environment.
 * - `state` is always "APPROVED" (other states never hold);
 * - `expiresAt` has not passed at `now` (the approval is current even if the daily expiry job
 *   has not run yet; a passed one is reported as no approval);
 * - `digests`: every digest the snapshot pinned (SHA-256 and others), per asset;
 * - `approvers`: the reviewers whose APPROVE decisions in the approved round granted it,
 *   oldest first;
 * - `exception`: set when it was approved despite a failing gate (rationale, reviewer, last
 *   day); show it in red;
 * - `systemLifecycle`: the system's lifecycle NOW (the gate denies PAUSED and RETIRED).
 */
export type GateApproval = {
  id: string;
  systemId: string;
  environment: string;
  releaseLabel: string;
  state: ApprovalState;
  approvedAt: Date;
  expiresAt: Date;
  submittedAt: Date;
  snapshotSha256: string;
  gatePassed: boolean;
  digests: GateApprovalDigest[];
  approvers: GateApprover[];
  exception: { reviewerId: string; rationale: string; expiresOn: string; failingRules: string[] } | null;
  systemLifecycle: LifecycleState;
};

/**
 * The current valid approval of a system for an environment, or null when none holds: the
 * most recently approved request in state APPROVED whose `expiresAt` is after `now`. (An
 * older approval for the same environment stays APPROVED until it expires or is revoked, but
 * the gate answers from the newest.) Two indexed queries: ApprovalRequest by
 * (systemId, environment, state), then its digests, decisions and exception by request id.
 * No permission check: the caller (the gate endpoint, the attestation) has checked its own.
 *
 * @param db the app's client or a transaction
 * @param where `{ systemId, environment }` (environment key, e.g. "production")
 * @param now reference instant for expiry (default: now)
 */
export async function findGateApproval(db: DbOrTx, where: { systemId: string; environment: string }, now: Date = new Date()): Promise<GateApproval | null> {
  const request = await db.approvalRequest.findFirst({
    where: { systemId: where.systemId, environment: where.environment, state: "APPROVED", expiresAt: { gt: now } },
    orderBy: [{ approvedAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      systemId: true,
      environment: true,
      releaseLabel: true,
      state: true,
      round: true,
      approvedAt: true,
      expiresAt: true,
      submittedAt: true,
      snapshotSha256: true,
      gatePassed: true,
      system: { select: { lifecycle: true } },
      digests: { select: { algorithm: true, value: true, assetId: true, assetKind: true, assetName: true }, orderBy: [{ assetName: "asc" }, { algorithm: "asc" }] },
      decisions: {
        where: { outcome: "APPROVE" },
        orderBy: { decidedAt: "asc" },
        select: { round: true, decidedAt: true, comment: true, reviewer: { select: { id: true, name: true, email: true } } },
      },
      exception: { select: { reviewerId: true, rationale: true, expiresOn: true, failingRules: true } },
    },
  });
  if (!request || !request.approvedAt || !request.expiresAt || !request.submittedAt || !request.snapshotSha256) return null;
  return {
    id: request.id,
    systemId: request.systemId,
    environment: request.environment,
    releaseLabel: request.releaseLabel,
    state: request.state,
    approvedAt: request.approvedAt,
    expiresAt: request.expiresAt,
    submittedAt: request.submittedAt,
    snapshotSha256: request.snapshotSha256,
    gatePassed: request.gatePassed ?? false,
    digests: request.digests,
    approvers: request.decisions
      .filter((d) => d.round === request.round)
      .map((d) => ({ id: d.reviewer.id, name: d.reviewer.name, email: d.reviewer.email, decidedAt: d.decidedAt, comment: d.comment })),
    exception: request.exception
      ? { ...request.exception, expiresOn: request.exception.expiresOn.toISOString().slice(0, 10) }
      : null,
    systemLifecycle: request.system.lifecycle,
  };
}
