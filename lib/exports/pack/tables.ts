/**
 * The record tables of an evidence pack: each becomes `data/<name>.json` (every record, as
 * JSON) and `csv/<name>.csv` (one row per record, formula-safe). A table turns a batch of
 * loaded systems (lib/exports/system-data.ts) into rows. Adding a record type is one entry in
 * `PACK_TABLES`.
 */
import { formatDigestList } from "@/lib/assets/rules/digests";
import type { DbOrTx } from "@/lib/service-context";
import type { ExportRange, SystemExportData } from "../system-data";

export type PackRow = Record<string, unknown>;

export type PackTable = {
  /** File name stem: data/<name>.json, csv/<name>.csv. */
  name: string;
  /** Human title (report and VERIFY.md). */
  title: string;
  /** CSV columns: header and how to read the cell from a row. */
  columns: readonly (readonly [header: string, cell: (row: PackRow) => unknown])[];
  /** Rows for one batch of systems (in the batch's order). */
  rows: (batch: readonly SystemExportData[], ctx: { db: DbOrTx; range: ExportRange }) => Promise<PackRow[]> | PackRow[];
};

const col = (key: string): readonly [string, (row: PackRow) => unknown] => [key, (row) => row[key]];
const list = (key: string): readonly [string, (row: PackRow) => unknown] => [key, (row) => ((row[key] as unknown[] | null) ?? []).join(";")];

export const PACK_TABLES: readonly PackTable[] = [
  {
    name: "systems",
    title: "AI systems",
    columns: [
      col("id"), col("slug"), col("name"), col("purpose"), col("riskTier"), col("dataSensitivity"), col("autonomy"), col("exposure"), col("lifecycle"),
      ["owner", (r) => (r.owner as { email: string }).email],
      ["contributors", (r) => (r.contributors as { email: string }[]).map((c) => c.email).join(";")],
      col("nextReviewDue"), col("archivedAt"), col("createdAt"), col("updatedAt"),
    ],
    rows: (batch) => batch.map((d) => ({ ...d.system })),
  },
  {
    name: "assets",
    title: "Assets (bill of materials)",
    columns: [
      col("systemId"), col("id"), col("kind"), col("name"), col("version"), col("supplier"), col("licence"), col("sha256"),
      ["otherDigests", (r) => formatDigestList(r.otherDigests as never)],
      col("signatureRef"), col("sensitivity"), list("permissions"), col("dueDiligence"), list("capabilities"), col("credentialType"),
      col("humanApprovalRequired"), col("secretLocation"), col("rotationDays"), col("notes"), col("createdAt"), col("updatedAt"),
    ],
    rows: (batch) =>
      batch.flatMap((d) => d.assets.map((a) => ({ ...a, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString() }))),
  },
  {
    name: "checklist-items",
    title: "Checklist items",
    columns: [
      col("systemId"), col("id"), col("libraryVersion"), col("controlCode"), col("controlTitle"), col("pillar"), col("applicable"), col("status"), col("satisfied"),
      ["owner", (r) => (r.owner as { email: string } | null)?.email ?? null],
      col("dueDate"), col("justification"), col("notes"), list("evidenceIds"), col("updatedAt"),
    ],
    rows: (batch) =>
      batch.flatMap((d) => (d.checklist?.items ?? []).map((i) => ({ systemId: d.system.id, libraryVersion: d.checklist!.libraryVersion, ...i }))),
  },
  {
    name: "evidence",
    title: "Evidence",
    columns: [
      col("systemId"), col("id"), col("kind"), col("title"), col("state"), col("fileName"), col("contentType"), col("sizeBytes"), col("sha256"),
      ["packPath", (r) => (r.kind === "FILE" && r.sha256 && !r.deletedAt ? `evidence/${String(r.sha256)}` : null)],
      col("url"), col("effectiveDate"), col("expiresAt"), col("revisionOfId"), col("createdAt"), col("deletedAt"), col("deletionReason"),
    ],
    rows: (batch) => batch.flatMap((d) => d.evidence.map((e) => ({ systemId: d.system.id, ...e }))),
  },
  {
    name: "threats",
    title: "Threats (threat model in force)",
    columns: [
      col("systemId"), col("threatModelVersion"), col("id"), col("libraryRef"), col("title"), col("stride"), col("likelihood"), col("impact"),
      col("residualLikelihood"), col("residualImpact"), col("treatment"), list("mitigationControls"),
      ["acceptedBy", (r) => (r.acceptance as { acceptedBy: string } | null)?.acceptedBy ?? null],
      ["acceptedUntil", (r) => (r.acceptance as { expiresOn: string } | null)?.expiresOn ?? null],
    ],
    rows: (batch) =>
      batch.flatMap((d) => (d.threatModel ? d.threatModel.threats.map((t) => ({ systemId: d.system.id, threatModelVersion: d.threatModel!.version, ...t })) : [])),
  },
  {
    name: "threat-models",
    title: "Threat models in force",
    columns: [col("systemId"), col("id"), col("version"), col("status"), col("scope"), col("author"), col("reviewedBy"), col("reviewedAt"), col("threatLibraryVersion")],
    rows: (batch) => batch.flatMap((d) => (d.threatModel ? [{ systemId: d.system.id, ...d.threatModel }] : [])),
  },
  {
    name: "approvals",
    title: "Deployment approvals",
    columns: [
      col("systemId"), col("id"), col("releaseLabel"), col("environment"), col("state"), col("round"), col("requester"), col("requesterEmail"), col("snapshotSha256"),
      col("gatePassed"), col("needsException"), col("riskTier"), col("approvalsRequired"), col("submittedAt"), col("approvedAt"), col("expiresAt"), col("closedAt"),
      col("stateReason"), col("createdAt"),
    ],
    rows: (batch) => batch.flatMap((d) => d.approvals.map(({ decisions: _decisions, exception: _exception, ...a }) => ({ systemId: d.system.id, ...a }))),
  },
  {
    name: "approval-decisions",
    title: "Approval decisions",
    columns: [col("systemId"), col("approvalId"), col("id"), col("round"), col("reviewer"), col("reviewerEmail"), col("outcome"), col("comment"), col("decidedAt")],
    rows: (batch) => batch.flatMap((d) => d.approvals.flatMap((a) => a.decisions.map((x) => ({ systemId: d.system.id, approvalId: a.id, ...x })))),
  },
  {
    name: "approval-exceptions",
    title: "Approval exceptions",
    columns: [col("systemId"), col("approvalId"), col("round"), col("reviewer"), col("reviewerEmail"), list("failingRules"), col("rationale"), col("expiresOn"), col("grantedAt")],
    rows: (batch) => batch.flatMap((d) => d.approvals.flatMap((a) => (a.exception ? [{ systemId: d.system.id, approvalId: a.id, ...a.exception }] : []))),
  },
  {
    name: "incidents",
    title: "Incidents",
    columns: [
      col("systemId"), col("id"), col("reference"), col("title"), col("category"), col("severity"), col("status"), col("detectedAt"), col("reportedAt"), col("reporter"),
      col("lead"), col("description"), col("impact"), col("rootCause"), col("lessonsLearned"), col("containedAt"), col("resolvedAt"), col("closedAt"), list("systemIds"),
    ],
    rows: (batch) => batch.flatMap((d) => d.incidents.map((i) => ({ systemId: d.system.id, ...i }))),
  },
];
