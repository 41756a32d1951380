import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ATLAS_VERSION } from "@/lib/controls/identifiers";
import { NotFoundError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { getThreatModelPage, type ThreatModelPage } from "./queries";

export const EXPORT_FORMAT = "aigov.threat-model";
export const EXPORT_FORMAT_VERSION = 1;

/** The export document for one version (pure: built from the page data). */
export function buildThreatModelExport(page: ThreatModelPage, system: { slug: string }, exportedAt: Date) {
  const model = page.model;
  if (!model) throw new NotFoundError("This system has no threat model yet.");
  const assetName = new Map(page.assets.map((a) => [a.id, `${a.name} (${a.kind})`]));
  const assetsOf = (ids: readonly string[]) => ids.map((id) => ({ id, name: assetName.get(id) ?? "(removed asset)" }));
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    system: { id: page.system.id, slug: system.slug, name: page.system.name },
    threatModel: {
      version: model.version,
      status: model.status,
      author: model.authorName,
      submittedBy: model.submittedByName,
      submittedAt: model.submittedAt,
      reviewedBy: model.reviewedByName,
      reviewedAt: model.reviewedAt,
      reviewComment: model.reviewComment,
      basedOnVersion: model.basedOnVersion,
      threatLibraryVersion: model.libraryVersion,
      atlasVersion: ATLAS_VERSION,
      residualThreshold: page.threshold,
      scope: model.scope,
      assumptions: model.assumptions,
    },
    dataFlows: model.flows.map((f) => ({ source: f.source, target: f.target, data: f.data, crossesTrustBoundary: f.crossesTrustBoundary, assets: assetsOf(f.assetIds) })),
    threats: model.threats.map((t) => ({
      libraryId: t.libraryRef,
      title: t.title,
      description: t.description,
      stride: t.stride,
      atlas: t.atlas,
      owaspLlm: t.owaspLlm,
      owaspAgentic: t.owaspAgentic,
      affectedAssets: assetsOf(t.assetIds),
      inherent: { likelihood: t.likelihood, impact: t.impact, score: t.assessment.inherent, band: t.assessment.inherentBand },
      residual: t.assessment.residual === null ? null : { likelihood: t.residualLikelihood, impact: t.residualImpact, score: t.assessment.residual, band: t.assessment.residualBand },
      treatment: t.treatment,
      untreated: t.assessment.untreated,
      problem: t.assessment.problem,
      mitigations: { controls: t.controls.map((c) => ({ code: c.code, title: c.title, checklistStatus: c.status })), notes: t.mitigationNotes },
      acceptance: t.acceptance ? { acceptedBy: t.acceptance.acceptedByName, acceptedAt: t.acceptance.acceptedAt, expiresOn: t.acceptance.expiresOn, rationale: t.acceptance.rationale, state: t.assessment.acceptance } : null,
    })),
    coverage: {
      owaspLlm2025: page.coverage.owaspLlm.map((r) => ({ id: r.id, title: r.title, state: r.state, threats: r.threats.map((x) => x.id), controls: r.controls.map((c) => c.code) })),
      atlas: page.coverage.atlas.map((r) => ({ id: r.id, title: r.title, state: r.state, threats: r.threats.map((x) => x.id), controls: r.controls.map((c) => c.code) })),
    },
  };
}

/**
 * Exports one version as JSON (the version in force unless `version` is given) and records the
 * export in the audit trail.
 * @returns the file name and document. @throws ForbiddenError, NotFoundError.
 */
export async function exportThreatModel(ctx: ServiceContext, systemId: string, version?: number) {
  const { actor, db, meta } = ctx;
  assertCan(actor, "threat:read");
  const page = await getThreatModelPage(ctx, systemId, { version });
  const system = await db.aiSystem.findUniqueOrThrow({ where: { id: systemId }, select: { slug: true } });
  const doc = buildThreatModelExport(page, system, new Date());
  await withTransaction(ctx, async ({ db: tx }) => {
    await appendAudit(
      tx,
      actor,
      { action: "threat_model.exported", entityType: "ThreatModel", entityId: page.model!.id, summary: { systemId, version: doc.threatModel.version, threats: doc.threats.length } },
      meta,
    );
  });
  return { fileName: `${system.slug}-threat-model-v${doc.threatModel.version}.json`, doc };
}
