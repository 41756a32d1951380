import "server-only";
import { z } from "zod";
import type { ChecklistStatus } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import { assertCan, canEditChecklist } from "@/lib/authz/policy";
import { evaluateApplicability, type ApplicabilityRule } from "@/lib/controls/applicability";
import { currentLibraryVersion } from "@/lib/controls/store";
import type { ServiceContext } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { parseOrThrow } from "@/lib/validation";
import { zId, zText } from "@/lib/validation/fields";
import { canReview } from "./access";
import { loadSystemProfile } from "./profile";
import { evidenceState } from "@/lib/evidence/rules";
import { supportedControls, type SupportedControl } from "@/lib/evidence/supported-controls";
import { computeProgress, isOverdue, STATUSES, todayUtc } from "./rules";
import { assignableOwners } from "./item-owners";

export const ZChecklistFilter = z.object({
  pillar: z.enum(["DES", "DEV", "DEP", "OPS", "DEC"]).optional(),
  status: z.enum(STATUSES).optional(),
  owner: zId("The owner").optional(),
  overdue: z.enum(["1"]).optional(),
  q: zText({ max: 200, label: "The search" }).optional(),
});
export type TChecklistFilter = z.infer<typeof ZChecklistFilter>;

const ITEM_INCLUDE = {
  control: true,
  owner: { select: { id: true, name: true } },
  evidence: {
    include: {
      evidence: {
        select: {
          id: true,
          kind: true,
          title: true,
          fileName: true,
          effectiveDate: true,
          expiresAt: true,
          deletedAt: true,
          revisedBy: { select: { id: true } },
        },
      },
    },
    orderBy: { linkedAt: "asc" },
  },
} satisfies Prisma.ChecklistItemInclude;

type ItemRow = Prisma.ChecklistItemGetPayload<{ include: typeof ITEM_INCLUDE }>;

export type EvidenceRef = {
  id: string;
  kind: string;
  title: string;
  fileName: string | null;
  valid: boolean;
  state: "VALID" | "EXPIRED" | "SUPERSEDED" | "DELETED" | "NOT_YET_EFFECTIVE";
  /** Every checklist control the evidence supports (this item's included), by code. */
  supports: SupportedControl[];
};

function evidenceRef(e: ItemRow["evidence"][number]["evidence"], today: string, supports: SupportedControl[]): EvidenceRef {
  const state = evidenceState({ deletedAt: e.deletedAt, superseded: Boolean(e.revisedBy), effectiveDate: e.effectiveDate, expiresAt: e.expiresAt }, today);
  return { id: e.id, kind: e.kind, title: e.title, fileName: e.fileName, valid: state === "VALID", state, supports };
}

/**
 * One `EvidenceRef` per evidence item for a whole checklist, built on first use and then shared
 * by every item the evidence is attached to. Sharing the object is what keeps the page small:
 * React's server payload writes an object it has already written as a reference, so evidence
 * attached to 40 items with its 40 supported controls is sent once, not 40 × 40 times (the
 * demo's checklist payload was 1 MB, three quarters of it these lists; issue 8).
 */
function evidenceRefs(supports: Map<string, SupportedControl[]>, today: string) {
  const refs = new Map<string, EvidenceRef>();
  return (e: ItemRow["evidence"][number]["evidence"]): EvidenceRef => {
    let ref = refs.get(e.id);
    if (!ref) refs.set(e.id, (ref = evidenceRef(e, today, supports.get(e.id) ?? [])));
    return ref;
  };
}

