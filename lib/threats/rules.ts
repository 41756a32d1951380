/**
 * Pure threat-model rules: scoring, version transitions, risk acceptance and treatment
 * status. No database, no Next, no auth: plain functions over plain data, exhaustively
 * unit-tested in rules.test.ts.
 */
import type { Role, ThreatModelStatus, ThreatTreatment } from "@/generated/prisma/enums";

// ---------------------------------------------------------------------------------------
// Scoring: likelihood × impact on 1-5 scales (a 5×5 risk matrix, scores 1-25)
// ---------------------------------------------------------------------------------------

export const SCALE = [1, 2, 3, 4, 5] as const;
export type ScaleValue = (typeof SCALE)[number];

/** The rubric shown next to every score input: our wording for each level. */
export const LIKELIHOOD_RUBRIC = {
  1: { label: "Rare", meaning: "Needs rare skill, insider access and luck; no known use against systems like this." },
  2: { label: "Unlikely", meaning: "Possible for a skilled, motivated attacker; public techniques exist but need adapting." },
  3: { label: "Possible", meaning: "Public techniques work with modest effort; the entry point is reachable by many people." },
  4: { label: "Likely", meaning: "Seen in the wild against similar systems; little skill needed once the entry point is found." },
  5: { label: "Almost certain", meaning: "Expected to be tried routinely; automated tooling or copy-paste payloads exist." },
} as const satisfies Record<ScaleValue, { label: string; meaning: string }>;

export const IMPACT_RUBRIC = {
  1: { label: "Negligible", meaning: "Minor inconvenience; no sensitive data, money or safety involved." },
  2: { label: "Minor", meaning: "Limited, recoverable harm to few users; internal data of low sensitivity." },
  3: { label: "Moderate", meaning: "Noticeable harm: confidential data of some users, service degraded, modest cost." },
  4: { label: "Major", meaning: "Serious harm: restricted data or many users affected, fraud, regulatory reporting." },
  5: { label: "Severe", meaning: "Critical harm: large breach, safety impact, uncontrolled spending or takeover of systems." },
} as const satisfies Record<ScaleValue, { label: string; meaning: string }>;

export type RiskBand = "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";

/** Score bands of the 5×5 matrix: 1-4 low, 5-9 medium, 10-15 high, 16-25 critical. */
export const BAND_LIMITS = [
  { band: "LOW", max: 4 },
  { band: "MEDIUM", max: 9 },
  { band: "HIGH", max: 15 },
  { band: "CRITICAL", max: 25 },
] as const satisfies readonly { band: RiskBand; max: number }[];

export function isScaleValue(value: unknown): value is ScaleValue {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5;
}

/**
 * Risk score = likelihood × impact. Throws a RangeError when either is not a whole number
 * 1-5 (the schemas refuse such input first; reaching this is a bug).
 */
export function riskScore(likelihood: number, impact: number): number {
  if (!isScaleValue(likelihood) || !isScaleValue(impact)) throw new RangeError(`Likelihood and impact must be whole numbers 1-5 (got ${likelihood} × ${impact}).`);
  return likelihood * impact;
}

export function riskBand(score: number): RiskBand {
  for (const { band, max } of BAND_LIMITS) if (score <= max) return band;
  return "CRITICAL";
}

// ---------------------------------------------------------------------------------------
// Residual threshold
// ---------------------------------------------------------------------------------------

/** Default residual-risk threshold: threats scoring above it (high and critical) need a decision. */
export const DEFAULT_RESIDUAL_THRESHOLD = 9;
export const THRESHOLD_MIN = 1;
export const THRESHOLD_MAX = 24;

// ---------------------------------------------------------------------------------------
// Acceptance and treatment status
// ---------------------------------------------------------------------------------------

export type Acceptance = { acceptedById: string; rationale: string; expiresOn: string };

export type AcceptanceState = "NONE" | "VALID" | "EXPIRED";

/** Days are ISO dates (YYYY-MM-DD) compared as strings: an acceptance holds through its expiry day. */
export function acceptanceState(acceptance: Pick<Acceptance, "expiresOn"> | null | undefined, today: string): AcceptanceState {
  if (!acceptance) return "NONE";
  return acceptance.expiresOn >= today ? "VALID" : "EXPIRED";
}

export type ThreatFacts = {
  likelihood: number;
  impact: number;
  residualLikelihood: number | null;
  residualImpact: number | null;
  treatment: ThreatTreatment | null;
  acceptance: Pick<Acceptance, "expiresOn"> | null;
};

