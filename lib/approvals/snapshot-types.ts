/**
 * The immutable picture an approval request pins at submission (stored as JSON in
 * ApprovalRequest.snapshot). Pure types: built by ./snapshot.ts, read by the gate rules, the
 * staleness check, the diff and the pages. Dates are ISO strings; days are YYYY-MM-DD.
 */
import type { AssetKind, Autonomy, ChecklistStatus, Exposure, LifecycleState, RiskTier, Sensitivity, ThreatModelStatus, ThreatTreatment } from "@/generated/prisma/enums";

export const SNAPSHOT_SCHEMA_VERSION = 1;

export type SnapshotSystem = {
  id: string;
  slug: string;
  name: string;
  riskTier: RiskTier;
  dataSensitivity: Sensitivity;
  autonomy: Autonomy;
  exposure: Exposure;
  lifecycle: LifecycleState;
  ownerId: string;
  contributorIds: string[];
};

export type SnapshotDigest = {
  /** "SHA_256" or a DigestAlgorithm name (SHA_512, ...). */
  algorithm: string;
  /** Lower-case hex. */
  value: string;
};

export type SnapshotAsset = {
  id: string;
  kind: AssetKind;
  name: string;
  version: string | null;
  /** Lower-case hex SHA-256, or null. */
  sha256: string | null;
  /** Digests of other algorithms, sorted by algorithm. */
  otherDigests: SnapshotDigest[];
};

export type SnapshotChecklistItem = {
  /** Control code, e.g. DEP-2.3. */
  code: string;
  /** Pillar id (DES, DEV, DEP, OPS, DEC). */
  pillar: string;
  /** Principle id (OPS-1, ...). */
  principle: string;
  title: string;
  applicable: boolean;
  status: ChecklistStatus;
  /** MET needs at least one valid linked evidence item when true. */
  evidenceRequired: boolean;
  /** NOT_APPLICABLE only: a justification of the required length was recorded. */
  justified: boolean;
  /** The linked evidence, with what decides its validity on a given day (sorted by id). */
  evidence: SnapshotEvidence[];
};

export type SnapshotEvidence = {
  id: string;
  /** YYYY-MM-DD */
  effectiveDate: string;
  /** YYYY-MM-DD, last day it holds; null = no expiry. */
  expiresAt: string | null;
  deleted: boolean;
  superseded: boolean;
};

export type SnapshotChecklist = {
  libraryVersion: string;
  items: SnapshotChecklistItem[];
};

export type SnapshotThreat = {
  id: string;
  title: string;
  likelihood: number;
  impact: number;
  residualLikelihood: number | null;
  residualImpact: number | null;
  treatment: ThreatTreatment | null;
  /** YYYY-MM-DD, when the threat's risk was accepted. */
  acceptanceExpiresOn: string | null;
};

export type SnapshotThreatModel = {
  id: string;
  version: number;
  status: ThreatModelStatus;
  reviewedAt: string | null;
  /** The residual threshold in force when the snapshot was taken. */
  residualThreshold: number;
  threats: SnapshotThreat[];
};

export type SnapshotIncident = { id: string; title: string; severity: string };

export type ApprovalSnapshot = {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  takenAt: string;
  system: SnapshotSystem;
  /** Sorted by kind, name, version, id. */
  assets: SnapshotAsset[];
  /** Null when the system has no checklist yet. */
  checklist: SnapshotChecklist | null;
  /** The REVIEWED version in force; null when none is reviewed. */
  threatModel: SnapshotThreatModel | null;
  /** Open SEV1/SEV2 incidents on the system (filled once the incidents feature provides them). */
  openSevereIncidents: SnapshotIncident[];
};
