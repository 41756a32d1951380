import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { ASSET_SELECT } from "@/lib/assets/queries";
import { computeProgress, type Progress } from "@/lib/checklists/rules";
import { EVIDENCE_SELECT, toEvidenceDto, type EvidenceRow } from "@/lib/evidence/queries";
import { isoDay, type EvidenceState } from "@/lib/evidence/rules";
import type { DbOrTx } from "@/lib/service-context";
import { loadApprovals, loadIncidents, type ExportApproval, type ExportIncident } from "./governance-data";

/**
 * Everything the exports (AI-BOM, OSCAL, evidence pack, system card) say about one system,
 * loaded in batches: `loadSystemsData` runs a fixed number of queries per call whatever the
 * number of systems, so an organisation-wide pack pages through systems a few hundred at a
 * time. Dates are ISO strings (days as YYYY-MM-DD); numbers are plain numbers.
 */

const SYSTEM_SELECT = {
  id: true,
  slug: true,
  name: true,
  purpose: true,
  riskTier: true,
  dataSensitivity: true,
  autonomy: true,
  exposure: true,
  lifecycle: true,
  nextReviewDue: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true, email: true } },
  contributors: { select: { user: { select: { id: true, name: true, email: true } } } },
} satisfies Prisma.AiSystemSelect;


/** A checklist item row as the export reads it (one joined query: Prisma's nested reads are ~10× slower here). */
type ItemRow = {
  id: string;
  systemId: string;
  controlId: string;
  applicable: boolean;
  applicabilityReason: string;
  status: string;
  dueDate: Date | null;
  notes: string | null;
  justification: string | null;
  updatedAt: Date;
  ownerName: string | null;
  ownerEmail: string | null;
};

/** A library control as items refer to it. Controls never change once published, so a pack caches them. */
export type ExportControl = {
  code: string;
  pillar: string;
  pillarTitle: string;
  principleId: string;
  title: string;
  evidenceExpectation: string;
  evidenceRequired: boolean;
};
export type ControlCache = Map<string, ExportControl>;

async function loadItems(db: DbOrTx, ids: readonly string[], controls: ControlCache): Promise<(ItemRow & { control: ExportControl; evidenceIds: string[] })[]> {
  const [items, links] = await Promise.all([loadItemRows(db, ids), loadItemLinks(db, ids)]);
  const missing = [...new Set(items.map((i) => i.controlId).filter((id) => !controls.has(id)))];
  if (missing.length) {
    const rows = await db.control.findMany({
      where: { id: { in: missing } },
      select: { id: true, code: true, pillar: true, pillarTitle: true, principleId: true, title: true, evidenceExpectation: true, evidenceRequired: true },
    });
    for (const { id, ...control } of rows) controls.set(id, control);
  }
  const linksOf = new Map<string, string[]>();
  for (const link of links) {
    const list = linksOf.get(link.itemId);
    if (list) list.push(link.evidenceId);
    else linksOf.set(link.itemId, [link.evidenceId]);
  }
  return items.map((i) => ({ ...i, control: controls.get(i.controlId)!, evidenceIds: linksOf.get(i.id) ?? [] }));
}

/*
 * Both item queries start from the batch's checklists and reach their items through a LATERAL
 * subquery that the planner may not flatten (OFFSET 0), so each checklist's items come from
 * the (checklistId, ...) index. Written as plain joins, PostgreSQL estimated a batch's share of
 * ChecklistItem too high and scanned the whole table (or walked its primary key) for every
 * batch: 10,000 systems with 95 items each, 200 systems a batch, measured with EXPLAIN ANALYZE:
 * items 185 → 53 ms, links 260 → 23 ms per batch, and the cost grew with the organisation.
 */
function loadItemLinks(db: DbOrTx, ids: readonly string[]) {
  return db.$queryRaw<{ itemId: string; evidenceId: string }[]>`
    SELECT l."itemId", l."evidenceId"
    FROM "Checklist" c
    CROSS JOIN LATERAL (SELECT i.id FROM "ChecklistItem" i WHERE i."checklistId" = c.id OFFSET 0) i
    JOIN "ChecklistItemEvidence" l ON l."itemId" = i.id
    WHERE c."systemId" = ANY(${[...ids]}::text[])
    ORDER BY l."linkedAt", l."evidenceId"`;
}