export type ThreatAssessment = {
  inherent: number;
  inherentBand: RiskBand;
  /** Null until the residual likelihood and impact are both set. */
  residual: number | null;
  residualBand: RiskBand | null;
  /** The score the threshold is compared with: residual when set, otherwise inherent. */
  effective: number;
  aboveThreshold: boolean;
  acceptance: AcceptanceState;
  /**
   * Above the threshold with no decision that holds: no treatment, MITIGATE whose residual is
   * still above it, or ACCEPT whose acceptance is missing or expired (expired counts as untreated).
   */
  untreated: boolean;
  /** Why it is untreated, or null. */
  problem: string | null;
};

/**
 * Assesses one threat against the residual threshold on `today` (YYYY-MM-DD). TRANSFER and
 * AVOID are decisions in themselves; MITIGATE counts only when the residual score is at or
 * below the threshold; ACCEPT only while its acceptance has not expired.
 */
export function assessThreat(threat: ThreatFacts, threshold: number, today: string): ThreatAssessment {
  const inherent = riskScore(threat.likelihood, threat.impact);
  const residual =
    threat.residualLikelihood !== null && threat.residualImpact !== null ? riskScore(threat.residualLikelihood, threat.residualImpact) : null;
  const effective = residual ?? inherent;
  const aboveThreshold = effective > threshold;
  const acceptance = threat.treatment === "ACCEPT" ? acceptanceState(threat.acceptance, today) : "NONE";
  let problem: string | null = null;
  if (aboveThreshold) {
    if (threat.treatment === null) problem = `Scores ${effective}, above the threshold of ${threshold}, and has no treatment.`;
    else if (threat.treatment === "MITIGATE") problem = `Residual score ${effective} is still above the threshold of ${threshold}: mitigate further or accept it.`;
    else if (threat.treatment === "ACCEPT" && acceptance === "NONE") problem = "Treatment is ACCEPT but nobody has accepted the risk yet.";
    else if (threat.treatment === "ACCEPT" && acceptance === "EXPIRED") problem = "The risk acceptance has expired: it counts as untreated until renewed.";
  }
  return {
    inherent,
    inherentBand: riskBand(inherent),
    residual,
    residualBand: residual === null ? null : riskBand(residual),
    effective,
    aboveThreshold,
    acceptance,
    untreated: problem !== null,
    problem,
  };
}

/** Residual never exceeds inherent: treatment cannot make a threat worse. Null when fine. */
export function refuseResidual(likelihood: number, impact: number, residualLikelihood: number | null, residualImpact: number | null): string | null {
  if ((residualLikelihood === null) !== (residualImpact === null)) return "Set both residual likelihood and residual impact, or neither.";
  if (residualLikelihood === null || residualImpact === null) return null;
  if (residualLikelihood * residualImpact > likelihood * impact) return "The residual score cannot be higher than the inherent score.";
  return null;
}

export type AcceptanceRequest = {
  actor: { id: string; role: Role | null };
  systemOwnerId: string;
  rationale: string;
  expiresOn: string;
  today: string;
};

export const RATIONALE_MIN = 20;
/** Acceptances are time-boxed: at most a year ahead. */
export const ACCEPTANCE_MAX_DAYS = 366;

/**
 * Why an acceptance is refused, or null. Only a security reviewer or an admin accepts; never
 * the system's owner (no one accepts their own system's risk); a rationale of at least
 * RATIONALE_MIN characters; an expiry after today and at most ACCEPTANCE_MAX_DAYS ahead.
 */
