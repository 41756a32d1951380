import "server-only";
import type { ThreatModelStatus } from "@/generated/prisma/enums";
import { assertCan } from "@/lib/authz/policy";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";
import { loadVisibleSystem, threatRights, type DbOrTx } from "./access";
import { computeCoverage, type Coverage } from "./coverage";
import { layoutDataFlows, type DiagramLayout } from "./diagram";
import type { ImportReport } from "./threat-dragon";
import { loadThreatProfile } from "./profile";
import { assessThreat, heatMaps, isoDay, type HeatMap, type ThreatAssessment } from "./rules";
import { getResidualThreshold } from "./settings";
import { currentThreatLibrary, threatLibraryVersion } from "./store";
import { openSuggestions, suggestThreats, type ThreatSuggestion } from "./suggestions";

import { sortThreatRows, type ThreatSort } from "./sort";

export { THREAT_SORTS, type ThreatSort } from "./sort";

export type ThreatControl = { code: string; title: string; status: string | null; applicable: boolean };
export type ThreatRow = {
  id: string;
  libraryRef: string | null;
  title: string;
  description: string;
  stride: string | null;
  atlas: string[];
  owaspLlm: string[];
  owaspAgentic: string[];
  assetIds: string[];
  likelihood: number;
  impact: number;
  residualLikelihood: number | null;
  residualImpact: number | null;
  treatment: string | null;
  mitigationNotes: string | null;
  rowVersion: number;
  position: number;
  controls: ThreatControl[];
  acceptance: { acceptedById: string; acceptedByName: string; rationale: string; expiresOn: string; acceptedAt: string } | null;
  assessment: ThreatAssessment;
};

export type VersionSummary = { id: string; version: number; status: ThreatModelStatus; reviewedAt: string | null; reviewerName: string | null; createdAt: string };

export type ThreatModelPage = {
  system: { id: string; name: string; ownerId: string; archived: boolean };
  threshold: number;
  today: string;
  rights: { edit: boolean; review: boolean };
  /** A reviewer who does not own the system may accept its residual risks. */
  canAcceptRisk: boolean;
  versions: VersionSummary[];
  inForce: VersionSummary | null;
  open: VersionSummary | null;
  canStartDraft: boolean;
  model: null | {
    id: string;
    version: number;
    status: ThreatModelStatus;
    scope: string;
    assumptions: string[];
    rowVersion: number;
    libraryVersion: string;
    authorId: string;
    authorName: string;
    submittedById: string | null;
    submittedByName: string | null;
    submittedAt: string | null;
    reviewedByName: string | null;
    reviewedAt: string | null;
    reviewComment: string | null;
    createdAt: string;
    basedOnVersion: number | null;
    importReport: ImportReport | null;
    flows: { id: string; source: string; target: string; data: string; crossesTrustBoundary: boolean; assetIds: string[]; rowVersion: number }[];
    threats: ThreatRow[];
    can: { edit: boolean; submit: boolean; return: boolean; approve: boolean; discard: boolean };
    /** Why the current actor may not review this version, when it is in review. */
    approveBlocked: string | null;
  };
  assets: { id: string; name: string; kind: string }[];
  controls: ThreatControl[];
  suggestions: { open: ThreatSuggestion[]; dismissed: (ThreatSuggestion & { dismissReason: string })[] } | null;
  /** Library entries not yet in the model (for "add from library"). */
  library: { id: string; title: string; stride: string }[];
  /** Suggested control codes of the library entries in the model, by library ID. */
  libraryControls: Record<string, string[]>;
  heat: { inherent: HeatMap; residual: HeatMap };
  coverage: Coverage;
  diagram: DiagramLayout;
  counts: { threats: number; aboveThreshold: number; untreated: number; expired: number; accepted: number; mitigations: number };
};

const ORDER: Record<ThreatModelStatus, number> = { DRAFT: 0, IN_REVIEW: 1, REVIEWED: 2, SUPERSEDED: 3 };