function loadItemRows(db: DbOrTx, ids: readonly string[]) {
  return db.$queryRaw<ItemRow[]>`
    SELECT i.id, c."systemId", i."controlId", i.applicable, i."applicabilityReason", i.status::text AS status, i."dueDate", i.notes, i.justification, i."updatedAt",
           o.name AS "ownerName", o.email AS "ownerEmail"
    FROM "Checklist" c
    CROSS JOIN LATERAL (SELECT * FROM "ChecklistItem" i WHERE i."checklistId" = c.id OFFSET 0) i
    JOIN "Control" k ON k.id = i."controlId"
    LEFT JOIN "User" o ON o.id = i."ownerId"
    WHERE c."systemId" = ANY(${[...ids]}::text[])
    ORDER BY c."systemId", k.position, i.id`;
}


const THREAT_MODEL_SELECT = {
  id: true,
  systemId: true,
  version: true,
  status: true,
  scope: true,
  assumptions: true,
  libraryVersion: true,
  reviewedAt: true,
  reviewComment: true,
  reviewedBy: { select: { name: true } },
  author: { select: { name: true } },
  dataFlows: { orderBy: { position: "asc" }, select: { source: true, target: true, data: true, crossesTrustBoundary: true } },
  threats: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      libraryRef: true,
      title: true,
      description: true,
      stride: true,
      atlas: true,
      owaspLlm: true,
      likelihood: true,
      impact: true,
      residualLikelihood: true,
      residualImpact: true,
      treatment: true,
      mitigationNotes: true,
      mitigations: { select: { controlCode: true } },
      acceptance: { select: { rationale: true, expiresOn: true, acceptedAt: true, acceptedBy: { select: { name: true } } } },
    },
  },
} satisfies Prisma.ThreatModelSelect;

type SystemRow = Prisma.AiSystemGetPayload<{ select: typeof SYSTEM_SELECT }>;
export type ExportAsset = Prisma.AssetGetPayload<{ select: typeof ASSET_SELECT }>;
type ThreatModelRow = Prisma.ThreatModelGetPayload<{ select: typeof THREAT_MODEL_SELECT }>;

export type ExportPerson = { name: string; email: string };

export type ExportSystem = {
  id: string;
  slug: string;
  name: string;
  purpose: string;
  riskTier: string;
  dataSensitivity: string;
  autonomy: string;
  exposure: string;
  lifecycle: string;
  nextReviewDue: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  owner: ExportPerson;
  contributors: ExportPerson[];
};

export type ExportChecklistItem = {
  id: string;
  controlCode: string;
  controlTitle: string;
  pillar: string;
  pillarTitle: string;
  principleId: string;
  evidenceExpectation: string;
  evidenceRequired: boolean;
  applicable: boolean;
  applicabilityReason: string;
  status: string;
  /** MET with evidence that still holds (or none required); false for a stale MET. */
  satisfied: boolean;
  owner: ExportPerson | null;
  dueDate: string | null;
  notes: string | null;
  justification: string | null;
  updatedAt: string;
  evidenceIds: string[];
};

export type ExportEvidence = {
  id: string;
  kind: string;
  title: string;
  description: string | null;
  url: string | null;
  noteBody: string | null;
  fileName: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  effectiveDate: string;
  expiresAt: string | null;
  revisionOfId: string | null;
  uploadedById: string;
  createdAt: string;
  deletedAt: string | null;
  deletionReason: string | null;
  state: EvidenceState;
};

export type ExportThreatModel = {
  id: string;
  version: number;
  status: string;
  scope: string;
  assumptions: string[];
  threatLibraryVersion: string;
  author: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  dataFlows: { source: string; target: string; data: string; crossesTrustBoundary: boolean }[];
  threats: {
    id: string;
    libraryRef: string | null;
    title: string;
    description: string;
    stride: string | null;
    atlas: string[];
    owaspLlm: string[];
    likelihood: number;
    impact: number;
    residualLikelihood: number | null;
    residualImpact: number | null;
    treatment: string | null;
    mitigationNotes: string | null;
    mitigationControls: string[];
    acceptance: { acceptedBy: string; acceptedAt: string; expiresOn: string; rationale: string } | null;
  }[];
};

