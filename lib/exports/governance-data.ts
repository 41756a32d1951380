import "server-only";
import { incidentRef } from "@/lib/incidents/catalog";
import type { DbOrTx } from "@/lib/service-context";
import type { ExportRange } from "./system-data";

/**
 * Deployment approvals, their decisions and exceptions, and incidents of a batch of systems, as
 * the exports carry them (evidence pack tables and report, printable system card). Loaded by
 * `loadSystemsData` with one query per kind for the whole batch.
 */

export type ExportApprovalDecision = { id: string; round: number; reviewer: string; reviewerEmail: string; outcome: string; comment: string; decidedAt: string };

export type ExportApprovalException = { reviewer: string; reviewerEmail: string; round: number; rationale: string; expiresOn: string; failingRules: string[]; grantedAt: string };

export type ExportApproval = {
  id: string;
  releaseLabel: string;
  environment: string;
  state: string;
  round: number;
  requester: string;
  requesterEmail: string;
  snapshotSha256: string | null;
  gatePassed: boolean | null;
  needsException: boolean;
  riskTier: string | null;
  approvalsRequired: number | null;
  submittedAt: string | null;
  approvedAt: string | null;
  expiresAt: string | null;
  closedAt: string | null;
  stateReason: string | null;
  createdAt: string;
  decisions: ExportApprovalDecision[];
  exception: ExportApprovalException | null;
};

export type ExportIncident = {
  id: string;
  reference: string;
  title: string;
  category: string;
  severity: string;
  status: string;
  detectedAt: string;
  reportedAt: string;
  reporter: string;
  lead: string | null;
  description: string;
  impact: string;
  rootCause: string | null;
  lessonsLearned: string | null;
  containedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  systemIds: string[];
};

const endOf = (range: ExportRange | undefined) => (range?.to ? new Date(`${range.to}T23:59:59.999Z`) : undefined);

/**
 * Approval requests of the given systems (created on or before the range's end; drafts left out:
 * they were never submitted), oldest first, with every decision and the exception, by system id.
 */
export async function loadApprovals(db: DbOrTx, systemIds: readonly string[], range?: ExportRange): Promise<Map<string, ExportApproval[]>> {
  const before = endOf(range);
  const rows = await db.approvalRequest.findMany({
    where: { systemId: { in: [...systemIds] }, state: { not: "DRAFT" }, ...(before ? { createdAt: { lte: before } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      systemId: true,
      releaseLabel: true,
      environment: true,
      state: true,
      round: true,
      requester: { select: { name: true, email: true } },
      snapshotSha256: true,
      gatePassed: true,
      needsException: true,
      riskTier: true,
      approvalsRequired: true,
      submittedAt: true,
      approvedAt: true,
      expiresAt: true,
      closedAt: true,
      stateReason: true,
      createdAt: true,
      decisions: { orderBy: [{ decidedAt: "asc" }, { id: "asc" }], select: { id: true, round: true, outcome: true, comment: true, decidedAt: true, reviewer: { select: { name: true, email: true } } } },
      exception: { select: { round: true, rationale: true, expiresOn: true, failingRules: true, grantedAt: true, reviewer: { select: { name: true, email: true } } } },
    },
  });
  const out = new Map<string, ExportApproval[]>();
  for (const r of rows) {
    const approval: ExportApproval = {
      id: r.id,
      releaseLabel: r.releaseLabel,
      environment: r.environment,
      state: r.state,
      round: r.round,
      requester: r.requester.name,
      requesterEmail: r.requester.email,
      snapshotSha256: r.snapshotSha256,
      gatePassed: r.gatePassed,
      needsException: r.needsException,
      riskTier: r.riskTier,
      approvalsRequired: r.approvalsRequired,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      approvedAt: r.approvedAt?.toISOString() ?? null,
      expiresAt: r.expiresAt?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
      stateReason: r.stateReason,
      createdAt: r.createdAt.toISOString(),
      decisions: r.decisions.map((d) => ({ id: d.id, round: d.round, reviewer: d.reviewer.name, reviewerEmail: d.reviewer.email, outcome: d.outcome, comment: d.comment, decidedAt: d.decidedAt.toISOString() })),
      exception: r.exception
        ? {
            reviewer: r.exception.reviewer.name,
            reviewerEmail: r.exception.reviewer.email,
            round: r.exception.round,
            rationale: r.exception.rationale,
            expiresOn: r.exception.expiresOn.toISOString().slice(0, 10),
            failingRules: r.exception.failingRules,
            grantedAt: r.exception.grantedAt.toISOString(),
          }
        : null,
    };
    const list = out.get(r.systemId);
    if (list) list.push(approval);
    else out.set(r.systemId, [approval]);
  }
  return out;
}

/** Incidents affecting the given systems (reported on or before the range's end), oldest first, by system id. */
export async function loadIncidents(db: DbOrTx, systemIds: readonly string[], range?: ExportRange): Promise<Map<string, ExportIncident[]>> {
  const before = endOf(range);
  const rows = await db.incident.findMany({
    where: { systems: { some: { systemId: { in: [...systemIds] } } }, ...(before ? { reportedAt: { lte: before } } : {}) },
    orderBy: [{ detectedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      number: true,
      title: true,
      category: true,
      severity: true,
      status: true,
      detectedAt: true,
      reportedAt: true,
      reporter: { select: { name: true } },
      lead: { select: { name: true } },
      description: true,
      impact: true,
      rootCause: true,
      lessonsLearned: true,
      containedAt: true,
      resolvedAt: true,
      closedAt: true,
      systems: { select: { systemId: true }, orderBy: { systemId: "asc" } },
    },
  });
  const wanted = new Set(systemIds);
  const out = new Map<string, ExportIncident[]>();
  for (const r of rows) {
    const incident: ExportIncident = {
      id: r.id,
      reference: incidentRef(r.number),
      title: r.title,
      category: r.category,
      severity: r.severity,
      status: r.status,
      detectedAt: r.detectedAt.toISOString(),
      reportedAt: r.reportedAt.toISOString(),
      reporter: r.reporter.name,
      lead: r.lead?.name ?? null,
      description: r.description,
      impact: r.impact,
      rootCause: r.rootCause,
      lessonsLearned: r.lessonsLearned,
      containedAt: r.containedAt?.toISOString() ?? null,
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
      systemIds: r.systems.map((s) => s.systemId),
    };
    for (const { systemId } of r.systems) {
      if (!wanted.has(systemId)) continue;
      const list = out.get(systemId);
      if (list) list.push(incident);
      else out.set(systemId, [incident]);
    }
  }
  return out;
}
