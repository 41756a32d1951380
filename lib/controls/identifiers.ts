/**
 * Allow-lists for the framework identifiers a control may map to (see shared FRAMEWORKS.md).
 * Pure data and predicates: no database, no Next. A mapping that fails these checks is a typo
 * or an invented ID, and the library schema refuses it.
 */

/** Frameworks a control can map to, in display order. */
export const FRAMEWORK_KEYS = ["owaspLlm", "owaspAgentic", "atlas", "nistAiRmf", "nist800218a", "iso42001"] as const;
export type FrameworkKey = (typeof FRAMEWORK_KEYS)[number];

export const FRAMEWORK_LABELS = {
  owaspLlm: "OWASP Top 10 for LLM Applications 2025",
  owaspAgentic: "OWASP Top 10 for Agentic Applications",
  atlas: "MITRE ATLAS",
  nistAiRmf: "NIST AI RMF 1.0",
  nist800218a: "NIST SP 800-218A",
  iso42001: "ISO/IEC 42001:2023 Annex A",
} as const satisfies Record<FrameworkKey, string>;

// ---------------------------------------------------------------------------------------
// OWASP (IDs and titles reproduced with attribution, CC BY-SA 4.0)
// ---------------------------------------------------------------------------------------

export const OWASP_LLM = {
  "LLM01:2025": "Prompt Injection",
  "LLM02:2025": "Sensitive Information Disclosure",
  "LLM03:2025": "Supply Chain",
  "LLM04:2025": "Data and Model Poisoning",
  "LLM05:2025": "Improper Output Handling",
  "LLM06:2025": "Excessive Agency",
  "LLM07:2025": "System Prompt Leakage",
  "LLM08:2025": "Vector and Embedding Weaknesses",
  "LLM09:2025": "Misinformation",
  "LLM10:2025": "Unbounded Consumption",
} as const;
export type OwaspLlmId = keyof typeof OWASP_LLM;

export const OWASP_AGENTIC = {
  ASI01: "Agent Goal Hijack",
  ASI02: "Tool Misuse and Exploitation",
  ASI03: "Identity and Privilege Abuse",
  ASI04: "Agentic Supply Chain Vulnerabilities",
  ASI05: "Unexpected Code Execution",
  ASI06: "Memory & Context Poisoning",
  ASI07: "Insecure Inter-Agent Communication",
  ASI08: "Cascading Failures",
  ASI09: "Human-Agent Trust Exploitation",
  ASI10: "Rogue Agents",
} as const;
export type OwaspAgenticId = keyof typeof OWASP_AGENTIC;

// ---------------------------------------------------------------------------------------
// MITRE ATLAS (Apache-2.0). The IDs listed in FRAMEWORKS.md, plus techniques the threat
// library needs, each checked against the ATLAS 5.6.0 release data (dist/ATLAS.yaml of
// mitre-atlas/atlas-data, tag v5.6.0): ID and name as published there, sub-techniques
// prefixed with their parent's name. Extend together with ATLAS_VERSION when the libraries
// adopt a newer ATLAS release.
// ---------------------------------------------------------------------------------------

export const ATLAS_VERSION = "5.6.0";

