/**
 * Gate evaluation (pure): may the release pinned in a snapshot be approved? One result per
 * rule, each with a human reason and a link to fix it. Rules from DESIGN.md "Lifecycles and
 * rules" (CISA/NCSC Guidelines for secure AI system development):
 * - all applicable DESIGN, DEVELOPMENT and DEPLOYMENT controls are MET or NOT_APPLICABLE with
 *   justification; the OPERATION controls that plan monitoring and logging are MET (incident
 *   response planning lives in the deployment pillar, DEP-3);
 * - a reviewed threat model exists; no threat above the residual threshold is untreated or
 *   rests on an expired acceptance;
 * - every MODEL and DATASET asset has a SHA-256 digest;
 * - no open SEV1/SEV2 incident on the system.
 */
import { findAssetsMissingDigest, type OtherDigest } from "@/lib/assets/rules/digests";
import { satisfiesMet } from "@/lib/evidence/rules";
import { assessThreat, isoDay } from "@/lib/threats/rules";
import type { ApprovalSnapshot, SnapshotChecklistItem } from "./snapshot-types";

/** Pillars whose every applicable control must be MET or justified NOT_APPLICABLE. */
export const GATED_PILLARS = [
  { pillar: "DES", label: "Secure design" },
  { pillar: "DEV", label: "Secure development" },
  { pillar: "DEP", label: "Secure deployment" },
] as const;

/**
 * Operation principles that plan monitoring and logging (control library v1: OPS-1 "Monitor
 * your system's behaviour", OPS-2 "Monitor your system's inputs"): their applicable controls
 * must be MET before deployment. The other operation controls happen after go-live.
 */
export const GATED_OPERATION_PRINCIPLES = ["OPS-1", "OPS-2"] as const;

export type GateRuleId =
  | "checklist.DES"
  | "checklist.DEV"
  | "checklist.DEP"
  | "checklist.OPS"
  | "threat-model.reviewed"
  | "threat-model.residual"
  | "assets.digests"
  | "incidents.severe";

export type GateRuleResult = {
  id: GateRuleId;
  title: string;
  passed: boolean;
  /** Human sentence: why it passes, or what is wrong. */
  reason: string;
  /** Up to 10 specifics (control codes, threat titles, asset names). */
  details: string[];
  /** App-relative link to where it is fixed. */
  fixHref: string;
};

export type GateResult = {
  passed: boolean;
  /** When it was evaluated (ISO). */
  evaluatedAt: string;
  rules: GateRuleResult[];
};

const MAX_DETAILS = 10;

function limit(details: string[]): string[] {
  if (details.length <= MAX_DETAILS) return details;
  return [...details.slice(0, MAX_DETAILS), `… and ${details.length - MAX_DETAILS} more`];
}

/**
 * A MET item holds on `today` when its control needs no evidence or at least one linked
 * evidence item is valid that day (effective, unexpired, not superseded, not deleted).
 */
export function metHolds(item: SnapshotChecklistItem, today: string): boolean {
  if (item.status !== "MET") return false;
  if (!item.evidenceRequired) return true;
  return item.evidence.some((e) => satisfiesMet({ deletedAt: e.deleted ? today : null, superseded: e.superseded, effectiveDate: e.effectiveDate, expiresAt: e.expiresAt }, today));
}

/** An item that counts as done for the design/development/deployment pillars. */
function doneOrJustified(item: SnapshotChecklistItem, today: string): boolean {
  return metHolds(item, today) || (item.status === "NOT_APPLICABLE" && item.justified);
}

function itemProblem(item: SnapshotChecklistItem, today: string): string {
  if (item.status === "MET" && !metHolds(item, today)) return `${item.code} is met but its evidence no longer holds`;
  if (item.status === "NOT_APPLICABLE" && !item.justified) return `${item.code} is not applicable without a justification`;
  return `${item.code} is ${item.status.replace(/_/g, " ").toLowerCase()}`;
}

/** Is this checklist item one the gate looks at? (Used by staleness: only gated items count.) */
export function isGatedItem(item: Pick<SnapshotChecklistItem, "pillar" | "principle" | "applicable">): boolean {
  if (!item.applicable) return false;
  if (GATED_PILLARS.some((p) => p.pillar === item.pillar)) return true;
  return item.pillar === "OPS" && (GATED_OPERATION_PRINCIPLES as readonly string[]).includes(item.principle);
}

/** Does the item satisfy its gate rule on `today`? (Non-gated items always do.) */
export function gatedItemPasses(item: SnapshotChecklistItem, today: string): boolean {
  if (!isGatedItem(item)) return true;
  if (item.pillar === "OPS") return metHolds(item, today);
  return doneOrJustified(item, today);
}

