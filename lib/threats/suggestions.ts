/**
 * Threat suggestions for one system: which library entries fit its profile and bill of
 * materials, each with the reasons, the assets involved and a starting score. Pure: the
 * caller passes the library, the profile and what the threat model already holds.
 */
import type { AgentCapability } from "@/generated/prisma/enums";
import type { TThreatEntry, TThreatLibrary } from "./library-schema";
import { CAPABILITY_WORDS, evaluateSuggestionRule, reasonSentence, type ThreatProfile } from "./suggestion-rules";

export type ThreatSuggestion = {
  threatId: string;
  title: string;
  /** Facts about this system that make the threat relevant, in rule order. */
  reasons: string[];
  /** The reasons as one sentence, for display. */
  reason: string;
  /** Aggravating capabilities of the entry that the system actually has. */
  aggravators: AgentCapability[];
  /** Assets the reasons name, plus the system's assets of the entry's affected kinds. */
  assetIds: string[];
  /** Starting likelihood and impact (1-5): the entry's typical values, impact +1 when an aggravator is present. */
  likelihood: number;
  impact: number;
};

export type SuggestionState = {
  suggestions: ThreatSuggestion[];
  /** Suggestions already in the threat model (by library ID): not offered again. */
  alreadyAdded: string[];
  /** Dismissed with a reason: offered under "dismissed", never re-added silently. */
  dismissed: { threatId: string; reason: string }[];
};

/** Suggestion for one entry, or null when its rule does not select the system. */
export function suggestThreat(entry: TThreatEntry, profile: ThreatProfile): ThreatSuggestion | null {
  const outcome = evaluateSuggestionRule(entry.suggestWhen, profile);
  if (!outcome.holds) return null;
  const present = new Set(profile.assets.flatMap((a) => a.capabilities));
  const aggravators = entry.aggravatingCapabilities.filter((c) => present.has(c));
  const reasons = [...outcome.reasons];
  if (aggravators.length) reasons.push(`impact raised because it can ${aggravators.map((c) => CAPABILITY_WORDS[c]).join(", ")}`);
  const kindAssets = profile.assets.filter((a) => entry.assetKinds.includes(a.kind)).map((a) => a.id);
  return {
    threatId: entry.id,
    title: entry.title,
    reasons,
    reason: reasonSentence(reasons),
    aggravators,
    assetIds: [...new Set([...outcome.assetIds, ...kindAssets])],
    likelihood: entry.likelihood,
    impact: Math.min(5, entry.impact + (aggravators.length ? 1 : 0)),
  };
}

/** Every library entry whose rule selects the system, in library order. */
export function suggestThreats(library: TThreatLibrary, profile: ThreatProfile): ThreatSuggestion[] {
  return library.threats.flatMap((entry) => {
    const suggestion = suggestThreat(entry, profile);
    return suggestion ? [suggestion] : [];
  });
}

/**
 * Splits suggestions into what is still open, given the library IDs already in the threat
 * model and the dismissed ones (with their reasons).
 */
export function openSuggestions(
  suggestions: readonly ThreatSuggestion[],
  present: readonly string[],
  dismissed: readonly { threatId: string; reason: string }[],
): { open: ThreatSuggestion[]; dismissed: (ThreatSuggestion & { dismissReason: string })[] } {
  const inModel = new Set(present);
  const why = new Map(dismissed.map((d) => [d.threatId, d.reason]));
  return {
    open: suggestions.filter((s) => !inModel.has(s.threatId) && !why.has(s.threatId)),
    dismissed: suggestions.filter((s) => !inModel.has(s.threatId) && why.has(s.threatId)).map((s) => ({ ...s, dismissReason: why.get(s.threatId)! })),
  };
}
