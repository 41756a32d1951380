/**
 * Applicability rules: which controls a system's checklist gets. Pure functions over plain
 * data (no database, no Next, no auth), JSON-serialisable so a rule lives in the library file
 * and in the database unchanged.
 */
import { z } from "zod";
import {
  AgentCapability,
  AssetKind,
  Autonomy,
  Exposure,
  LifecycleState,
  RiskTier,
  Sensitivity,
} from "@/generated/prisma/enums";

export type ApplicabilityRule =
  | { always: true }
  | { any: ApplicabilityRule[] }
  | { all: ApplicabilityRule[] }
  | { not: ApplicabilityRule }
  | { tierAtLeast: RiskTier }
  | { sensitivityAtLeast: Sensitivity }
  | { autonomyIn: Autonomy[] }
  | { exposureIn: Exposure[] }
  | { lifecycleIn: LifecycleState[] }
  | { hasAssetKind: AssetKind }
  | { hasCapability: AgentCapability };

/** The system attributes a rule can look at. */
export type SystemProfile = {
  riskTier: RiskTier;
  dataSensitivity: Sensitivity;
  autonomy: Autonomy;
  exposure: Exposure;
  lifecycle: LifecycleState;
  /** Kinds of the system's assets (duplicates are fine). */
  assetKinds: readonly string[];
  /** Union of the capabilities its tool connectors, agent identities and vendor APIs grant. */
  capabilities: readonly string[];
};

export type ApplicabilityResult = { applies: boolean; reason: string };

const MAX_DEPTH = 6;

const nonEmptyUnique = <T extends z.ZodType<string>>(item: T) =>
  z
    .array(item)
    .min(1, "List at least one value.")
    .refine((values) => new Set(values).size === values.length, "Values must not repeat.");

export const ZApplicabilityRule: z.ZodType<ApplicabilityRule> = z.lazy(() =>
  z.union([
    z.strictObject({ always: z.literal(true) }),
    z.strictObject({ any: z.array(ZApplicabilityRule).min(2, "\"any\" needs at least two rules.") }),
    z.strictObject({ all: z.array(ZApplicabilityRule).min(2, "\"all\" needs at least two rules.") }),
    z.strictObject({ not: ZApplicabilityRule }),
    z.strictObject({ tierAtLeast: z.enum(RiskTier) }),
    z.strictObject({ sensitivityAtLeast: z.enum(Sensitivity) }),
    z.strictObject({ autonomyIn: nonEmptyUnique(z.enum(Autonomy)) }),
    z.strictObject({ exposureIn: nonEmptyUnique(z.enum(Exposure)) }),
    z.strictObject({ lifecycleIn: nonEmptyUnique(z.enum(LifecycleState)) }),
    z.strictObject({ hasAssetKind: z.enum(AssetKind) }),
    z.strictObject({ hasCapability: z.enum(AgentCapability) }),
  ]),
);

/** Parses and bounds nesting depth, so an edited library cannot hold pathological rules. */
export const ZBoundedApplicabilityRule = ZApplicabilityRule.refine(
  (rule) => ruleDepth(rule) <= MAX_DEPTH,
  `Rules may nest at most ${MAX_DEPTH} levels deep.`,
);

export function ruleDepth(rule: ApplicabilityRule): number {
  if ("any" in rule) return 1 + Math.max(0, ...rule.any.map(ruleDepth));
  if ("all" in rule) return 1 + Math.max(0, ...rule.all.map(ruleDepth));
  if ("not" in rule) return 1 + ruleDepth(rule.not);
  return 1;
}

// ---------------------------------------------------------------------------------------
// Orderings and words
// ---------------------------------------------------------------------------------------

export const TIER_ORDER = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const satisfies readonly RiskTier[];
export const SENSITIVITY_ORDER = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"] as const satisfies readonly Sensitivity[];

const TIER_WORDS = { LOW: "low", MEDIUM: "medium", HIGH: "high", CRITICAL: "critical" } as const satisfies Record<RiskTier, string>;

const SENSITIVITY_WORDS = { PUBLIC: "public", INTERNAL: "internal", CONFIDENTIAL: "confidential", RESTRICTED: "restricted" } as const satisfies Record<Sensitivity, string>;

const AUTONOMY_WORDS = {
  NONE: "non-autonomous",
  ASSISTIVE: "assistive",
  AGENTIC: "agentic",
} as const satisfies Record<Autonomy, string>;

