/**
 * The one list of human labels for stored enum values, and the badge tones that go with them.
 * Plain data, no framework: pages, client components, exports and server messages all read it.
 * (components/labels.ts and the checklist's STATUS_LABELS re-export it for older imports.)
 */
import { ROLE_LABELS } from "@/lib/authz/permissions";

/** Badge colours (components/ui/badge.tsx). */
export type Tone = "slate" | "green" | "amber" | "red" | "blue" | "violet" | "orange";

/** Checklist item statuses. */
export const CHECKLIST_STATUS_LABELS: Record<string, string> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  MET: "Met",
  NOT_MET: "Not met",
  NOT_APPLICABLE: "Not applicable",
};

/** Human labels for stored enum values. */
export const LABELS: Record<string, string> = {
  LOW: "Low",
  MEDIUM: "Medium",
  HIGH: "High",
  CRITICAL: "Critical",
  PUBLIC: "Public",
  INTERNAL: "Internal",
  CONFIDENTIAL: "Confidential",
  RESTRICTED: "Restricted",
  NONE: "None",
  ASSISTIVE: "Assistive",
  AGENTIC: "Agentic",
  INTERNET_FACING: "Internet-facing",
  DRAFT: "Draft",
  IN_REVIEW: "In review",
  APPROVED: "Approved",
  DEPLOYED: "Deployed",
  PAUSED: "Paused",
  RETIRING: "Retiring",
  RETIRED: "Retired",
  MODEL: "Model",
  DATASET: "Dataset",
  PROMPT: "Prompt",
  TOOL_CONNECTOR: "Tool connector",
  VECTOR_STORE: "Vector store",
  VENDOR_API: "Vendor API",
  AGENT_IDENTITY: "Agent identity",
  CREDENTIAL: "Credential",
  ENVIRONMENT: "Environment",
  LIBRARY: "Library",
  ADAPTER: "Adapter",
  EVAL_SUITE: "Eval suite",
  REJECTED: "Rejected",
  READ_INTERNAL_DATA: "Read internal data",
  WRITE_FILES: "Write files",
  SEND_MESSAGES: "Send messages",
  SPEND_MONEY: "Spend money",
  CALL_PRODUCTION_APIS: "Call production APIs",
  EXECUTE_CODE: "Execute code",
  BROWSE_WEB: "Browse the web",
  WRITE_MEMORY: "Write memory",
  SHORT_LIVED_SCOPED: "Short-lived, scoped",
  SERVICE_ACCOUNT: "Service account",
  INHERITED_USER_TOKEN: "Inherited user token",
  ...CHECKLIST_STATUS_LABELS,
  ...ROLE_LABELS,
};

/**
 * The label of a stored enum value ("INTERNET_FACING" → "Internet-facing"); "—" for none; an
 * unknown value is shown as it is.
 */
export function label(value: string | null | undefined): string {
  if (!value) return "—";
  return LABELS[value] ?? value;
}

/** Words that keep their capitals inside a sentence (acronyms and names). */
const KEEP_CASE = /^(AI|API|APIs|ML|LLM|MCP|SDK|PII|OIDC|SSO|EU|US|UK)$/;

/**
 * A label for use inside a sentence: lower-cased word by word, except acronyms such as AI and
 * API ("Vendor API" → "vendor API", "AI systems" → "AI systems"). Lower-case labels in
 * sentences through this, never with a bare `toLowerCase()`.
 */
export function lowerLabel(text: string): string {
  return text
    .split(/(\s+|-)/)
    .map((word) => (KEEP_CASE.test(word) ? word : word.toLowerCase()))
    .join("");
}

/**
 * How an asset's version is shown: "v1.2.0" for a bare semantic version ("1.2.0", "2.1"),
 * anything else as it is ("eu-west-1", "2024-01..2026-08", "v3", "gpt-4o-2024-08-06").
 */
export function versionText(version: string): string {
  return /^\d+\.\d+(\.\d+)?([-+][0-9A-Za-z.-]+)?$/.test(version) ? `v${version}` : version;
}

/** Badge colours by enum value (risk tier, lifecycle, due diligence, sensitivity, checklist status). */
export const TIER_TONE: Record<string, Tone> = { LOW: "green", MEDIUM: "amber", HIGH: "orange", CRITICAL: "red" };
export const LIFECYCLE_TONE: Record<string, Tone> = {
  DRAFT: "slate",
  IN_REVIEW: "blue",
  APPROVED: "violet",
  DEPLOYED: "green",
  PAUSED: "amber",
  RETIRING: "orange",
  RETIRED: "slate",
};
export const DUE_DILIGENCE_TONE: Record<string, Tone> = { NOT_STARTED: "slate", IN_PROGRESS: "blue", APPROVED: "green", REJECTED: "red" };
export const SENSITIVITY_TONE: Record<string, Tone> = { PUBLIC: "slate", INTERNAL: "blue", CONFIDENTIAL: "amber", RESTRICTED: "red" };
export const CHECKLIST_STATUS_TONE: Record<string, Tone> = { NOT_STARTED: "slate", IN_PROGRESS: "blue", MET: "green", NOT_MET: "red", NOT_APPLICABLE: "violet" };
