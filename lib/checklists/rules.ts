/** Pure checklist rules: status changes, progress, library diffs. No database, no Next. */
import type { ChecklistStatus } from "@/generated/prisma/enums";

export const STATUSES = ["NOT_STARTED", "IN_PROGRESS", "MET", "NOT_MET", "NOT_APPLICABLE"] as const satisfies readonly ChecklistStatus[];
export const JUSTIFICATION_MIN = 20;

/** True when a "Not applicable" justification is too short (under `JUSTIFICATION_MIN` characters once trimmed). */
export function justificationTooShort(text: string | null | undefined): boolean {
  return (text?.trim().length ?? 0) < JUSTIFICATION_MIN;
}

/** The refusal message for one item whose "Not applicable" justification is too short. */
export function justificationRefusal(code: string): string {
  return `Explain in at least ${JUSTIFICATION_MIN} characters why ${code} does not apply.`;
}

/**
 * True when every per-item refusal (`{ [controlCode]: messages }`, as a bulk status change
 * reports them) is the too-short-justification refusal, i.e. the one problem is the shared
 * justification, not the items.
 */
export function onlyJustificationRefusals(refusals: Record<string, readonly string[]> | undefined): boolean {
  const entries = Object.entries(refusals ?? {});
  return entries.length > 0 && entries.every(([code, messages]) => messages.length > 0 && messages.every((m) => m === justificationRefusal(code)));
}

export type StatusChange = {
  to: ChecklistStatus;
  control: { code: string; evidenceRequired: boolean; reviewerOnly: boolean };
  /** Linked evidence that is currently valid (effective, not expired, not superseded or deleted). */
  validEvidenceCount: number;
  justification: string | null | undefined;
  /** The actor may take reviewer decisions (security reviewer or admin). */
  canReview: boolean;
  /** The item's control applies to the system. */
  applicable: boolean;
};

export type Refusal = { field: "status" | "justification"; message: string };

/** Why a status change is not allowed, or null when it is. */
export function refuseStatusChange(change: StatusChange): Refusal | null {
  const { to, control } = change;
  if (!change.applicable && to !== "NOT_STARTED") {
    return { field: "status", message: `${control.code} does not apply to this system; recompute the checklist if its profile changed.` };
  }
  if ((to === "MET" || to === "NOT_APPLICABLE") && control.reviewerOnly && !change.canReview) {
    return { field: "status", message: `Only a security reviewer or an admin may mark ${control.code} as ${to === "MET" ? "met" : "not applicable"}.` };
  }
  if (to === "MET" && control.evidenceRequired && change.validEvidenceCount === 0) {
    return { field: "status", message: `Attach at least one valid (current, unexpired) evidence item before marking ${control.code} as met.` };
  }
  if (to === "NOT_APPLICABLE" && justificationTooShort(change.justification)) {
    return { field: "justification", message: justificationRefusal(control.code) };
  }
  return null;
}

export type ProgressItem = {
  pillar: string;
  applicable: boolean;
  status: ChecklistStatus;
  /** False when a MET item's evidence has all expired (or been superseded/deleted). */
  satisfied: boolean;
};

export type Progress = {
  total: number;
  done: number;
  met: number;
  notApplicable: number;
  notMet: number;
  inProgress: number;
  notStarted: number;
  /** MET items whose evidence no longer holds. */
  stale: number;
  percent: number;
};

function emptyProgress(): Progress {
  return { total: 0, done: 0, met: 0, notApplicable: 0, notMet: 0, inProgress: 0, notStarted: 0, stale: 0, percent: 0 };
}

/**
 * Progress over applicable items: done = MET (with evidence that still holds) + NOT_APPLICABLE.
 * Derived on every read, never stored.
 */
export function computeProgress(items: readonly ProgressItem[]): { overall: Progress; byPillar: Record<string, Progress> } {
  const overall = emptyProgress();
  const byPillar: Record<string, Progress> = {};
  for (const item of items) {
    if (!item.applicable) continue;
    const pillar = (byPillar[item.pillar] ??= emptyProgress());
    for (const p of [overall, pillar]) {
      p.total++;
      if (item.status === "MET") {
        if (item.satisfied) {
          p.met++;
          p.done++;
        } else p.stale++;
      } else if (item.status === "NOT_APPLICABLE") {
        p.notApplicable++;
        p.done++;
      } else if (item.status === "NOT_MET") p.notMet++;
      else if (item.status === "IN_PROGRESS") p.inProgress++;
      else p.notStarted++;
    }
  }
  for (const p of [overall, ...Object.values(byPillar)]) p.percent = p.total ? Math.round((p.done / p.total) * 100) : 0;
  return { overall, byPillar };
}

export type LibraryControl = {
  code: string;
  title: string;
  guidance: string;
  evidenceExpectation: string;
  evidenceRequired: boolean;
  reviewerOnly: boolean;
  applicability: unknown;
  mappings: unknown;
};

export type LibraryDiff = {
  added: string[];
  retired: string[];
  changed: { code: string; fields: string[] }[];
  unchanged: number;
};

const COMPARED_FIELDS = ["title", "guidance", "evidenceExpectation", "evidenceRequired", "reviewerOnly", "applicability", "mappings"] as const;

/** What moving from one library version to another changes, control by control. */
export function diffLibraries(from: readonly LibraryControl[], to: readonly LibraryControl[]): LibraryDiff {
  const before = new Map(from.map((c) => [c.code, c]));
  const after = new Map(to.map((c) => [c.code, c]));
  const diff: LibraryDiff = { added: [], retired: [], changed: [], unchanged: 0 };
  for (const [code, next] of after) {
    const prev = before.get(code);
    if (!prev) {
      diff.added.push(code);
      continue;
    }
    const fields = COMPARED_FIELDS.filter((f) => JSON.stringify(prev[f]) !== JSON.stringify(next[f]));
    if (fields.length) diff.changed.push({ code, fields: [...fields] });
    else diff.unchanged++;
  }
  for (const code of before.keys()) if (!after.has(code)) diff.retired.push(code);
  const byCode = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });
  diff.added.sort(byCode);
  diff.retired.sort(byCode);
  diff.changed.sort((a, b) => byCode(a.code, b.code));
  return diff;
}

/** Is a date-only value (YYYY-MM-DD) before today? */
export function isOverdue(dueDate: string | null, status: ChecklistStatus, today: string): boolean {
  return Boolean(dueDate) && dueDate! < today && status !== "MET" && status !== "NOT_APPLICABLE";
}

// Evidence validity is defined once, with the evidence rules: MET counts only evidence that is
// effective, unexpired, not superseded and not deleted.
export { satisfiesMet as evidenceHolds, todayUtc } from "@/lib/evidence/rules";