const EXPOSURE_WORDS = {
  INTERNAL: "internal",
  INTERNET_FACING: "internet-facing",
} as const satisfies Record<Exposure, string>;

const ASSET_KIND_WORDS = {
  MODEL: "model",
  DATASET: "dataset",
  PROMPT: "prompt",
  TOOL_CONNECTOR: "tool connector",
  VECTOR_STORE: "vector store",
  VENDOR_API: "vendor API",
  AGENT_IDENTITY: "agent identity",
  CREDENTIAL: "credential",
  ENVIRONMENT: "environment",
  LIBRARY: "library",
  ADAPTER: "adapter",
  EVAL_SUITE: "evaluation suite",
} as const satisfies Record<AssetKind, string>;

const CAPABILITY_WORDS = {
  READ_INTERNAL_DATA: "read internal data",
  WRITE_FILES: "write files",
  SEND_MESSAGES: "send messages",
  SPEND_MONEY: "spend money",
  CALL_PRODUCTION_APIS: "call production APIs",
  EXECUTE_CODE: "execute code",
  BROWSE_WEB: "browse the web",
  WRITE_MEMORY: "write to persistent memory",
} as const satisfies Record<AgentCapability, string>;

/** A lifecycle state in words: IN_REVIEW → "in review". */
function lifecycleWord(state: string): string {
  return state.toLowerCase().replace(/_/g, " ");
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

/** "a", "a or b", "a, b or c" (and with "and"). */
function joinWords(words: readonly string[], conjunction: "and" | "or"): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

function atLeast<T extends string>(order: readonly T[], min: T): T[] {
  return order.slice(order.indexOf(min));
}

// ---------------------------------------------------------------------------------------
// Evaluation with explanations
// ---------------------------------------------------------------------------------------

/**
 * A statement about the system that decides a rule ("the system is agentic"), never a verdict,
 * so `not` can reuse the facts of the rule it negates. Missing asset kinds and capabilities
 * stay structured so that several of them read as one clause.
 */
type Fact = { text: string } | { missingKind: string } | { missingCapability: string };

/** Each node yields whether it holds and the facts about the system that decide it. */
type Explained = { holds: boolean; facts: Fact[] };

function explain(rule: ApplicabilityRule, profile: SystemProfile): Explained {
  if ("always" in rule) return { holds: true, facts: [{ text: "it applies to every system" }] };

  if ("any" in rule) {
    const parts = rule.any.map((r) => explain(r, profile));
    const hit = parts.find((p) => p.holds);
    return hit ? { holds: true, facts: hit.facts } : { holds: false, facts: parts.flatMap((p) => p.facts) };
  }

  if ("all" in rule) {
    const parts = rule.all.map((r) => explain(r, profile));
    const misses = parts.filter((p) => !p.holds);
    return misses.length === 0
      ? { holds: true, facts: parts.flatMap((p) => p.facts) }
      : { holds: false, facts: misses.flatMap((p) => p.facts) };
  }

  if ("not" in rule) {
    const inner = explain(rule.not, profile);
    return { holds: !inner.holds, facts: inner.facts };
  }

  if ("tierAtLeast" in rule) {
    const actual = profile.riskTier;
    const holds = TIER_ORDER.indexOf(actual) >= TIER_ORDER.indexOf(rule.tierAtLeast);
    const wanted = TIER_WORDS[rule.tierAtLeast];
    const qualifier = actual === rule.tierAtLeast ? "" : holds ? ` (at least ${wanted})` : ` (below ${wanted})`;
    return { holds, facts: [{ text: `the system's risk tier is ${TIER_WORDS[actual]}${qualifier}` }] };
  }

  if ("sensitivityAtLeast" in rule) {
    const actual = profile.dataSensitivity;
    const holds = SENSITIVITY_ORDER.indexOf(actual) >= SENSITIVITY_ORDER.indexOf(rule.sensitivityAtLeast);
    const wanted = SENSITIVITY_WORDS[rule.sensitivityAtLeast];
    const qualifier = actual === rule.sensitivityAtLeast ? "" : holds ? ` (at least ${wanted})` : ` (below ${wanted})`;
    return { holds, facts: [{ text: `the system handles ${SENSITIVITY_WORDS[actual]} data${qualifier}` }] };
  }

  if ("autonomyIn" in rule) {
    const holds = rule.autonomyIn.includes(profile.autonomy);
    const actual = AUTONOMY_WORDS[profile.autonomy];
    const wanted = joinWords(rule.autonomyIn.map((a) => AUTONOMY_WORDS[a]), "or");
    return { holds, facts: [{ text: holds ? `the system is ${actual}` : `the system is ${actual}, not ${wanted}` }] };
  }

  if ("exposureIn" in rule) {
    const holds = rule.exposureIn.includes(profile.exposure);
    const actual = EXPOSURE_WORDS[profile.exposure];
    const wanted = joinWords(rule.exposureIn.map((e) => EXPOSURE_WORDS[e]), "or");
    return { holds, facts: [{ text: holds ? `the system is ${actual}` : `the system is ${actual}, not ${wanted}` }] };
  }

  if ("lifecycleIn" in rule) {
    const holds = rule.lifecycleIn.includes(profile.lifecycle);
    const word = lifecycleWord;
    const wanted = joinWords(rule.lifecycleIn.map(word), "or");
    return {
      holds,
      facts: [{ text: holds ? `the system is ${word(profile.lifecycle)}` : `the system is ${word(profile.lifecycle)}, not ${wanted}` }],
    };
  }

  if ("hasAssetKind" in rule) {
    const word = ASSET_KIND_WORDS[rule.hasAssetKind];
    const holds = profile.assetKinds.includes(rule.hasAssetKind);
    return { holds, facts: [holds ? { text: `the system has ${article(word)} ${word} asset` } : { missingKind: word }] };
  }

  // hasCapability
  const words = CAPABILITY_WORDS[rule.hasCapability];
  const holds = profile.capabilities.includes(rule.hasCapability);
  return { holds, facts: [holds ? { text: `the system can ${words}` } : { missingCapability: words }] };
}

/** Renders facts in order, merging missing asset kinds and capabilities into one clause each. */
function renderFacts(facts: readonly Fact[]): string[] {
  const kinds = facts.flatMap((f) => ("missingKind" in f ? [f.missingKind] : []));
  const capabilities = facts.flatMap((f) => ("missingCapability" in f ? [f.missingCapability] : []));
  const out: string[] = [];
  for (const fact of facts) {
    if ("text" in fact) {
      if (!out.includes(fact.text)) out.push(fact.text);
    } else if ("missingKind" in fact) {
      if (fact.missingKind === kinds[0]) out.push(`the system has no ${joinWords(unique(kinds), "or")} assets`);
    } else if (fact.missingCapability === capabilities[0]) {
      out.push(`no asset lets the system ${joinWords(unique(capabilities), "or")}`);
    }
  }
  return out;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** "a and b" unless a clause has its own comma, then "a; b" so the sentence stays unambiguous. */
function joinClauses(clauses: readonly string[]): string {
  return clauses.some((c) => c.includes(",")) ? clauses.join("; ") : joinWords(clauses, "and");
}

/** Does the rule select this system, and why (one sentence for the checklist). */
export function evaluateApplicability(rule: ApplicabilityRule, profile: SystemProfile): ApplicabilityResult {
  const { holds, facts } = explain(rule, profile);
  const because = joinClauses(renderFacts(facts));
  return holds
    ? { applies: true, reason: `Applies: ${because}.` }
    : { applies: false, reason: `Not applicable: ${because}.` };
}

/** Evaluates a list of controls (or anything carrying a rule) against one system. */
export function evaluateControls<T extends { applicability: ApplicabilityRule }>(
  controls: readonly T[],
  profile: SystemProfile,
): (T & ApplicabilityResult)[] {
  return controls.map((control) => ({ ...control, ...evaluateApplicability(control.applicability, profile) }));
}

// ---------------------------------------------------------------------------------------
// Descriptions for the library page
// ---------------------------------------------------------------------------------------

/** `composite` phrases get parentheses when nested, so "and" / "or" never read ambiguously. */
type Phrase = { text: string; composite: boolean };

function phrase(rule: ApplicabilityRule, nested: boolean): Phrase {
  if ("always" in rule) return { text: "all systems", composite: false };
  if ("any" in rule) return anyPhrase(rule.any);
  if ("all" in rule) return { text: joinWords(rule.all.map((r) => wrap(phrase(r, true))), "and"), composite: true };
  if ("not" in rule) return { text: `excluding ${wrap(phrase(rule.not, true))}`, composite: false };
  if ("tierAtLeast" in rule) {
    // Words, never the stored values: "high or critical risk tier", not "HIGH or CRITICAL tier".
    const tiers = atLeast(TIER_ORDER, rule.tierAtLeast).map((t) => TIER_WORDS[t]);
    if (tiers.length === TIER_ORDER.length) return { text: "any risk tier", composite: false };
    if (tiers.length === 1) return { text: `${tiers[0]} risk tier`, composite: false };
    return { text: nested ? `risk tier ${TIER_WORDS[rule.tierAtLeast]} or above` : `${joinWords(tiers, "or")} risk tier`, composite: false };
  }
  if ("sensitivityAtLeast" in rule) {
    const levels = atLeast(SENSITIVITY_ORDER, rule.sensitivityAtLeast).map((l) => SENSITIVITY_WORDS[l]);
    if (levels.length === SENSITIVITY_ORDER.length) return { text: "any data sensitivity", composite: false };
    if (levels.length === 1) return { text: `${levels[0]} data`, composite: false };
    return {
      text: nested ? `${SENSITIVITY_WORDS[rule.sensitivityAtLeast]} or more sensitive data` : `${joinWords(levels, "or")} data`,
      composite: false,
    };
  }
  if ("autonomyIn" in rule) {
    return { text: `${joinWords(rule.autonomyIn.map((a) => AUTONOMY_WORDS[a]), "or")} systems`, composite: false };
  }
  if ("exposureIn" in rule) {
    return { text: `${joinWords(rule.exposureIn.map((e) => EXPOSURE_WORDS[e]), "or")} systems`, composite: false };
  }
  if ("lifecycleIn" in rule) {
    return { text: `${joinWords(rule.lifecycleIn.map(lifecycleWord), "or")} systems`, composite: false };
  }
  if ("hasAssetKind" in rule) return { text: kindPhrase([ASSET_KIND_WORDS[rule.hasAssetKind]]), composite: false };
  return { text: capabilityPhrase([CAPABILITY_WORDS[rule.hasCapability]]), composite: false };
}

function kindPhrase(words: readonly string[]): string {
  return `systems with ${article(words[0])} ${joinWords(words, "or")} asset`;
}

function capabilityPhrase(words: readonly string[]): string {
  return `systems that can ${joinWords(words, "or")}`;
}

/** Alternatives, with sibling asset kinds and capabilities merged: "systems with a model or adapter asset". */
function anyPhrase(rules: readonly ApplicabilityRule[]): Phrase {
  const kinds = rules.flatMap((r) => ("hasAssetKind" in r ? [ASSET_KIND_WORDS[r.hasAssetKind]] : []));
  const capabilities = rules.flatMap((r) => ("hasCapability" in r ? [CAPABILITY_WORDS[r.hasCapability]] : []));
  const parts: string[] = [];
  for (const rule of rules) {
    if ("hasAssetKind" in rule) {
      if (ASSET_KIND_WORDS[rule.hasAssetKind] === kinds[0]) parts.push(kindPhrase(kinds));
    } else if ("hasCapability" in rule) {
      if (CAPABILITY_WORDS[rule.hasCapability] === capabilities[0]) parts.push(capabilityPhrase(capabilities));
    } else {
      parts.push(wrap(phrase(rule, true)));
    }
  }
  if (parts.length === 1) return { text: parts[0], composite: true };
  // A part with its own "or" needs a comma before the final alternative to stay readable.
  const text =
    parts.some((p) => p.includes(" or ")) && parts.length > 1
      ? `${parts.slice(0, -1).join(", ")}, or ${parts[parts.length - 1]}`
      : joinWords(parts, "or");
  return { text, composite: true };
}

function wrap(p: Phrase): string {
  return p.composite ? `(${p.text})` : p.text;
}

const ONLY_SUFFIX: ReadonlySet<string> = new Set(["autonomyIn", "exposureIn", "lifecycleIn"]);

/** Short label for a rule in words: "All systems", "Agentic systems only", "High or critical risk tier". */
export function describeRule(rule: ApplicabilityRule): string {
  const { text } = phrase(rule, false);
  const suffix = ONLY_SUFFIX.has(Object.keys(rule)[0]) ? " only" : "";
  const at = text.search(/[A-Za-z]/);
  return `${text.slice(0, at)}${text.charAt(at).toUpperCase()}${text.slice(at + 1)}${suffix}`;
}

/** Every leaf condition a rule mentions, e.g. to list which rules a library uses. */
export function ruleLeaves(rule: ApplicabilityRule): ApplicabilityRule[] {
  if ("any" in rule) return rule.any.flatMap(ruleLeaves);
  if ("all" in rule) return rule.all.flatMap(ruleLeaves);
  if ("not" in rule) return ruleLeaves(rule.not);
  return [rule];
}