function summary(v: { id: string; version: number; status: ThreatModelStatus; reviewedAt: Date | null; reviewedBy: { name: string } | null; createdAt: Date }): VersionSummary {
  return { id: v.id, version: v.version, status: v.status, reviewedAt: v.reviewedAt?.toISOString() ?? null, reviewerName: v.reviewedBy?.name ?? null, createdAt: v.createdAt.toISOString() };
}

/**
 * Everything the threat-model tab shows for one system: versions, the selected version
 * (`version`, else the open draft for editors, else the version in force, else the latest)
 * with its flows, diagram layout, threats (scored and assessed against the threshold, with
 * mitigations' live checklist status), heat maps, coverage and, for an editable draft, the
 * suggestions. Product owners see only their systems (404 otherwise).
 * @throws ForbiddenError, NotFoundError (system not visible, or no such version).
 */
export async function getThreatModelPage(ctx: ServiceContext, systemId: string, opts: { version?: number; sort?: ThreatSort; today?: string } = {}): Promise<ThreatModelPage> {
  const { actor, db } = ctx;
  assertCan(actor, "threat:read");
  const system = await loadVisibleSystem(db, actor, systemId);
  const rights = threatRights(actor);
  const today = opts.today ?? isoDay();
  const [versionsRaw, threshold, assets, checklistItems] = await Promise.all([
    db.threatModel.findMany({
      where: { systemId },
      orderBy: { version: "desc" },
      select: { id: true, version: true, status: true, reviewedAt: true, createdAt: true, reviewedBy: { select: { name: true } } },
    }),
    getResidualThreshold(db),
    db.asset.findMany({ where: { systemId }, orderBy: [{ kind: "asc" }, { name: "asc" }], select: { id: true, name: true, kind: true } }),
    db.checklistItem.findMany({
      where: { checklist: { systemId } },
      orderBy: { control: { position: "asc" } },
      select: { status: true, applicable: true, control: { select: { code: true, title: true } } },
    }),
  ]);
  const versions = versionsRaw.map(summary);
  const inForce = versions.find((v) => v.status === "REVIEWED") ?? null;
  const open = versions.find((v) => v.status === "DRAFT" || v.status === "IN_REVIEW") ?? null;
  const controls: ThreatControl[] = checklistItems.map((i) => ({ code: i.control.code, title: i.control.title, status: i.status, applicable: i.applicable }));
  const controlByCode = new Map(controls.map((c) => [c.code, c]));

  let selected: VersionSummary | undefined;
  if (opts.version !== undefined) {
    selected = versions.find((v) => v.version === opts.version);
    if (!selected) throw new NotFoundError(`Version ${opts.version} of this threat model does not exist.`);
  } else {
    selected = (rights.edit && open) || inForce || open || [...versions].sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.version - a.version)[0];
  }

  const canStartDraft = rights.edit && !system.archivedAt && !open;
  const emptyLibrary = await currentThreatLibrary(db);
  if (!selected) {
    const coverage = computeCoverage([], new Map(), emptyLibrary);
    return {
      system: { id: system.id, name: system.name, ownerId: system.ownerId, archived: Boolean(system.archivedAt) },
      threshold, today, rights, canAcceptRisk: rights.review && actor.id !== system.ownerId, versions, inForce, open, canStartDraft,
      model: null, assets, controls, suggestions: null, library: [], libraryControls: {},
      heat: heatMaps([]), coverage, diagram: layoutDataFlows([], []),
      counts: { threats: 0, aboveThreshold: 0, untreated: 0, expired: 0, accepted: 0, mitigations: 0 },
    };
  }

  const model = await db.threatModel.findUniqueOrThrow({
    where: { id: selected.id },
    include: {
      author: { select: { name: true } },
      reviewedBy: { select: { name: true } },
      dataFlows: { orderBy: { position: "asc" } },
      threats: {
        orderBy: { position: "asc" },
        include: { mitigations: { select: { controlCode: true } }, acceptance: { include: { acceptedBy: { select: { name: true } } } } },
      },
      dismissals: { select: { libraryRef: true, reason: true } },
    },
  });
  const [submitter, basedOn, library] = await Promise.all([
    model.submittedById ? db.user.findUnique({ where: { id: model.submittedById }, select: { name: true } }) : null,
    model.basedOnId ? db.threatModel.findUnique({ where: { id: model.basedOnId }, select: { version: true } }) : null,
    threatLibraryVersion(db, model.libraryVersion),
  ]);

  const threats: ThreatRow[] = model.threats.map((t) => {
    const acceptance = t.acceptance
      ? { acceptedById: t.acceptance.acceptedById, acceptedByName: t.acceptance.acceptedBy.name, rationale: t.acceptance.rationale, expiresOn: isoDay(t.acceptance.expiresOn), acceptedAt: t.acceptance.acceptedAt.toISOString() }
      : null;
    return {
      id: t.id,
      libraryRef: t.libraryRef,
      title: t.title,
      description: t.description,
      stride: t.stride,
      atlas: t.atlas,
      owaspLlm: t.owaspLlm,
      owaspAgentic: t.owaspAgentic,
      assetIds: t.assetIds,
      likelihood: t.likelihood,
      impact: t.impact,
      residualLikelihood: t.residualLikelihood,
      residualImpact: t.residualImpact,
      treatment: t.treatment,
      mitigationNotes: t.mitigationNotes,
      rowVersion: t.rowVersion,
      position: t.position,
      controls: t.mitigations
        .map((m) => controlByCode.get(m.controlCode) ?? { code: m.controlCode, title: "(no longer on this system's checklist)", status: null, applicable: false })
        .sort((a, b) => a.code.localeCompare(b.code, "en", { numeric: true })),
      acceptance,
      assessment: assessThreat({ ...t, acceptance: acceptance ? { expiresOn: acceptance.expiresOn } : null }, threshold, today),
    };
  });

  const editable = model.status === "DRAFT" && rights.edit && !system.archivedAt;
  const inReview = model.status === "IN_REVIEW" && !system.archivedAt;
  const untreated = threats.filter((t) => t.assessment.untreated).length;
  let approveBlocked: string | null = null;
  if (inReview && rights.review) {
    if (actor.id === model.authorId || actor.id === model.submittedById) approveBlocked = "You authored or submitted this version: another security reviewer must review it.";
    else if (untreated) approveBlocked = `${untreated} ${untreated === 1 ? "threat is" : "threats are"} above the residual-risk threshold without a valid treatment.`;
  }

  let suggestions: ThreatModelPage["suggestions"] = null;
  if (editable) {
    const profile = await loadThreatProfile(db, systemId);
    suggestions = openSuggestions(
      suggestThreats(library, profile),
      threats.flatMap((t) => (t.libraryRef ? [t.libraryRef] : [])),
      model.dismissals.map((d) => ({ threatId: d.libraryRef, reason: d.reason })),
    );
  }
  const present = new Set(threats.map((t) => t.libraryRef));

  return {
    system: { id: system.id, name: system.name, ownerId: system.ownerId, archived: Boolean(system.archivedAt) },
    threshold,
    today,
    rights,
    canAcceptRisk: rights.review && actor.id !== system.ownerId,
    versions,
    inForce,
    open,
    canStartDraft,
    model: {
      id: model.id,
      version: model.version,
      status: model.status,
      scope: model.scope,
      assumptions: model.assumptions,
      rowVersion: model.rowVersion,
      libraryVersion: model.libraryVersion,
      authorId: model.authorId,
      authorName: model.author.name,
      submittedById: model.submittedById,
      submittedByName: submitter?.name ?? null,
      submittedAt: model.submittedAt?.toISOString() ?? null,
      reviewedByName: model.reviewedBy?.name ?? null,
      reviewedAt: model.reviewedAt?.toISOString() ?? null,
      reviewComment: model.reviewComment,
      createdAt: model.createdAt.toISOString(),
      basedOnVersion: basedOn?.version ?? null,
      importReport: (model.importReport as ImportReport | null) ?? null,
      flows: model.dataFlows.map((f) => ({ id: f.id, source: f.source, target: f.target, data: f.data, crossesTrustBoundary: f.crossesTrustBoundary, assetIds: f.assetIds, rowVersion: f.rowVersion })),
      threats: sortThreatRows(threats, opts.sort ?? "residual"),
      can: {
        edit: editable,
        submit: editable,
        return: inReview && rights.edit,
        approve: inReview && rights.review && approveBlocked === null,
        discard: editable,
      },
      approveBlocked,
    },
    assets,
    controls,
    suggestions,
    library: library.threats.filter((t) => !present.has(t.id)).map((t) => ({ id: t.id, title: t.title, stride: t.stride })),
    libraryControls: Object.fromEntries(library.threats.filter((t) => present.has(t.id)).map((t) => [t.id, [...t.controls]])),
    heat: heatMaps(threats),
    coverage: computeCoverage(
      threats.map((t) => ({ id: t.libraryRef ?? t.id, title: t.title, owaspLlm: t.owaspLlm, atlas: t.atlas, controlCodes: t.controls.map((c) => c.code) })),
      controlByCode,
      library,
    ),
    diagram: layoutDataFlows(model.dataFlows, assets),
    counts: {
      threats: threats.length,
      aboveThreshold: threats.filter((t) => t.assessment.aboveThreshold).length,
      untreated,
      expired: threats.filter((t) => t.assessment.acceptance === "EXPIRED").length,
      accepted: threats.filter((t) => t.assessment.acceptance === "VALID").length,
      mitigations: threats.reduce((n, t) => n + t.controls.length, 0),
    },
  };
}