export function refuseAcceptance(request: AcceptanceRequest): { field: "acceptedBy" | "rationale" | "expiresOn"; message: string } | null {
  const { actor } = request;
  if (actor.role !== "SECURITY_REVIEWER" && actor.role !== "ADMIN") {
    return { field: "acceptedBy", message: "Only a security reviewer or an admin can accept a risk." };
  }
  if (actor.id === request.systemOwnerId) {
    return { field: "acceptedBy", message: "The system's owner cannot accept its risks: another reviewer must." };
  }
  if (request.rationale.trim().length < RATIONALE_MIN) {
    return { field: "rationale", message: `Explain in at least ${RATIONALE_MIN} characters why this risk is acceptable.` };
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(request.expiresOn)) return { field: "expiresOn", message: "Use a date like 2027-06-30." };
  if (request.expiresOn <= request.today) return { field: "expiresOn", message: "The expiry date must be after today." };
  if (daysBetween(request.today, request.expiresOn) > ACCEPTANCE_MAX_DAYS) {
    return { field: "expiresOn", message: "Acceptances last at most a year: choose an earlier expiry date." };
  }
  return null;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today's date (UTC) as YYYY-MM-DD. */
export function isoDay(date: Date = new Date()): string {
  return date.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------
// Version lifecycle: DRAFT → IN_REVIEW → REVIEWED → SUPERSEDED
// ---------------------------------------------------------------------------------------

export const THREAT_MODEL_EVENTS = ["submit", "return", "approve", "supersede"] as const;
export type ThreatModelEvent = (typeof THREAT_MODEL_EVENTS)[number];

/**
 * The transition table. `supersede` is never requested by a person: it happens to the
 * previous REVIEWED version when a newer version is approved. REVIEWED and SUPERSEDED accept
 * no edits; a change starts a new DRAFT copied from the version in force.
 */
export const THREAT_MODEL_TRANSITIONS = {
  DRAFT: { submit: "IN_REVIEW" },
  IN_REVIEW: { return: "DRAFT", approve: "REVIEWED" },
  REVIEWED: { supersede: "SUPERSEDED" },
  SUPERSEDED: {},
} as const satisfies Record<ThreatModelStatus, Partial<Record<ThreatModelEvent, ThreatModelStatus>>>;

export type TransitionFacts = {
  status: ThreatModelStatus;
  event: ThreatModelEvent;
  actor: { id: string; role: Role | null };
  /** Who created the version, and who submitted it for review (null while a draft). */
  authorId: string;
  submittedById: string | null;
  threatCount: number;
  /** Threats above the residual threshold without a decision that holds (see assessThreat). */
  untreatedCount: number;
};

export type TransitionResult = { ok: true; to: ThreatModelStatus } | { ok: false; reason: string };

const canEdit = (role: Role | null) => role === "SECURITY_REVIEWER" || role === "ADMIN";

/**
 * Decides a version transition. Refusals say why: unknown transition; wrong role; the author
 * or submitter reviewing their own version; submitting an empty model; approving while
 * threats above the threshold are untreated.
 */
export function decideTransition(facts: TransitionFacts): TransitionResult {
  const table: Partial<Record<ThreatModelEvent, ThreatModelStatus>> = THREAT_MODEL_TRANSITIONS[facts.status];
  const to = table[facts.event];
  if (!to) return { ok: false, reason: `${STATUS_NOUN[facts.status]} cannot be ${PAST[facts.event]}.` };
  if (facts.event === "supersede") return { ok: false, reason: "A version is replaced only when a newer version is reviewed." };
  if (!canEdit(facts.actor.role)) return { ok: false, reason: "Only security reviewers and admins change a threat model's status." };
  if (facts.event === "submit" && facts.threatCount === 0) return { ok: false, reason: "Add at least one threat before submitting for review." };
  if (facts.event === "approve") {
    if (facts.actor.id === facts.authorId || facts.actor.id === facts.submittedById) {
      return { ok: false, reason: "You authored or submitted this version: another security reviewer must review it." };
    }
    if (facts.untreatedCount > 0) {
      return {
        ok: false,
        reason: `${facts.untreatedCount} ${facts.untreatedCount === 1 ? "threat is" : "threats are"} above the residual-risk threshold without a valid treatment: return it to draft.`,
      };
    }
  }
  return { ok: true, to };
}

/** A version in each status, as the subject of a refusal (plain words: never "superseded"). */
const STATUS_NOUN = {
  DRAFT: "A draft threat model",
  IN_REVIEW: "A threat model in review",
  REVIEWED: "A reviewed threat model",
  SUPERSEDED: "A threat model version replaced by a newer one",
} as const satisfies Record<ThreatModelStatus, string>;

const PAST = { submit: "submitted for review", return: "returned to draft", approve: "marked reviewed", supersede: "replaced by a newer version" } as const satisfies Record<
  ThreatModelEvent,
  string
>;

export const STATUS_LABELS = {
  DRAFT: "Draft",
  IN_REVIEW: "In review",
  REVIEWED: "Reviewed",
  SUPERSEDED: "Replaced by a newer version",
} as const satisfies Record<ThreatModelStatus, string>;

export const TREATMENT_LABELS = {
  MITIGATE: "Mitigate",
  ACCEPT: "Accept",
  TRANSFER: "Transfer",
  AVOID: "Avoid",
} as const satisfies Record<ThreatTreatment, string>;

// ---------------------------------------------------------------------------------------
// Heat map
// ---------------------------------------------------------------------------------------

/** counts[likelihood-1][impact-1] = number of threats in that cell. */
export type HeatMap = number[][];

/** Inherent and residual heat maps (residual uses inherent where residual is not set). */
export function heatMaps(threats: readonly Pick<ThreatFacts, "likelihood" | "impact" | "residualLikelihood" | "residualImpact">[]): {
  inherent: HeatMap;
  residual: HeatMap;
} {
  const empty = () => SCALE.map(() => SCALE.map(() => 0));
  const inherent = empty();
  const residual = empty();
  for (const t of threats) {
    inherent[t.likelihood - 1][t.impact - 1]++;
    const rl = t.residualLikelihood ?? t.likelihood;
    const ri = t.residualImpact ?? t.impact;
    residual[rl - 1][ri - 1]++;
  }
  return { inherent, residual };
}