export const ATLAS_TECHNIQUES = {
  "AML.T0010": "AI Supply Chain Compromise",
  "AML.T0010.001": "AI Supply Chain Compromise: AI Software",
  "AML.T0010.002": "AI Supply Chain Compromise: Data",
  "AML.T0010.003": "AI Supply Chain Compromise: Model",
  "AML.T0011.000": "User Execution: Unsafe AI Artifacts",
  "AML.T0015": "Evade AI Model",
  "AML.T0018": "Manipulate AI Model",
  "AML.T0020": "Poison Training Data",
  "AML.T0024": "Exfiltration via AI Inference API",
  "AML.T0024.002": "Exfiltration via AI Inference API: Extract AI Model",
  "AML.T0029": "Denial of AI Service",
  "AML.T0031": "Erode AI Model Integrity",
  "AML.T0034": "Cost Harvesting",
  "AML.T0043": "Craft Adversarial Data",
  "AML.T0051": "LLM Prompt Injection",
  "AML.T0051.000": "LLM Prompt Injection: Direct",
  "AML.T0051.001": "LLM Prompt Injection: Indirect",
  "AML.T0053": "AI Agent Tool Invocation",
  "AML.T0054": "LLM Jailbreak",
  "AML.T0056": "Extract LLM System Prompt",
  "AML.T0057": "LLM Data Leakage",
  "AML.T0070": "RAG Poisoning",
  "AML.T0077": "LLM Response Rendering",
  "AML.T0080": "AI Agent Context Poisoning",
  "AML.T0083": "Credentials from AI Agent Configuration",
  "AML.T0086": "Exfiltration via AI Agent Tool Invocation",
  "AML.T0110": "AI Agent Tool Poisoning",
  // Added for the threat library (verified in ATLAS 5.6.0, see above).
  "AML.T0010.005": "AI Supply Chain Compromise: AI Agent Tool",
  "AML.T0011.001": "User Execution: Malicious Package",
  "AML.T0011.002": "User Execution: Poisoned AI Agent Tool",
  "AML.T0012": "Valid Accounts",
  "AML.T0018.000": "Manipulate AI Model: Poison AI Model",
  "AML.T0018.002": "Manipulate AI Model: Embed Malware",
  "AML.T0019": "Publish Poisoned Datasets",
  "AML.T0024.000": "Exfiltration via AI Inference API: Infer Training Data Membership",
  "AML.T0024.001": "Exfiltration via AI Inference API: Invert AI Model",
  "AML.T0025": "Exfiltration via Cyber Means",
  "AML.T0034.002": "Cost Harvesting: Agentic Resource Consumption",
  "AML.T0035": "AI Artifact Collection",
  "AML.T0046": "Spamming AI System with Chaff Data",
  "AML.T0048": "External Harms",
  "AML.T0048.000": "External Harms: Financial Harm",
  "AML.T0048.003": "External Harms: User Harm",
  "AML.T0050": "Command and Scripting Interpreter",
  "AML.T0055": "Unsecured Credentials",
  "AML.T0058": "Publish Poisoned Models",
  "AML.T0059": "Erode Dataset Integrity",
  "AML.T0060": "Publish Hallucinated Entities",
  "AML.T0061": "LLM Prompt Self-Replication",
  "AML.T0067": "LLM Trusted Output Components Manipulation",
  "AML.T0071": "False RAG Entry Injection",
  "AML.T0073": "Impersonation",
  "AML.T0076": "Corrupt AI Model",
  "AML.T0080.000": "AI Agent Context Poisoning: Memory",
  "AML.T0080.001": "AI Agent Context Poisoning: Thread",
  "AML.T0081": "Modify AI Agent Configuration",
  "AML.T0085": "Data from AI Services",
  "AML.T0092": "Manipulate User LLM Chat History",
  "AML.T0098": "AI Agent Tool Credential Harvesting",
  "AML.T0099": "AI Agent Tool Data Poisoning",
  "AML.T0101": "Data Destruction via AI Agent Tool Invocation",
  "AML.T0104": "Publish Poisoned AI Agent Tool",
  "AML.T0105": "Escape to Host",
  "AML.T0109": "AI Supply Chain Rug Pull",
} as const;

export const ATLAS_MITIGATIONS = {
  "AML.M0005": "Control Access to AI Models and Data at Rest",
  "AML.M0007": "Sanitize Training Data",
  "AML.M0014": "Verify AI Artifacts",
  "AML.M0015": "Adversarial Input Detection",
  "AML.M0020": "Generative AI Guardrails",
  "AML.M0023": "AI Bill of Materials",
  "AML.M0024": "AI Telemetry Logging",
  "AML.M0025": "Maintain AI Dataset Provenance",
} as const;

export type AtlasId = keyof typeof ATLAS_TECHNIQUES | keyof typeof ATLAS_MITIGATIONS;
export const ATLAS_IDS: Readonly<Record<AtlasId, string>> = { ...ATLAS_TECHNIQUES, ...ATLAS_MITIGATIONS };

/**
 * The only crosswalk a framework publishes itself that this library relies on: OWASP's
 * LLM Top 10 2025 entries name these ATLAS techniques. An ATLAS mapping may be marked
 * "published" only when every ATLAS ID on the control comes from this table for one of the
 * control's OWASP LLM IDs.
 */
export const OWASP_LLM_TO_ATLAS: Partial<Record<OwaspLlmId, readonly AtlasId[]>> = {
  "LLM01:2025": ["AML.T0051", "AML.T0054"],
  "LLM02:2025": ["AML.T0024"],
  "LLM03:2025": ["AML.T0010"],
  "LLM04:2025": ["AML.T0018"],
  "LLM07:2025": ["AML.T0051.000"],
  "LLM10:2025": ["AML.T0029", "AML.T0034"],
};

// ---------------------------------------------------------------------------------------
// NIST AI RMF 1.0: subcategories per category (GOVERN 1 has 1.1-1.7, and so on)
// ---------------------------------------------------------------------------------------

export const NIST_AI_RMF_PATTERN = /^(GOVERN|MAP|MEASURE|MANAGE) (\d)\.(\d{1,2})$/;

/** Number of subcategories in each category, by function: index 0 is category 1. */
export const NIST_AI_RMF_SUBCATEGORY_COUNTS = {
  GOVERN: [7, 3, 2, 3, 2, 2],
  MAP: [6, 3, 5, 2, 2],
  MEASURE: [3, 13, 3, 3],
  MANAGE: [4, 4, 2, 3],
} as const;

// ---------------------------------------------------------------------------------------
// NIST SP 800-218A (SSDF 1.1 tasks plus the AI profile's additions): PO.1-5, PS.1-3,
// PW.1-9, RV.1-3
// ---------------------------------------------------------------------------------------

export const NIST_800_218A_PATTERN = /^(PO|PS|PW|RV)\.(\d)\.(\d)$/;
const SSDF_PRACTICE_COUNTS = { PO: 5, PS: 3, PW: 9, RV: 3 } as const;

