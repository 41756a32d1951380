/** A passing snapshot for unit tests (each test breaks one thing). Not shipped code. */
import type { ApprovalSnapshot, SnapshotChecklistItem } from "./snapshot-types";

export function item(code: string, over: Partial<SnapshotChecklistItem> = {}): SnapshotChecklistItem {
  const [pillar, rest] = code.split("-");
  return {
    code,
    pillar: pillar!,
    principle: `${pillar}-${rest!.split(".")[0]}`,
    title: `Control ${code}`,
    applicable: true,
    status: "MET",
    evidenceRequired: true,
    justified: false,
    evidence: [{ id: `ev-${code}`, effectiveDate: "2026-01-01", expiresAt: null, deleted: false, superseded: false }],
    ...over,
  };
}

export function passingSnapshot(): ApprovalSnapshot {
  return {
    schemaVersion: 1,
    takenAt: "2026-12-01T10:00:00.000Z",
    system: {
      id: "sys1",
      slug: "support-bot",
      name: "Support bot",
      riskTier: "HIGH",
      dataSensitivity: "CONFIDENTIAL",
      autonomy: "ASSISTIVE",
      exposure: "INTERNET_FACING",
      lifecycle: "IN_REVIEW",
      ownerId: "owner",
      contributorIds: [],
    },
    assets: [
      { id: "a-model", kind: "MODEL", name: "llm", version: "1", sha256: "a".repeat(64), otherDigests: [] },
      { id: "a-data", kind: "DATASET", name: "faq", version: "3", sha256: "b".repeat(64), otherDigests: [{ algorithm: "SHA_512", value: "c".repeat(128) }] },
      { id: "a-prompt", kind: "PROMPT", name: "system prompt", version: null, sha256: null, otherDigests: [] },
    ],
    checklist: {
      libraryVersion: "1.0.0",
      items: [
        item("DES-1.1"),
        item("DES-1.2", { status: "NOT_APPLICABLE", justified: true, evidence: [] }),
        item("DEV-2.1"),
        item("DEP-3.1"),
        item("OPS-1.1"),
        item("OPS-2.1"),
        item("OPS-3.1", { status: "NOT_STARTED", evidence: [] }),
        item("DEC-1.1", { status: "NOT_STARTED", evidence: [] }),
        item("DEP-9.9", { applicable: false, status: "NOT_STARTED", evidence: [] }),
      ],
    },
    threatModel: {
      id: "tm1",
      version: 2,
      status: "REVIEWED",
      reviewedAt: "2026-11-20T09:00:00.000Z",
      residualThreshold: 9,
      threats: [
        { id: "t1", title: "Prompt injection", likelihood: 4, impact: 4, residualLikelihood: 2, residualImpact: 3, treatment: "MITIGATE", acceptanceExpiresOn: null },
        { id: "t2", title: "Data leak", likelihood: 3, impact: 4, residualLikelihood: null, residualImpact: null, treatment: "ACCEPT", acceptanceExpiresOn: "2027-03-01" },
        { id: "t3", title: "Minor", likelihood: 1, impact: 2, residualLikelihood: null, residualImpact: null, treatment: null, acceptanceExpiresOn: null },
      ],
    },
    openSevereIncidents: [],
  };
}