function toItem(row: ItemRow, today: string, refOf: (e: ItemRow["evidence"][number]["evidence"]) => EvidenceRef) {
  const evidence = row.evidence.map((link) => refOf(link.evidence));
  const validEvidence = evidence.filter((e) => e.valid).length;
  const dueDate = row.dueDate?.toISOString().slice(0, 10) ?? null;
  return {
    id: row.id,
    code: row.control.code,
    pillar: row.control.pillar,
    pillarTitle: row.control.pillarTitle,
    principleId: row.control.principleId,
    principleTitle: row.control.principleTitle,
    title: row.control.title,
    guidance: row.control.guidance,
    evidenceExpectation: row.control.evidenceExpectation,
    evidenceRequired: row.control.evidenceRequired,
    reviewerOnly: row.control.reviewerOnly,
    mappings: row.control.mappings as Record<string, string[] | Record<string, string>>,
    applicable: row.applicable,
    applicabilityReason: row.applicabilityReason,
    status: row.status as ChecklistStatus,
    owner: row.owner,
    dueDate,
    notes: row.notes,
    justification: row.justification,
    rowVersion: row.rowVersion,
    updatedAt: row.updatedAt.toISOString(),
    /** Submitted for review by the owner and not yet decided (reviewer-only controls). */
    reviewRequest:
      row.reviewRequestedAt && row.status !== "MET" && row.status !== "NOT_APPLICABLE" ? { at: row.reviewRequestedAt.toISOString(), byId: row.reviewRequestedById } : null,
    evidence,
    validEvidence,
    /** MET whose evidence no longer holds is flagged and does not count as done. */
    satisfied: row.status !== "MET" || !row.control.evidenceRequired || validEvidence > 0,
    overdue: isOverdue(dueDate, row.status, today),
  };
}
export type ChecklistItemView = ReturnType<typeof toItem>;

/** Everything the checklist tab shows; progress is always over the whole checklist. */
export async function getChecklistView(ctx: ServiceContext, systemId: string, rawFilter: unknown = {}) {
  const { actor, db } = ctx;
  assertCan(actor, "checklist:read");
  const facts = await loadSystemFacts(db, actor, systemId);
  const filter = parseOrThrow(ZChecklistFilter, rawFilter);
  const today = todayUtc();
  const checklist = await db.checklist.findUnique({
    where: { systemId },
    include: { libraryVersion: { select: { id: true, version: true } } },
  });
  const editable = canEditChecklist(actor, facts) && !facts.archivedAt;
  if (!checklist) return { checklist: null, can: { edit: editable, review: canReview(actor) && editable } } as const;

  const [rows, current, profile] = await Promise.all([
    db.checklistItem.findMany({ where: { checklistId: checklist.id }, include: ITEM_INCLUDE, orderBy: { control: { position: "asc" } } }),
    currentLibraryVersion(db),
    loadSystemProfile(db, systemId),
  ]);
  // The controls each attached evidence item supports ("Also supports …"), in one query for the
  // whole checklist rather than per item and evidence.
  const supports = await supportedControls(db, [...new Set(rows.flatMap((r) => r.evidence.map((link) => link.evidence.id)))]);
  const refOf = evidenceRefs(supports, today);
  const items = rows.map((r) => toItem(r, today, refOf));
  const progress = computeProgress(items.map((i) => ({ pillar: i.pillar, applicable: i.applicable, status: i.status, satisfied: i.satisfied })));
  const pendingApplicability = rows.filter((r) => evaluateApplicability(r.control.applicability as ApplicabilityRule, profile).applies !== r.applicable).length;
  const q = filter.q?.toLowerCase();
  const visible = items.filter(
    (i) =>
      (!filter.pillar || i.pillar === filter.pillar) &&
      (!filter.status || i.status === filter.status) &&
      (!filter.owner || (filter.owner === "none" ? !i.owner : i.owner?.id === filter.owner)) &&
      (!filter.overdue || i.overdue) &&
      (!q || `${i.code} ${i.title}`.toLowerCase().includes(q)),
  );
  return {
    checklist: {
      id: checklist.id,
      libraryVersion: checklist.libraryVersion.version,
      currentLibraryVersion: current?.version ?? null,
      upgradeAvailable: Boolean(current && current.id !== checklist.libraryVersionId),
      pendingApplicability,
    },
    items: visible,
    totalItems: items.length,
    progress,
    filter,
    can: { edit: editable, review: canReview(actor) && editable },
  } as const;
}

/**
 * People who may own checklist items of this system (lib/checklists/item-owners.ts
 * `mayOwnItem`): its owner and contributors, reviewers, admins; `{ id, name }[]` by name.
 */
export async function listItemOwners({ actor, db }: ServiceContext, systemId: string) {
  assertCan(actor, "checklist:read");
  const facts = await loadSystemFacts(db, actor, systemId);
  return assignableOwners(db, facts);
}
