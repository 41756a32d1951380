/**
 * Review-cycle rules (pure): when a system's next periodic review is due, and which changes
 * are major enough to pull it forward. Intervals per risk tier are an admin setting
 * (defaults: CRITICAL 90 days, HIGH 180, MEDIUM and LOW 365).
 */
export const TIERS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type Tier = (typeof TIERS)[number];
export const AUTONOMY_ORDER = ["NONE", "ASSISTIVE", "AGENTIC"] as const;
export type AutonomyLevel = (typeof AUTONOMY_ORDER)[number];

export type ReviewIntervals = Record<Tier, number>;
export const DEFAULT_REVIEW_INTERVALS: ReviewIntervals = { CRITICAL: 90, HIGH: 180, MEDIUM: 365, LOW: 365 };
/** A major change makes the review due within this many days at the latest. */
export const PULL_FORWARD_DAYS = 30;

const DAY_MS = 86_400_000;
/** YYYY-MM-DD plus `days` (UTC calendar days). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The regular next review: the last recorded review (or, before the first one, the day the
 * system was registered) plus the tier's interval.
 */
export function nextReviewFrom(anchor: string, tier: Tier, intervals: ReviewIntervals = DEFAULT_REVIEW_INTERVALS): string {
  return addDays(anchor, intervals[tier]);
}

export type MajorChange =
  | { kind: "TIER_RAISED"; from: Tier; to: Tier }
  | { kind: "AUTONOMY_RAISED"; from: AutonomyLevel; to: AutonomyLevel }
  | { kind: "NEW_MODEL_DIGEST"; asset: string; digest: string }
  | { kind: "NEW_CAPABILITY"; asset: string; capability: string };

const TIER_LABEL: Record<Tier, string> = { LOW: "Low", MEDIUM: "Medium", HIGH: "High", CRITICAL: "Critical" };
const AUTONOMY_LABEL: Record<AutonomyLevel, string> = { NONE: "None", ASSISTIVE: "Assistive", AGENTIC: "Agentic" };

/** Tier or autonomy raised on a system edit (lowering is not a major change). */
export function systemChanges(before: { riskTier: Tier; autonomy: AutonomyLevel }, after: { riskTier: Tier; autonomy: AutonomyLevel }): MajorChange[] {
  const out: MajorChange[] = [];
  if (TIERS.indexOf(after.riskTier) > TIERS.indexOf(before.riskTier)) out.push({ kind: "TIER_RAISED", from: before.riskTier, to: after.riskTier });
  if (AUTONOMY_ORDER.indexOf(after.autonomy) > AUTONOMY_ORDER.indexOf(before.autonomy)) out.push({ kind: "AUTONOMY_RAISED", from: before.autonomy, to: after.autonomy });
  return out;
}

export type AssetFacts = { kind: string; name: string; sha256: string | null; capabilities: readonly string[] };

/**
 * A model asset with a new SHA-256 (added, or changed from another value), and capabilities an
 * asset did not have before (e.g. SPEND_MONEY). `before` is null for a new asset.
 */
export function assetChanges(before: AssetFacts | null, after: AssetFacts): MajorChange[] {
  const out: MajorChange[] = [];
  if (after.kind === "MODEL" && after.sha256 && after.sha256 !== before?.sha256) out.push({ kind: "NEW_MODEL_DIGEST", asset: after.name, digest: after.sha256 });
  const had = new Set(before?.capabilities ?? []);
  for (const capability of after.capabilities) if (!had.has(capability)) out.push({ kind: "NEW_CAPABILITY", asset: after.name, capability });
  return out;
}

/** One sentence per change, for the system page and the audit log. */
export function describeChange(change: MajorChange): string {
  switch (change.kind) {
    case "TIER_RAISED":
      return `risk tier raised from ${TIER_LABEL[change.from]} to ${TIER_LABEL[change.to]}`;
    case "AUTONOMY_RAISED":
      return `autonomy raised from ${AUTONOMY_LABEL[change.from]} to ${AUTONOMY_LABEL[change.to]}`;
    case "NEW_MODEL_DIGEST":
      return `new model digest for ${change.asset} (sha256 ${change.digest.slice(0, 12)}…)`;
    case "NEW_CAPABILITY":
      return `new capability ${change.capability.replace(/_/g, " ").toLowerCase()} on ${change.asset}`;
  }
}

/**
 * Where the next review moves after major changes on `today`: no later than today +
 * PULL_FORWARD_DAYS, nor than the regular date for the (possibly raised) tier; never later than
 * it already is. Returns null when the date does not move (already due sooner).
 */
export function pullForward(
  input: { current: string | null; anchor: string; tier: Tier; today: string; changes: readonly MajorChange[] },
  intervals: ReviewIntervals = DEFAULT_REVIEW_INTERVALS,
): { due: string; reason: string } | null {
  if (!input.changes.length) return null;
  const candidates = [addDays(input.today, PULL_FORWARD_DAYS), nextReviewFrom(input.anchor, input.tier, intervals)];
  if (input.current) candidates.push(input.current);
  const due = candidates.sort()[0]!;
  if (input.current && due >= input.current) return null;
  const reason = `Brought forward on ${input.today}: ${input.changes.map(describeChange).join("; ")}.`;
  return { due, reason };
}
