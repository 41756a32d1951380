/**
 * The signed approval attestation: an in-toto Statement v1 whose subjects are the approved
 * artifacts (sha256 digests) and whose predicate says who approved which release of which
 * system for which environment, when, until when, and what the gate found. Pure.
 */
import { inTotoStatement, type InTotoStatement } from "@/lib/signing/in-toto";
import type { AttestationApproval } from "./types";

/**
 * The predicate type (a URN, so it never depends on a web address we might not control); its
 * fields are documented in docs/attestations.md. A breaking change gets /v2.
 */
export const APPROVAL_PREDICATE_TYPE = "urn:aigov:attestation:deployment-approval:v1";

export type ApprovalPredicate = {
  issuer: { url: string };
  issuedAt: string;
  system: { id: string; slug: string; name: string; riskTier: string };
  environment: string;
  release: string;
  approval: { id: string; state: string; requestedBy: { name: string; email: string } | null; submittedAt: string | null; approvedAt: string | null; expiresAt: string | null };
  approvers: { name: string; email: string; decidedAt: string; comment: string | null }[];
  artifacts: { name: string; kind: string; version: string | null; digest: { sha256: string } }[];
  gate: { result: "PASS" | "EXCEPTION"; rules: { rule: string; passed: boolean; reason: string }[]; exception: { rationale: string; expiresAt: string | null; recordedBy: string } | null };
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Builds the statement for one approval.
 * @param issuer the instance's public URL (where /api/v1/keys lists the verifying key).
 * @throws Error when the approval pins no artifact digest (a statement needs subjects).
 */
export function approvalStatement(approval: AttestationApproval, issuer: string, issuedAt: Date): InTotoStatement<ApprovalPredicate> {
  const subjects = approval.artifacts.map((a) => ({ name: a.version ? `${a.name}@${a.version}` : a.name, digest: { sha256: a.sha256 } }));
  return inTotoStatement(subjects, APPROVAL_PREDICATE_TYPE, {
    issuer: { url: issuer },
    issuedAt: issuedAt.toISOString(),
    system: { id: approval.system.id, slug: approval.system.slug, name: approval.system.name, riskTier: approval.system.riskTier },
    environment: approval.environment,
    release: approval.release,
    approval: {
      id: approval.id,
      state: approval.state,
      requestedBy: approval.requestedBy ? { name: approval.requestedBy.name, email: approval.requestedBy.email } : null,
      submittedAt: iso(approval.submittedAt),
      approvedAt: iso(approval.approvedAt),
      expiresAt: iso(approval.expiresAt),
    },
    approvers: approval.approvers.map((a) => ({ name: a.name, email: a.email, decidedAt: a.decidedAt.toISOString(), comment: a.comment })),
    artifacts: approval.artifacts.map((a) => ({ name: a.name, kind: a.kind, version: a.version, digest: { sha256: a.sha256 } })),
    gate: {
      result: approval.gate.passed ? "PASS" : "EXCEPTION",
      rules: approval.gate.rules.map((r) => ({ ...r })),
      exception: approval.gate.exception ? { rationale: approval.gate.exception.rationale, expiresAt: iso(approval.gate.exception.expiresAt), recordedBy: approval.gate.exception.recordedBy.email } : null,
    },
  });
}
