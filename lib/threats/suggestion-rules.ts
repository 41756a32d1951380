/**
 * Suggestion rules: which threat-library entries fit a system, and why. Pure functions over
 * plain data (no database, no Next), JSON-serialisable so a rule lives in the threat library
 * file unchanged. Unlike checklist applicability (lib/controls/applicability.ts), a rule here
 * looks at individual bill-of-materials entries, so its reasons can name the asset that makes
 * the threat relevant ("“Payments connector” (tool connector) can spend money without a
 * human approving each action").
 */
import { z } from "zod";
import {
  AgentCapability,
  AssetKind,
  Autonomy,
  CredentialType,
  DueDiligenceStatus,
  Exposure,
  RiskTier,
  Sensitivity,
} from "@/generated/prisma/enums";
import { SENSITIVITY_ORDER, TIER_ORDER } from "@/lib/controls/applicability";

export type SuggestionRule =
  | { always: true }
  | { any: SuggestionRule[] }
  | { all: SuggestionRule[] }
  | { tierAtLeast: RiskTier }
  | { sensitivityAtLeast: Sensitivity }
  | { autonomyIn: Autonomy[] }
  | { exposureIn: Exposure[] }
  | { hasAssetKind: AssetKind }
  | { hasCapability: AgentCapability }
  /** Some asset grants the capability and does not require a human to approve each action. */
  | { capabilityWithoutApproval: AgentCapability }
  | { credentialTypeIn: CredentialType[] }
  /** A MODEL or ADAPTER asset whose name, version or notes name a pickle-based format. */
  | { pickleModel: true }
  /** An asset of one of these kinds has no SHA-256 digest recorded. */
  | { missingDigest: AssetKind[] }
  /** An asset of one of these kinds has not passed due diligence (status other than APPROVED). */
  | { dueDiligencePending: AssetKind[] };

/** One entry of the system's AI bill of materials, as the rules see it. */
export type BomAsset = {
  id: string;
  kind: AssetKind;
  name: string;
  version?: string | null;
  notes?: string | null;
  sha256?: string | null;
  capabilities: readonly AgentCapability[];
  credentialType?: CredentialType | null;
  humanApprovalRequired?: boolean | null;
  dueDiligence?: DueDiligenceStatus | null;
};

/** The system attributes and bill of materials suggestion rules look at. */
export type ThreatProfile = {
  riskTier: RiskTier;
  dataSensitivity: Sensitivity;
  autonomy: Autonomy;
  exposure: Exposure;
  assets: readonly BomAsset[];
};

const MAX_DEPTH = 4;

const nonEmptyUnique = <T extends z.ZodType<string>>(item: T) =>
  z
    .array(item)
    .min(1, "List at least one value.")
    .refine((values) => new Set(values).size === values.length, "Values must not repeat.");

export const ZSuggestionRule: z.ZodType<SuggestionRule> = z.lazy(() =>
  z.union([
    z.strictObject({ always: z.literal(true) }),
    z.strictObject({ any: z.array(ZSuggestionRule).min(2, "\"any\" needs at least two rules.") }),
    z.strictObject({ all: z.array(ZSuggestionRule).min(2, "\"all\" needs at least two rules.") }),
    z.strictObject({ tierAtLeast: z.enum(RiskTier) }),
    z.strictObject({ sensitivityAtLeast: z.enum(Sensitivity) }),
    z.strictObject({ autonomyIn: nonEmptyUnique(z.enum(Autonomy)) }),
    z.strictObject({ exposureIn: nonEmptyUnique(z.enum(Exposure)) }),
    z.strictObject({ hasAssetKind: z.enum(AssetKind) }),
    z.strictObject({ hasCapability: z.enum(AgentCapability) }),
    z.strictObject({ capabilityWithoutApproval: z.enum(AgentCapability) }),
    z.strictObject({ credentialTypeIn: nonEmptyUnique(z.enum(CredentialType)) }),
    z.strictObject({ pickleModel: z.literal(true) }),
    z.strictObject({ missingDigest: nonEmptyUnique(z.enum(AssetKind)) }),
    z.strictObject({ dueDiligencePending: nonEmptyUnique(z.enum(AssetKind)) }),
  ]),
);

export function suggestionRuleDepth(rule: SuggestionRule): number {
  if ("any" in rule) return 1 + Math.max(0, ...rule.any.map(suggestionRuleDepth));
  if ("all" in rule) return 1 + Math.max(0, ...rule.all.map(suggestionRuleDepth));
  return 1;
}