export type SystemExportData = {
  system: ExportSystem;
  assets: ExportAsset[];
  checklist: { libraryVersion: string; items: ExportChecklistItem[]; progress: { overall: Progress; byPillar: Record<string, Progress> } } | null;
  evidence: ExportEvidence[];
  /** The reviewed threat model version in force, if any. */
  threatModel: ExportThreatModel | null;
  /** Deployment approval requests (not drafts), oldest first, with their decisions and exception. */
  approvals: ExportApproval[];
  /** Incidents affecting the system, oldest first. */
  incidents: ExportIncident[];
};

/** Date range filter for records that have a time (evidence added, audit events): inclusive days. */
export type ExportRange = { from?: string | null; to?: string | null };

/**
 * Loads the export data of the given systems (in the order given; unknown ids are skipped).
 * Evidence in a date range: added on or before `to` (what existed at the end of the period);
 * `from` does not drop older evidence that still supports an item. Deleted evidence is kept as
 * a tombstone (metadata only). `today` decides which evidence still holds (YYYY-MM-DD).
 */
export async function loadSystemsData(
  db: DbOrTx,
  systemIds: readonly string[],
  opts: { range?: ExportRange; today?: string; controls?: ControlCache } = {},
): Promise<SystemExportData[]> {
  if (!systemIds.length) return [];
  const ids = [...systemIds];
  const today = opts.today ?? isoDay(new Date());
  const createdBefore = opts.range?.to ? new Date(`${opts.range.to}T23:59:59.999Z`) : undefined;
  const [systems, assets, checklists, items, evidence, models, approvals, incidents] = await Promise.all([
    db.aiSystem.findMany({ where: { id: { in: ids } }, select: SYSTEM_SELECT }),
    db.asset.findMany({ where: { systemId: { in: ids } }, select: ASSET_SELECT, orderBy: [{ kind: "asc" }, { name: "asc" }, { id: "asc" }] }),
    db.checklist.findMany({ where: { systemId: { in: ids } }, select: { systemId: true, libraryVersion: { select: { version: true } } } }),
    loadItems(db, ids, opts.controls ?? new Map()),
    db.evidence.findMany({
      where: { systemId: { in: ids }, ...(createdBefore ? { createdAt: { lte: createdBefore } } : {}) },
      select: EVIDENCE_SELECT,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    db.threatModel.findMany({ where: { systemId: { in: ids }, status: "REVIEWED" }, select: THREAT_MODEL_SELECT }),
    loadApprovals(db, ids, opts.range),
    loadIncidents(db, ids, opts.range),
  ]);

  const group = <T>(rows: readonly T[], key: (row: T) => string) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(key(row));
      if (list) list.push(row);
      else map.set(key(row), [row]);
    }
    return map;
  };
  const assetsBy = group(assets, (a) => a.systemId);
  const itemsBy = group(items, (i) => i.systemId);
  const evidenceBy = group(evidence, (e) => e.systemId);
  const modelBy = new Map(models.map((m) => [m.systemId, m]));
  const checklistBy = new Map(checklists.map((c) => [c.systemId, c.libraryVersion.version]));
  const systemBy = new Map(systems.map((s) => [s.id, s]));

  const out: SystemExportData[] = [];
  for (const id of ids) {
    const system = systemBy.get(id);
    if (!system) continue;
    const evidenceRows = (evidenceBy.get(id) ?? []).map((e) => toExportEvidence(e, today));
    const stateOf = new Map(evidenceRows.map((e) => [e.id, e.state]));
    const libraryVersion = checklistBy.get(id);
    const itemRows = (itemsBy.get(id) ?? []).map((i) => toExportItem(i, stateOf));
    out.push({
      system: toExportSystem(system),
      assets: assetsBy.get(id) ?? [],
      checklist:
        libraryVersion === undefined
          ? null
          : {
              libraryVersion,
              items: itemRows,
              progress: computeProgress(itemRows.map((i) => ({ pillar: i.pillar, applicable: i.applicable, status: i.status as never, satisfied: i.satisfied }))),
            },
      evidence: evidenceRows,
      threatModel: modelBy.has(id) ? toExportThreatModel(modelBy.get(id)!) : null,
      approvals: approvals.get(id) ?? [],
      incidents: incidents.get(id) ?? [],
    });
  }
  return out;
}

function person(user: { name: string; email: string }): ExportPerson {
  return { name: user.name, email: user.email };
}

