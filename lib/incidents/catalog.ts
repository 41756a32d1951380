/**
 * Fixed vocabularies of the incident feature and what the UI says about them: categories,
 * severities (with the definitions shown next to the severity picker), notification parties
 * and the timeline entry kinds. Values are the Prisma enums (prisma/schema.prisma).
 *
 * The categories follow issue 11 (AI security incident kinds named by the CISA/NCSC secure AI
 * guidelines and the OWASP LLM / Agentic Top 10). The severity scale SEV1-SEV4 is ours.
 */
import type { IncidentCategory, IncidentEntryKind, IncidentSeverity, IncidentStatus, NotificationParty } from "@/generated/prisma/enums";

export const INCIDENT_CATEGORIES = [
  "PROMPT_INJECTION",
  "JAILBREAK",
  "SENSITIVE_DATA_DISCLOSURE",
  "DATA_MODEL_POISONING",
  "MODEL_THEFT_EXTRACTION",
  "SUPPLY_CHAIN_COMPROMISE",
  "UNSAFE_TOOL_ACTION",
  "UNSAFE_MODEL_LOADING",
  "DENIAL_OF_SERVICE_COST",
  "DRIFT_BEHAVIOUR_CHANGE",
  "VENDOR_CHANGE_COMPROMISE",
  "OTHER",
] as const satisfies readonly IncidentCategory[];

export const CATEGORY_LABELS = {
  PROMPT_INJECTION: "Prompt injection",
  JAILBREAK: "Jailbreak",
  SENSITIVE_DATA_DISCLOSURE: "Sensitive-data disclosure",
  DATA_MODEL_POISONING: "Data or model poisoning",
  MODEL_THEFT_EXTRACTION: "Model theft or extraction",
  SUPPLY_CHAIN_COMPROMISE: "Supply-chain compromise",
  UNSAFE_TOOL_ACTION: "Unsafe tool action / excessive agency",
  UNSAFE_MODEL_LOADING: "Unsafe model loading",
  DENIAL_OF_SERVICE_COST: "Denial of service / cost abuse",
  DRIFT_BEHAVIOUR_CHANGE: "Drift or unexplained behaviour change",
  VENDOR_CHANGE_COMPROMISE: "Vendor change or compromise",
  OTHER: "Other",
} as const satisfies Record<IncidentCategory, string>;

export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const satisfies readonly IncidentSeverity[];

/** Definitions shown wherever a severity is chosen or explained. */
export const SEVERITY_DEFINITIONS = {
  SEV1: {
    label: "SEV1 — Critical",
    definition:
      "Confirmed harm in production: personal or restricted data exposed, an agent took a harmful action with real-world effect, or the model or its supply chain is compromised. All hands; regulator and customer duties likely.",
  },
  SEV2: {
    label: "SEV2 — High",
    definition:
      "Exploitable weakness seen in production or harm to a limited group: a working prompt injection or jailbreak against a deployed system, confidential data at risk, a compromised vendor component. Contain within hours.",
  },
  SEV3: {
    label: "SEV3 — Moderate",
    definition: "Suspicious or degraded behaviour without confirmed harm: unexplained drift, blocked attack attempts, cost anomalies. Investigate within days.",
  },
  SEV4: {
    label: "SEV4 — Low",
    definition: "Minor issue or near miss with no user or data impact, recorded so the lesson is kept.",
  },
} as const satisfies Record<IncidentSeverity, { label: string; definition: string }>;

export const STATUSES = ["OPEN", "TRIAGED", "CONTAINED", "RESOLVED", "CLOSED"] as const satisfies readonly IncidentStatus[];

export const STATUS_LABELS = {
  OPEN: "Open",
  TRIAGED: "Triaged",
  CONTAINED: "Contained",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
} as const satisfies Record<IncidentStatus, string>;

export const PARTIES = ["AFFECTED_USERS", "CUSTOMERS", "VENDOR", "REGULATOR", "OTHER"] as const satisfies readonly NotificationParty[];

export const PARTY_LABELS = {
  AFFECTED_USERS: "Affected users",
  CUSTOMERS: "Customers",
  VENDOR: "Vendor",
  REGULATOR: "Regulator",
  OTHER: "Other party",
} as const satisfies Record<NotificationParty, string>;

export const ENTRY_KIND_LABELS = {
  REPORTED: "Reported",
  NOTE: "Note",
  ACTION: "Action taken",
  STATUS_CHANGED: "Status changed",
  SYSTEM_PAUSED: "System paused",
  SYSTEM_RESUMED: "System resumed",
  NOTIFICATION_DONE: "Notification sent",
  FOLLOW_UP_OPENED: "Follow-up opened",
  DETAILS_UPDATED: "Details updated",
} as const satisfies Record<IncidentEntryKind, string>;

/** "INC-0042": how people refer to an incident. */
export function incidentRef(number: number): string {
  return `INC-${String(number).padStart(4, "0")}`;
}