// ---------------------------------------------------------------------------------------
// ISO/IEC 42001:2023 Annex A: identifiers only (the control text is sold by ISO)
// ---------------------------------------------------------------------------------------

export const ISO_42001_PATTERN = /^A\.\d{1,2}(\.\d{1,2}){0,2}$/;

/** Annex A objectives (A.2-A.10, A.6.1, A.6.2) and their 38 controls. */
export const ISO_42001_ANNEX_A_IDS: ReadonlySet<string> = new Set([
  "A.2", "A.2.2", "A.2.3", "A.2.4",
  "A.3", "A.3.2", "A.3.3",
  "A.4", "A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.4.6",
  "A.5", "A.5.2", "A.5.3", "A.5.4", "A.5.5",
  "A.6", "A.6.1", "A.6.1.2", "A.6.1.3",
  "A.6.2", "A.6.2.2", "A.6.2.3", "A.6.2.4", "A.6.2.5", "A.6.2.6", "A.6.2.7", "A.6.2.8",
  "A.7", "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6",
  "A.8", "A.8.2", "A.8.3", "A.8.4", "A.8.5",
  "A.9", "A.9.2", "A.9.3", "A.9.4",
  "A.10", "A.10.2", "A.10.3", "A.10.4",
]);

// ---------------------------------------------------------------------------------------
// Predicates
// ---------------------------------------------------------------------------------------

const has = (record: object, id: string) => Object.prototype.hasOwnProperty.call(record, id);

export function isOwaspLlmId(id: string): id is OwaspLlmId {
  return has(OWASP_LLM, id);
}

export function isOwaspAgenticId(id: string): id is OwaspAgenticId {
  return has(OWASP_AGENTIC, id);
}

export function isAtlasId(id: string): id is AtlasId {
  return has(ATLAS_IDS, id);
}

export function isNistAiRmfId(id: string): boolean {
  const match = NIST_AI_RMF_PATTERN.exec(id);
  if (!match) return false;
  const counts: readonly number[] = NIST_AI_RMF_SUBCATEGORY_COUNTS[match[1] as keyof typeof NIST_AI_RMF_SUBCATEGORY_COUNTS];
  const category = Number(match[2]);
  const sub = Number(match[3]);
  if (match[3].length > 1 && match[3].startsWith("0")) return false;
  return category >= 1 && category <= counts.length && sub >= 1 && sub <= counts[category - 1];
}

export function isNist800218aId(id: string): boolean {
  const match = NIST_800_218A_PATTERN.exec(id);
  if (!match) return false;
  const practice = Number(match[2]);
  const task = Number(match[3]);
  return practice >= 1 && practice <= SSDF_PRACTICE_COUNTS[match[1] as keyof typeof SSDF_PRACTICE_COUNTS] && task >= 1;
}

export function isIso42001Id(id: string): boolean {
  return ISO_42001_PATTERN.test(id) && ISO_42001_ANNEX_A_IDS.has(id);
}

export const FRAMEWORK_VALIDATORS = {
  owaspLlm: isOwaspLlmId,
  owaspAgentic: isOwaspAgenticId,
  atlas: isAtlasId,
  nistAiRmf: isNistAiRmfId,
  nist800218a: isNist800218aId,
  iso42001: isIso42001Id,
} as const satisfies Record<FrameworkKey, (id: string) => boolean>;

/** What a valid ID looks like, for error messages. */
export const FRAMEWORK_EXAMPLES = {
  owaspLlm: "LLM01:2025 … LLM10:2025",
  owaspAgentic: "ASI01 … ASI10",
  atlas: `an ATLAS ${ATLAS_VERSION} technique or mitigation on the allow-list in lib/controls/identifiers.ts, e.g. AML.T0051.001 or AML.M0014`,
  nistAiRmf: "a subcategory such as MEASURE 2.7 (GOVERN 1-6, MAP 1-5, MEASURE 1-4, MANAGE 1-4)",
  nist800218a: "a task such as PW.3.1 (PO.1-5, PS.1-3, PW.1-9, RV.1-3)",
  iso42001: "an Annex A control such as A.6.2.4 (A.2-A.10)",
} as const satisfies Record<FrameworkKey, string>;

/** Null when the ID is known for the framework; otherwise a message saying what was expected. */
export function checkMappingId(framework: FrameworkKey, id: string): string | null {
  return FRAMEWORK_VALIDATORS[framework](id)
    ? null
    : `Unknown ${FRAMEWORK_LABELS[framework]} identifier "${id}": expected ${FRAMEWORK_EXAMPLES[framework]}.`;
}

/** True when every ATLAS ID comes from OWASP's own LLM→ATLAS list for the given OWASP IDs. */
export function isAtlasCoveredByOwaspCrosswalk(atlasIds: readonly string[], owaspLlmIds: readonly string[]): boolean {
  if (atlasIds.length === 0) return false;
  const published = new Set<string>(owaspLlmIds.flatMap((id) => (isOwaspLlmId(id) ? (OWASP_LLM_TO_ATLAS[id] ?? []) : [])));
  return atlasIds.every((id) => published.has(id));
}