export type ThreatModelSummary = {
  inForce: { version: number; reviewerName: string | null; reviewedAt: string | null; threats: number; untreated: number; expired: number } | null;
  open: { version: number; status: ThreatModelStatus } | null;
};

/**
 * The version in force (who reviewed it, when; untreated and expired counts) and any open
 * version, for the system overview. The caller has already checked the system is visible.
 */
export async function getThreatModelSummary(db: DbOrTx, actor: Actor, systemId: string, today: string = isoDay()): Promise<ThreatModelSummary | null> {
  if (!threatRights(actor).read) return null;
  const [reviewed, open, threshold] = await Promise.all([
    db.threatModel.findFirst({
      where: { systemId, status: "REVIEWED" },
      select: {
        version: true,
        reviewedAt: true,
        reviewedBy: { select: { name: true } },
        threats: { select: { likelihood: true, impact: true, residualLikelihood: true, residualImpact: true, treatment: true, acceptance: { select: { expiresOn: true } } } },
      },
    }),
    db.threatModel.findFirst({ where: { systemId, status: { in: ["DRAFT", "IN_REVIEW"] } }, select: { version: true, status: true } }),
    getResidualThreshold(db),
  ]);
  const assessed = (reviewed?.threats ?? []).map((t) => assessThreat({ ...t, acceptance: t.acceptance ? { expiresOn: isoDay(t.acceptance.expiresOn) } : null }, threshold, today));
  return {
    inForce: reviewed
      ? {
          version: reviewed.version,
          reviewerName: reviewed.reviewedBy?.name ?? null,
          reviewedAt: reviewed.reviewedAt?.toISOString() ?? null,
          threats: reviewed.threats.length,
          untreated: assessed.filter((a) => a.untreated).length,
          expired: assessed.filter((a) => a.acceptance === "EXPIRED").length,
        }
      : null,
    open,
  };
}