function toExportSystem(s: SystemRow): ExportSystem {
  return {
    id: s.id,
    slug: s.slug,
    name: s.name,
    purpose: s.purpose,
    riskTier: s.riskTier,
    dataSensitivity: s.dataSensitivity,
    autonomy: s.autonomy,
    exposure: s.exposure,
    lifecycle: s.lifecycle,
    nextReviewDue: s.nextReviewDue ? isoDay(s.nextReviewDue) : null,
    archivedAt: s.archivedAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    owner: person(s.owner),
    contributors: s.contributors.map((c) => person(c.user)),
  };
}

function toExportItem(i: ItemRow & { control: ExportControl; evidenceIds: string[] }, stateOf: ReadonlyMap<string, EvidenceState>): ExportChecklistItem {
  const evidenceIds = i.evidenceIds.filter((id) => stateOf.has(id));
  const valid = evidenceIds.filter((id) => stateOf.get(id) === "VALID").length;
  const c = i.control;
  return {
    id: i.id,
    controlCode: c.code,
    controlTitle: c.title,
    pillar: c.pillar,
    pillarTitle: c.pillarTitle,
    principleId: c.principleId,
    evidenceExpectation: c.evidenceExpectation,
    evidenceRequired: c.evidenceRequired,
    applicable: i.applicable,
    applicabilityReason: i.applicabilityReason,
    status: i.status,
    satisfied: i.status !== "MET" || !c.evidenceRequired || valid > 0,
    owner: i.ownerEmail !== null ? { name: i.ownerName ?? "", email: i.ownerEmail } : null,
    dueDate: i.dueDate ? isoDay(i.dueDate) : null,
    notes: i.notes,
    justification: i.justification,
    updatedAt: i.updatedAt.toISOString(),
    evidenceIds,
  };
}

/**
 * The export record of one evidence row: the evidence page's DTO (`toEvidenceDto`, which owns the
 * tombstone rule — a deleted item keeps its metadata, never its URL or note) minus what only the
 * page needs (people, revision links, link counts), plus the uploader's id.
 */
function toExportEvidence(e: EvidenceRow, today: string): ExportEvidence {
  const dto = toEvidenceDto(e, NO_PEOPLE, today);
  return {
    id: dto.id,
    kind: dto.kind,
    title: dto.title,
    description: dto.description,
    url: dto.url,
    noteBody: dto.noteBody,
    fileName: dto.fileName,
    contentType: dto.contentType,
    sizeBytes: dto.sizeBytes,
    sha256: dto.sha256,
    effectiveDate: dto.effectiveDate,
    expiresAt: dto.expiresAt,
    revisionOfId: dto.revisionOfId,
    uploadedById: e.uploadedById,
    createdAt: dto.createdAt,
    deletedAt: dto.deletedAt,
    deletionReason: dto.deletionReason,
    state: dto.state,
  };
}

const NO_PEOPLE: ReadonlyMap<string, { id: string; name: string }> = new Map();

function toExportThreatModel(m: ThreatModelRow): ExportThreatModel {
  return {
    id: m.id,
    version: m.version,
    status: m.status,
    scope: m.scope,
    assumptions: m.assumptions,
    threatLibraryVersion: m.libraryVersion,
    author: m.author.name,
    reviewedBy: m.reviewedBy?.name ?? null,
    reviewedAt: m.reviewedAt?.toISOString() ?? null,
    reviewComment: m.reviewComment,
    dataFlows: m.dataFlows,
    threats: m.threats.map((t) => ({
      id: t.id,
      libraryRef: t.libraryRef,
      title: t.title,
      description: t.description,
      stride: t.stride,
      atlas: t.atlas,
      owaspLlm: t.owaspLlm,
      likelihood: t.likelihood,
      impact: t.impact,
      residualLikelihood: t.residualLikelihood,
      residualImpact: t.residualImpact,
      treatment: t.treatment,
      mitigationNotes: t.mitigationNotes,
      mitigationControls: t.mitigations.map((x) => x.controlCode).sort(),
      acceptance: t.acceptance
        ? { acceptedBy: t.acceptance.acceptedBy.name, acceptedAt: t.acceptance.acceptedAt.toISOString(), expiresOn: isoDay(t.acceptance.expiresOn), rationale: t.acceptance.rationale }
        : null,
    })),
  };
}