function checklistRules(snapshot: ApprovalSnapshot, today: string): GateRuleResult[] {
  const base = `/systems/${snapshot.system.id}/checklist`;
  const items = snapshot.checklist?.items ?? [];
  const rules: GateRuleResult[] = GATED_PILLARS.map(({ pillar, label }) => {
    const id = `checklist.${pillar}` as GateRuleId;
    const title = `${label}: every applicable control met or justified as not applicable`;
    if (!snapshot.checklist) {
      return { id, title, passed: false, reason: "The system has no checklist yet.", details: [], fixHref: base };
    }
    const applicable = items.filter((i) => i.pillar === pillar && i.applicable);
    const open = applicable.filter((i) => !doneOrJustified(i, today));
    return {
      id,
      title,
      passed: open.length === 0,
      reason: open.length === 0 ? `All ${applicable.length} applicable controls are done.` : `${open.length} of ${applicable.length} applicable controls are not done.`,
      details: limit(open.map((i) => itemProblem(i, today))),
      fixHref: `${base}?pillar=${pillar}`,
    };
  });
  const opsTitle = "Operation: monitoring and logging controls met";
  if (!snapshot.checklist) {
    rules.push({ id: "checklist.OPS", title: opsTitle, passed: false, reason: "The system has no checklist yet.", details: [], fixHref: base });
  } else {
    const gated = items.filter((i) => i.pillar === "OPS" && isGatedItem(i));
    const open = gated.filter((i) => !metHolds(i, today));
    rules.push({
      id: "checklist.OPS",
      title: opsTitle,
      passed: open.length === 0,
      reason:
        open.length === 0
          ? `All ${gated.length} applicable monitoring and logging controls are met.`
          : `${open.length} of ${gated.length} applicable monitoring and logging controls are not met (not applicable does not count here).`,
      details: limit(open.map((i) => itemProblem(i, today))),
      fixHref: `${base}?pillar=OPS`,
    });
  }
  return rules;
}

function threatRules(snapshot: ApprovalSnapshot, today: string): GateRuleResult[] {
  const href = `/systems/${snapshot.system.id}/threat-model`;
  const model = snapshot.threatModel;
  const reviewed: GateRuleResult = model && model.status === "REVIEWED"
    ? { id: "threat-model.reviewed", title: "A reviewed threat model exists", passed: true, reason: `Version ${model.version} was reviewed${model.reviewedAt ? ` on ${model.reviewedAt.slice(0, 10)}` : ""}.`, details: [], fixHref: href }
    : { id: "threat-model.reviewed", title: "A reviewed threat model exists", passed: false, reason: "No threat model version has been reviewed.", details: [], fixHref: href };
  const residualTitle = "No threat above the residual threshold is untreated";
  if (!model || model.status !== "REVIEWED") {
    return [reviewed, { id: "threat-model.residual", title: residualTitle, passed: false, reason: "Needs a reviewed threat model to assess.", details: [], fixHref: href }];
  }
  const problems = model.threats.flatMap((t) => {
    const a = assessThreat(
      { ...t, acceptance: t.acceptanceExpiresOn ? { expiresOn: t.acceptanceExpiresOn } : null },
      model.residualThreshold,
      today,
    );
    return a.untreated ? [`${t.title}: ${a.problem}`] : [];
  });
  return [
    reviewed,
    {
      id: "threat-model.residual",
      title: residualTitle,
      passed: problems.length === 0,
      reason:
        problems.length === 0
          ? `Every threat above the threshold of ${model.residualThreshold} has a treatment that holds.`
          : `${problems.length} threat${problems.length === 1 ? "" : "s"} above the threshold of ${model.residualThreshold} ${problems.length === 1 ? "is" : "are"} untreated or rest on an expired acceptance.`,
      details: limit(problems),
      fixHref: href,
    },
  ];
}

function digestRule(snapshot: ApprovalSnapshot): GateRuleResult {
  // otherDigests never hold SHA-256 (that lives in `sha256`); their names are DigestAlgorithm values.
  const missing = findAssetsMissingDigest(snapshot.assets.map((a) => ({ ...a, otherDigests: a.otherDigests as OtherDigest[] })));
  const gated = snapshot.assets.filter((a) => a.kind === "MODEL" || a.kind === "DATASET");
  return {
    id: "assets.digests",
    title: "Every model and dataset has a SHA-256 digest",
    passed: missing.length === 0,
    reason:
      missing.length === 0
        ? gated.length === 0
          ? "The system lists no model or dataset assets."
          : `All ${gated.length} models and datasets are pinned by a SHA-256 digest.`
        : `${missing.length} of ${gated.length} models and datasets have no SHA-256 digest.`,
    details: limit(missing.map((m) => `${m.asset.kind.toLowerCase()} ${m.asset.name}${m.asset.version ? ` ${m.asset.version}` : ""}: ${m.reason}`)),
    fixHref: `/systems/${snapshot.system.id}/assets`,
  };
}

function incidentRule(snapshot: ApprovalSnapshot): GateRuleResult {
  const open = snapshot.openSevereIncidents;
  return {
    id: "incidents.severe",
    title: "No open SEV1 or SEV2 incident",
    passed: open.length === 0,
    reason: open.length === 0 ? "No severe incident is open on this system." : `${open.length} severe incident${open.length === 1 ? " is" : "s are"} open.`,
    details: limit(open.map((i) => `${i.severity}: ${i.title}`)),
    fixHref: `/systems/${snapshot.system.id}/incidents`,
  };
}

/**
 * Evaluates every gate rule over a pinned snapshot. `now` decides time-dependent parts (risk
 * acceptances hold through their expiry day, UTC). Pure: the same snapshot and day give the
 * same result.
 *
 * @returns `{ passed, evaluatedAt, rules }`; `passed` only when every rule passes.
 */
export function evaluateGate(snapshot: ApprovalSnapshot, now: Date): GateResult {
  const today = isoDay(now);
  const rules = [...checklistRules(snapshot, today), ...threatRules(snapshot, today), digestRule(snapshot), incidentRule(snapshot)];
  return { passed: rules.every((r) => r.passed), evaluatedAt: now.toISOString(), rules };
}

/** The ids of the rules that failed. */
export function failingRuleIds(result: GateResult): GateRuleId[] {
  return result.rules.filter((r) => !r.passed).map((r) => r.id);
}