/** Parses and bounds nesting depth, so an edited library cannot hold pathological rules. */
export const ZBoundedSuggestionRule = ZSuggestionRule.refine(
  (rule) => suggestionRuleDepth(rule) <= MAX_DEPTH,
  `Suggestion rules may nest at most ${MAX_DEPTH} levels deep.`,
);

// ---------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------

export const ASSET_KIND_WORDS = {
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

export const CAPABILITY_WORDS = {
  READ_INTERNAL_DATA: "read internal data",
  WRITE_FILES: "write files",
  SEND_MESSAGES: "send messages",
  SPEND_MONEY: "spend money",
  CALL_PRODUCTION_APIS: "call production APIs",
  EXECUTE_CODE: "execute code",
  BROWSE_WEB: "browse the web",
  WRITE_MEMORY: "write to persistent memory",
} as const satisfies Record<AgentCapability, string>;

const CREDENTIAL_WORDS = {
  SHORT_LIVED_SCOPED: "short-lived scoped credentials",
  SERVICE_ACCOUNT: "a service account",
  INHERITED_USER_TOKEN: "the user's own token",
} as const satisfies Record<CredentialType, string>;

const AUTONOMY_WORDS = { NONE: "non-autonomous", ASSISTIVE: "assistive", AGENTIC: "agentic" } as const satisfies Record<Autonomy, string>;
const EXPOSURE_WORDS = { INTERNAL: "internal", INTERNET_FACING: "internet-facing" } as const satisfies Record<Exposure, string>;

/**
 * File-name hints of formats that run code when loaded (Python pickle and formats built on
 * it: PyTorch .pt/.pth/.bin checkpoints, joblib, .ckpt). Matched against an asset's name,
 * version and notes, since the bill of materials has no dedicated format field.
 */
const PICKLE_HINT = /(\.(pkl|pickle|pt|pth|ckpt|joblib)\b|\bpytorch_model\.bin\b|\bpickle\b|\bjoblib\b|\btorch\.save\b)/i;

/** True when the asset's recorded text names a pickle-based model format. */
export function looksPickleBased(asset: Pick<BomAsset, "name" | "version" | "notes">): boolean {
  return PICKLE_HINT.test([asset.name, asset.version ?? "", asset.notes ?? ""].join(" "));
}

function quoteNames(assets: readonly BomAsset[]): string {
  const names = assets.slice(0, 3).map((a) => `“${a.name}”`);
  const more = assets.length - names.length;
  return more > 0 ? `${names.join(", ")} and ${more} more` : joinWords(names, "and");
}

function joinWords(words: readonly string[], conjunction: "and" | "or"): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

function plural(word: string, count: number): string {
  if (count === 1) return `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
  if (word.endsWith("y") && !word.endsWith("ey")) return `${count} ${word.slice(0, -1)}ies`;
  return `${count} ${word}s`;
}

/** "“Payments” (tool connector)" or "“A” (tool connector) and “B” (agent identity)". */
function describeAssets(assets: readonly BomAsset[]): string {
  const parts = assets.slice(0, 3).map((a) => `“${a.name}” (${ASSET_KIND_WORDS[a.kind]})`);
  const more = assets.length - parts.length;
  return more > 0 ? `${parts.join(", ")} and ${more} more` : joinWords(parts, "and");
}

// ---------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------

/** Whether a rule holds, the reasons (facts about this system) when it does, and the assets involved. */
export type RuleOutcome = { holds: boolean; reasons: string[]; assetIds: string[] };

const NO: RuleOutcome = { holds: false, reasons: [], assetIds: [] };

function hit(reason: string, assets: readonly BomAsset[] = []): RuleOutcome {
  return { holds: true, reasons: [reason], assetIds: assets.map((a) => a.id) };
}

function merge(outcomes: readonly RuleOutcome[]): RuleOutcome {
  return {
    holds: true,
    reasons: [...new Set(outcomes.flatMap((o) => o.reasons))],
    assetIds: [...new Set(outcomes.flatMap((o) => o.assetIds))],
  };
}

/**
 * Evaluates a rule against a system. `any` collects the reasons of every branch that holds
 * (all of them are true about the system and help the reviewer); `all` needs every branch.
 */
export function evaluateSuggestionRule(rule: SuggestionRule, profile: ThreatProfile): RuleOutcome {
  if ("always" in rule) return hit("it applies to every AI system");

  if ("any" in rule) {
    const holding = rule.any.map((r) => evaluateSuggestionRule(r, profile)).filter((o) => o.holds);
    return holding.length ? merge(holding) : NO;
  }

  if ("all" in rule) {
    const parts = rule.all.map((r) => evaluateSuggestionRule(r, profile));
    return parts.every((o) => o.holds) ? merge(parts) : NO;
  }

  if ("tierAtLeast" in rule) {
    const holds = TIER_ORDER.indexOf(profile.riskTier) >= TIER_ORDER.indexOf(rule.tierAtLeast);
    return holds ? hit(`the system's risk tier is ${profile.riskTier}`) : NO;
  }

  if ("sensitivityAtLeast" in rule) {
    const holds = SENSITIVITY_ORDER.indexOf(profile.dataSensitivity) >= SENSITIVITY_ORDER.indexOf(rule.sensitivityAtLeast);
    return holds ? hit(`the system handles ${profile.dataSensitivity} data`) : NO;
  }

  if ("autonomyIn" in rule) {
    return rule.autonomyIn.includes(profile.autonomy) ? hit(`the system is ${AUTONOMY_WORDS[profile.autonomy]}`) : NO;
  }

  if ("exposureIn" in rule) {
    return rule.exposureIn.includes(profile.exposure) ? hit(`the system is ${EXPOSURE_WORDS[profile.exposure]}`) : NO;
  }

  if ("hasAssetKind" in rule) {
    const assets = profile.assets.filter((a) => a.kind === rule.hasAssetKind);
    if (!assets.length) return NO;
    return hit(`it has ${plural(ASSET_KIND_WORDS[rule.hasAssetKind], assets.length)}: ${quoteNames(assets)}`, assets);
  }

  if ("hasCapability" in rule) {
    const assets = profile.assets.filter((a) => a.capabilities.includes(rule.hasCapability));
    if (!assets.length) return NO;
    const verb = assets.length === 1 ? "lets" : "let";
    return hit(`${describeAssets(assets)} ${verb} the system ${CAPABILITY_WORDS[rule.hasCapability]}`, assets);
  }

  if ("capabilityWithoutApproval" in rule) {
    const assets = profile.assets.filter((a) => a.capabilities.includes(rule.capabilityWithoutApproval) && a.humanApprovalRequired !== true);
    if (!assets.length) return NO;
    const verb = assets.length === 1 ? "lets" : "let";
    return hit(
      `${describeAssets(assets)} ${verb} the system ${CAPABILITY_WORDS[rule.capabilityWithoutApproval]} without a human approving each action`,
      assets,
    );
  }

  if ("credentialTypeIn" in rule) {
    const assets = profile.assets.filter((a) => a.credentialType && rule.credentialTypeIn.includes(a.credentialType));
    if (!assets.length) return NO;
    const kinds = [...new Set(assets.map((a) => CREDENTIAL_WORDS[a.credentialType!]))];
    return hit(`${describeAssets(assets)} ${assets.length === 1 ? "acts" : "act"} with ${joinWords(kinds, "or")}`, assets);
  }

  if ("pickleModel" in rule) {
    const assets = profile.assets.filter((a) => (a.kind === "MODEL" || a.kind === "ADAPTER") && looksPickleBased(a));
    if (!assets.length) return NO;
    return hit(`${describeAssets(assets)} ${assets.length === 1 ? "is" : "are"} recorded in a pickle-based format, which runs code when loaded`, assets);
  }

  if ("missingDigest" in rule) {
    const assets = profile.assets.filter((a) => rule.missingDigest.includes(a.kind) && !a.sha256);
    if (!assets.length) return NO;
    return hit(`${describeAssets(assets)} ${assets.length === 1 ? "has" : "have"} no SHA-256 digest recorded`, assets);
  }

  // dueDiligencePending
  const assets = profile.assets.filter((a) => rule.dueDiligencePending.includes(a.kind) && a.dueDiligence !== "APPROVED");
  if (!assets.length) return NO;
  return hit(`${describeAssets(assets)} ${assets.length === 1 ? "has" : "have"} not passed due diligence`, assets);
}

/** Reasons as one sentence: "The system is agentic; it has a vector store: “kb”." */
export function reasonSentence(reasons: readonly string[]): string {
  const text = reasons.join("; ");
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : "";
}

/** Leaves of a rule, for library-wide checks in tests. */
export function suggestionRuleLeaves(rule: SuggestionRule): SuggestionRule[] {
  if ("any" in rule) return rule.any.flatMap(suggestionRuleLeaves);
  if ("all" in rule) return rule.all.flatMap(suggestionRuleLeaves);
  return [rule];
}
