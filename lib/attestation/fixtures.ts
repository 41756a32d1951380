import type { AttestationApproval } from "./types";

/** An approval as the approvals feature will hand it over, for tests of attestations. */
export function approvalFixture(system: { id: string; slug: string; name: string; ownerId: string }, over: Partial<AttestationApproval> = {}): AttestationApproval {
  const now = Date.now();
  return {
    id: "apr_fixture_1",
    state: "APPROVED",
    system: { ...system, riskTier: "HIGH", lifecycle: "DEPLOYED", contributorIds: [] },
    environment: "production",
    release: "2026.12.1",
    requestedBy: { id: "u-owner", name: "Pat Owner", email: "owner@example.test" },
    submittedAt: new Date(now - 3 * 86_400_000),
    approvedAt: new Date(now - 86_400_000),
    expiresAt: new Date(now + 30 * 86_400_000),
    approvers: [
      { id: "u-r1", name: "Rita Reviewer", email: "rita@example.test", decidedAt: new Date(now - 2 * 86_400_000), comment: "Threat model reviewed." },
      { id: "u-r2", name: "Remy Second", email: "remy@example.test", decidedAt: new Date(now - 86_400_000), comment: null },
    ],
    artifacts: [
      { name: "support-llm", kind: "MODEL", version: "1.4.0", sha256: "1f".repeat(32) },
      { name: "faq-corpus", kind: "DATASET", version: null, sha256: "2e".repeat(32) },
    ],
    gate: { passed: true, rules: [{ rule: "PILLAR_COMPLETION", passed: true, reason: "Every pillar is complete." }], exception: null },
    ...over,
  };
}
