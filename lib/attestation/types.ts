/**
 * What an approval attestation states (./statement.ts builds it). The approvals feature owns
 * the data; ./source.ts reads it.
 */
export type AttestationPerson = { id: string; name: string; email: string };

export type AttestationApproval = {
  id: string;
  /** APPROVED, STALE, REVOKED, EXPIRED, … (only APPROVED and unexpired approvals are attested). */
  state: string;
  system: {
    id: string;
    slug: string;
    name: string;
    riskTier: string;
    /** The system's lifecycle now: a PAUSED, RETIRING or RETIRED system's approvals are not attested. */
    lifecycle: string;
    ownerId: string;
    contributorIds: readonly string[];
  };
  environment: string;
  release: string;
  requestedBy: AttestationPerson | null;
  submittedAt: Date | null;
  /** When the approval took effect (the deciding approval). */
  approvedAt: Date | null;
  expiresAt: Date | null;
  approvers: (AttestationPerson & { decidedAt: Date; comment: string | null })[];
  /** Pinned artifacts: the statement's subjects. */
  artifacts: { name: string; kind: string; version: string | null; sha256: string }[];
  /** The gate evaluation over the pinned snapshot at decision time. */
  gate: { passed: boolean; rules: { rule: string; passed: boolean; reason: string }[]; exception: { rationale: string; expiresAt: Date | null; recordedBy: AttestationPerson } | null };
};
