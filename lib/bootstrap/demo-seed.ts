/**
 * Demo data for `npm run demo` (or DEMO_MODE=true): one user per role and a dozen realistic
 * AI systems with their bills of materials. Written straight through Prisma inside the
 * caller's transaction, with an audit event for every record, so the audit trail shows a
 * believable history and its hash chain verifies.
 *
 * Never run outside demo mode: the demo accounts share a published password.
 */
import { createChecklistTx } from "@/lib/checklists/create-checklist";
import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type {
  AgentCapability,
  AssetKind,
  Autonomy,
  CredentialType,
  DueDiligenceStatus,
  Exposure,
  LifecycleState,
  RiskTier,
  Role,
  Sensitivity,
} from "@/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append";
import { hashPassword } from "@/lib/auth/password";
import { seedDemoIncidents } from "@/lib/incidents/demo";
import { seedDemoApprovals } from "@/lib/approvals/demo";
import { isEditableLifecycle, transitionLifecycle } from "@/lib/systems/lifecycle";
import { seedDemoThreatModels } from "@/lib/threats/demo-models";
import { seedDemoChecklistProgress } from "@/lib/home/demo";

export const DEMO_PASSWORD = "demo-password-123";

export const DEMO_USERS = [
  { key: "admin", email: "admin@demo.test", name: "Priya Raman", role: "ADMIN" },
  { key: "reviewer", email: "reviewer@demo.test", name: "Daniel Okafor", role: "SECURITY_REVIEWER" },
  { key: "owner", email: "owner@demo.test", name: "Maria Lindqvist", role: "PRODUCT_OWNER" },
  { key: "owner2", email: "owner2@demo.test", name: "Tomás Herrera", role: "PRODUCT_OWNER" },
  { key: "auditor", email: "auditor@demo.test", name: "Grace Whitfield", role: "AUDITOR" },
] as const satisfies readonly { key: string; email: string; name: string; role: Role }[];

type OwnerKey = "owner" | "owner2";

export type DemoAsset = {
  kind: AssetKind;
  name: string;
  version?: string;
  supplier?: string;
  licence?: string;
  /** true: a deterministic 64-hex SHA-256 digest is derived for the asset. */
  digest?: boolean;
  signatureRef?: string;
  sensitivity?: Sensitivity;
  permissions?: string[];
  dueDiligence?: DueDiligenceStatus;
  capabilities?: AgentCapability[];
  credentialType?: CredentialType;
  humanApprovalRequired?: boolean;
  secretLocation?: string;
  rotationDays?: number;
  notes?: string;
};

export type DemoSystem = {
  slug: string;
  name: string;
  purpose: string;
  owner: OwnerKey;
  contributors: OwnerKey[];
  riskTier: RiskTier;
  dataSensitivity: Sensitivity;
  autonomy: Autonomy;
  exposure: Exposure;
  lifecycle: LifecycleState;
  /** Days from the seeding date; negative means overdue. */
  reviewInDays: number | null;
  assets: DemoAsset[];
};

export const DEMO_SYSTEMS: readonly DemoSystem[] = [
  {
    slug: "customer-support-assistant",
    name: "Customer Support Assistant",
    purpose:
      "Answers customer questions in the web chat using retrieval over help-centre articles and order status; hands over to a human agent when unsure or when the customer asks.",
    owner: "owner",
    contributors: ["owner2"],
    riskTier: "MEDIUM",
    dataSensitivity: "CONFIDENTIAL",
    autonomy: "ASSISTIVE",
    exposure: "INTERNET_FACING",
    lifecycle: "DEPLOYED",
    reviewInDays: 45,
    assets: [
      { kind: "VENDOR_API", name: "Azure OpenAI gpt-4o", version: "2024-11-20", supplier: "Microsoft Azure", licence: "Commercial (Microsoft Product Terms)", dueDiligence: "APPROVED", sensitivity: "CONFIDENTIAL", notes: "EU data zone; abuse monitoring opt-out approved." },
      { kind: "MODEL", name: "bge-large-en-v1.5", version: "1.5", supplier: "BAAI (Hugging Face)", licence: "MIT", digest: true, dueDiligence: "APPROVED", notes: "Embedding model, loaded as safetensors only." },
      { kind: "VECTOR_STORE", name: "help-centre-index", version: "pgvector 0.8", supplier: "Internal platform team", sensitivity: "INTERNAL", dueDiligence: "APPROVED" },
      { kind: "DATASET", name: "Help centre articles", version: "2026-10", supplier: "Customer Care content team", digest: true, sensitivity: "PUBLIC", dueDiligence: "APPROVED" },
      { kind: "PROMPT", name: "support-system-prompt", version: "v14", supplier: "Internal", digest: true, sensitivity: "INTERNAL", dueDiligence: "APPROVED" },
      { kind: "CREDENTIAL", name: "Azure OpenAI API key", supplier: "Microsoft Azure", secretLocation: "vault://kv/prod/support-assistant/azure-openai", rotationDays: 90, permissions: ["Cognitive Services OpenAI User"], dueDiligence: "APPROVED" },
      { kind: "EVAL_SUITE", name: "support-answer-quality", version: "2026.10", supplier: "Internal", notes: "Groundedness, refusal and prompt-injection probes; run on every prompt change." },
    ],
  },
  {
    slug: "card-fraud-scoring",
    name: "Card Fraud Scoring Model",
    purpose:
      "Scores every card authorisation for fraud risk in under 30 ms; scores above the threshold are declined or sent to step-up authentication.",
    owner: "owner2",
    contributors: [],
    riskTier: "HIGH",
    dataSensitivity: "RESTRICTED",
    autonomy: "NONE",
    exposure: "INTERNAL",
    lifecycle: "DEPLOYED",
    reviewInDays: -12,
    assets: [
      { kind: "MODEL", name: "fraud-gbm", version: "2026.09.1", supplier: "Internal data science", licence: "Proprietary", digest: true, signatureRef: "cosign://registry.internal/models/fraud-gbm@2026.09.1", sensitivity: "RESTRICTED", dueDiligence: "APPROVED" },
      { kind: "DATASET", name: "Card transactions (tokenised)", version: "2024-01..2026-08", supplier: "Payments data platform", digest: true, sensitivity: "RESTRICTED", dueDiligence: "APPROVED", notes: "PANs tokenised before export; retention 24 months." },
      { kind: "DATASET", name: "Chargeback labels", version: "2026-08", supplier: "Disputes team", digest: true, sensitivity: "CONFIDENTIAL", dueDiligence: "APPROVED" },
      { kind: "LIBRARY", name: "xgboost", version: "2.1.3", supplier: "PyPI", licence: "Apache-2.0", digest: true, dueDiligence: "APPROVED" },
      { kind: "ENVIRONMENT", name: "prod-scoring (Kubernetes namespace)", version: "eu-west-1", supplier: "Internal platform team", sensitivity: "RESTRICTED", dueDiligence: "APPROVED" },
      { kind: "EVAL_SUITE", name: "fraud-drift-and-bias-monitors", version: "3", supplier: "Internal", notes: "Weekly population stability index and per-region false-positive rates." },
    ],
  },
  {
    slug: "code-review-agent",
    name: "Code Review Agent",
    purpose:
      "Reviews pull requests, comments on likely bugs and security issues, and can push small fix-up commits to the PR branch after a maintainer approves them.",
    owner: "owner",
    contributors: ["owner2"],
    riskTier: "HIGH",
    dataSensitivity: "CONFIDENTIAL",
    autonomy: "AGENTIC",
    exposure: "INTERNAL",
    lifecycle: "IN_REVIEW",
    reviewInDays: 14,
    assets: [
      { kind: "VENDOR_API", name: "Anthropic Messages API", version: "2023-06-01", supplier: "Anthropic", licence: "Commercial terms", dueDiligence: "IN_PROGRESS", sensitivity: "CONFIDENTIAL", notes: "Zero data retention requested; DPA under legal review." },
      { kind: "TOOL_CONNECTOR", name: "GitHub MCP server", version: "0.9.2", supplier: "GitHub", licence: "MIT", digest: true, capabilities: ["READ_INTERNAL_DATA", "WRITE_FILES", "SEND_MESSAGES"], credentialType: "SHORT_LIVED_SCOPED", humanApprovalRequired: true, permissions: ["contents:write", "pull_requests:write", "issues:read"], dueDiligence: "IN_PROGRESS" },
      { kind: "TOOL_CONNECTOR", name: "CI sandbox runner", version: "1.4", supplier: "Internal platform team", capabilities: ["EXECUTE_CODE"], credentialType: "SHORT_LIVED_SCOPED", humanApprovalRequired: false, permissions: ["run:ephemeral-container", "network:none"], dueDiligence: "APPROVED", notes: "Runs tests in a throw-away container with no network." },
      { kind: "AGENT_IDENTITY", name: "code-review-bot (GitHub App)", supplier: "Internal", capabilities: ["READ_INTERNAL_DATA", "WRITE_FILES", "SEND_MESSAGES"], credentialType: "SHORT_LIVED_SCOPED", humanApprovalRequired: true, permissions: ["installation: 38 repositories"], dueDiligence: "APPROVED" },
      { kind: "CREDENTIAL", name: "GitHub App private key", supplier: "GitHub", secretLocation: "vault://kv/prod/code-review-agent/github-app", rotationDays: 30, dueDiligence: "APPROVED", notes: "Exchanged for 1-hour installation tokens." },
      { kind: "PROMPT", name: "review-guidelines", version: "v3", supplier: "Internal", digest: true, dueDiligence: "APPROVED" },
    ],
  },
  {
    slug: "hr-cv-screener",
    name: "HR CV Screener",
    purpose:
      "Ranks incoming applications against the job description and suggests a shortlist to recruiters, who make every decision. Paused after a fairness review found a gap.",
    owner: "owner2",
    contributors: [],
    riskTier: "CRITICAL",
    dataSensitivity: "RESTRICTED",
    autonomy: "ASSISTIVE",
    exposure: "INTERNAL",
    lifecycle: "PAUSED",
    reviewInDays: 7,
    assets: [
      { kind: "MODEL", name: "Mistral-7B-Instruct", version: "v0.3", supplier: "Mistral AI (Hugging Face)", licence: "Apache-2.0", digest: true, dueDiligence: "APPROVED" },
      { kind: "ADAPTER", name: "cv-ranker-lora", version: "2026.07", supplier: "Internal data science", licence: "Proprietary", digest: true, sensitivity: "RESTRICTED", dueDiligence: "IN_PROGRESS" },
      { kind: "DATASET", name: "Historic shortlisting decisions", version: "2021-2025", supplier: "People analytics", digest: true, sensitivity: "RESTRICTED", dueDiligence: "REJECTED", notes: "Under-represents career returners; re-labelling in progress." },
      { kind: "EVAL_SUITE", name: "hiring-fairness-eval", version: "2", supplier: "Internal", notes: "Selection-rate ratios by protected characteristic (synthetic personas)." },
      { kind: "VENDOR_API", name: "Workday Recruiting API", version: "v41.2", supplier: "Workday", licence: "Commercial", sensitivity: "RESTRICTED", dueDiligence: "APPROVED", permissions: ["Recruiting: read candidates"] },
    ],
  },
  {
    slug: "marketing-copy-generator",
    name: "Marketing Copy Generator",
    purpose: "Drafts campaign copy and product descriptions in the brand voice for the marketing team to edit and approve.",
    owner: "owner",
    contributors: [],
    riskTier: "LOW",
    dataSensitivity: "PUBLIC",
    autonomy: "ASSISTIVE",
    exposure: "INTERNAL",
    lifecycle: "DEPLOYED",
    reviewInDays: 160,
    assets: [
      { kind: "VENDOR_API", name: "Google Gemini API", version: "gemini-2.5-flash", supplier: "Google Cloud", licence: "Commercial", dueDiligence: "APPROVED" },
      { kind: "PROMPT", name: "brand-voice", version: "v7", supplier: "Brand team", digest: true, dueDiligence: "APPROVED" },
      { kind: "DATASET", name: "Brand guidelines and approved copy", version: "2026-Q3", supplier: "Brand team", digest: true, sensitivity: "PUBLIC", dueDiligence: "APPROVED" },
      { kind: "CREDENTIAL", name: "Gemini API key", supplier: "Google Cloud", secretLocation: "vault://kv/prod/marketing-copy/gemini", rotationDays: 180, dueDiligence: "APPROVED" },
    ],
  },
  {
    slug: "treasury-payments-agent",
    name: "Treasury Payments Agent",
    purpose:
      "Prepares supplier payment runs from approved invoices and submits them to the bank; every payment needs a treasury officer's approval before release.",
    owner: "owner2",
    contributors: ["owner"],
    riskTier: "CRITICAL",
    dataSensitivity: "RESTRICTED",
    autonomy: "AGENTIC",
    exposure: "INTERNAL",
    lifecycle: "DRAFT",
    reviewInDays: 30,
    assets: [
      { kind: "MODEL", name: "Llama-3.1-70B-Instruct", version: "3.1", supplier: "Meta (Hugging Face)", licence: "Llama 3.1 Community License", digest: true, dueDiligence: "IN_PROGRESS", notes: "Self-hosted on the finance GPU pool." },
      { kind: "TOOL_CONNECTOR", name: "Bank payments API connector", version: "2.0", supplier: "Internal treasury engineering", capabilities: ["SPEND_MONEY", "CALL_PRODUCTION_APIS", "READ_INTERNAL_DATA"], credentialType: "SERVICE_ACCOUNT", humanApprovalRequired: true, permissions: ["payments:create", "payments:read", "limit: 250000 EUR per run"], dueDiligence: "IN_PROGRESS" },
      { kind: "AGENT_IDENTITY", name: "svc-treasury-agent", supplier: "Internal IAM", capabilities: ["SPEND_MONEY", "READ_INTERNAL_DATA"], credentialType: "SERVICE_ACCOUNT", humanApprovalRequired: true, permissions: ["erp:invoices:read", "bank:payments:create"], dueDiligence: "NOT_STARTED" },
      { kind: "CREDENTIAL", name: "Bank API client certificate", supplier: "Partner bank", secretLocation: "vault://kv/prod/treasury-agent/bank-mtls", rotationDays: 30, dueDiligence: "IN_PROGRESS" },
      { kind: "ENVIRONMENT", name: "finance-gpu-pool", version: "prod", supplier: "Internal platform team", sensitivity: "RESTRICTED", dueDiligence: "APPROVED" },
    ],
  },
  {
    slug: "contract-clause-extractor",
    name: "Contract Clause Extractor",
    purpose: "Extracts liability, termination and data-protection clauses from supplier contracts into the contract register for legal review.",
    owner: "owner",
    contributors: [],
    riskTier: "MEDIUM",
    dataSensitivity: "CONFIDENTIAL",
    autonomy: "ASSISTIVE",
    exposure: "INTERNAL",
    lifecycle: "APPROVED",
    reviewInDays: 75,
    assets: [
      { kind: "VENDOR_API", name: "Amazon Bedrock (Claude Sonnet)", version: "2025-05", supplier: "Amazon Web Services", licence: "Commercial", sensitivity: "CONFIDENTIAL", dueDiligence: "APPROVED" },
      { kind: "PROMPT", name: "clause-extraction", version: "v5", supplier: "Legal operations", digest: true, dueDiligence: "APPROVED" },
      { kind: "DATASET", name: "Annotated contract sample", version: "2026-06", supplier: "Legal operations", digest: true, sensitivity: "CONFIDENTIAL", dueDiligence: "APPROVED" },
      { kind: "EVAL_SUITE", name: "clause-extraction-accuracy", version: "1.2", supplier: "Internal" },
    ],
  },
  {
    slug: "it-helpdesk-agent",
    name: "IT Helpdesk Agent",
    purpose: "Answers employees' IT questions in chat, resets MFA enrolment after identity checks and opens or updates service desk tickets.",
    owner: "owner2",
    contributors: ["owner"],
    riskTier: "MEDIUM",
    dataSensitivity: "INTERNAL",
    autonomy: "AGENTIC",
    exposure: "INTERNAL",
    lifecycle: "DEPLOYED",
    reviewInDays: 20,
    assets: [
      { kind: "VENDOR_API", name: "Azure OpenAI gpt-4.1-mini", version: "2025-04-14", supplier: "Microsoft Azure", licence: "Commercial", dueDiligence: "APPROVED" },
      { kind: "TOOL_CONNECTOR", name: "ServiceNow connector", version: "3.2", supplier: "ServiceNow", licence: "Commercial", capabilities: ["READ_INTERNAL_DATA", "CALL_PRODUCTION_APIS", "SEND_MESSAGES"], credentialType: "INHERITED_USER_TOKEN", humanApprovalRequired: false, permissions: ["incident:create", "incident:update", "kb:read"], dueDiligence: "APPROVED" },
      { kind: "TOOL_CONNECTOR", name: "Okta MFA reset tool", version: "1.1", supplier: "Internal IAM", capabilities: ["CALL_PRODUCTION_APIS"], credentialType: "SERVICE_ACCOUNT", humanApprovalRequired: true, permissions: ["okta.users.manage (factor reset only)"], dueDiligence: "APPROVED" },
      { kind: "VECTOR_STORE", name: "it-knowledge-base", version: "2026-11", supplier: "Internal", sensitivity: "INTERNAL", dueDiligence: "APPROVED" },
      { kind: "CREDENTIAL", name: "Okta API token", supplier: "Okta", secretLocation: "vault://kv/prod/it-helpdesk/okta", rotationDays: 60, dueDiligence: "APPROVED" },
    ],
  },
  {
    slug: "invoice-ocr-classifier",
    name: "Invoice OCR Classifier",
    purpose: "Reads scanned supplier invoices and routes them to the right cost centre. Being replaced by the ERP vendor's built-in capture.",
    owner: "owner",
    contributors: [],
    riskTier: "LOW",
    dataSensitivity: "CONFIDENTIAL",
    autonomy: "NONE",
    exposure: "INTERNAL",
    lifecycle: "RETIRING",
    reviewInDays: null,
    assets: [
      { kind: "MODEL", name: "layoutlmv3-base-invoices", version: "2024.02", supplier: "Microsoft (fine-tuned internally)", licence: "CC-BY-NC-SA-4.0", digest: true, dueDiligence: "APPROVED", notes: "Licence review flagged non-commercial terms: a reason for retirement." },
      { kind: "DATASET", name: "Labelled invoice scans", version: "2023", supplier: "Accounts payable", digest: true, sensitivity: "CONFIDENTIAL", dueDiligence: "APPROVED" },
      { kind: "LIBRARY", name: "transformers", version: "4.38.2", supplier: "PyPI", licence: "Apache-2.0", digest: true, dueDiligence: "APPROVED" },
    ],
  },
  {
    slug: "sales-research-agent",
    name: "Sales Research Agent",
    purpose: "Researches prospects on the public web before meetings, summarises news and filings, and remembers account notes between sessions.",
    owner: "owner",
    contributors: ["owner2"],
    riskTier: "MEDIUM",
    dataSensitivity: "INTERNAL",
    autonomy: "AGENTIC",
    exposure: "INTERNAL",
    lifecycle: "IN_REVIEW",
    reviewInDays: 10,
    assets: [
      { kind: "VENDOR_API", name: "OpenAI Responses API", version: "gpt-4.1", supplier: "OpenAI", licence: "Commercial", dueDiligence: "IN_PROGRESS" },
      { kind: "TOOL_CONNECTOR", name: "Headless browser tool", version: "0.6", supplier: "Internal", capabilities: ["BROWSE_WEB"], credentialType: "SHORT_LIVED_SCOPED", humanApprovalRequired: false, permissions: ["egress: public web via proxy", "no authenticated sessions"], dueDiligence: "IN_PROGRESS" },
      { kind: "TOOL_CONNECTOR", name: "Account memory store", version: "1.0", supplier: "Internal", capabilities: ["WRITE_MEMORY", "READ_INTERNAL_DATA"], credentialType: "INHERITED_USER_TOKEN", humanApprovalRequired: false, dueDiligence: "NOT_STARTED", notes: "Memory entries are visible to the whole account team." },
      { kind: "VECTOR_STORE", name: "account-notes-memory", version: "1", supplier: "Internal", sensitivity: "INTERNAL", dueDiligence: "NOT_STARTED" },
      { kind: "CREDENTIAL", name: "CRM read token", supplier: "Salesforce", secretLocation: "vault://kv/prod/sales-research/crm", rotationDays: 90, permissions: ["Account: read", "Opportunity: read"], dueDiligence: "APPROVED" },
    ],
  },
  {
    slug: "website-semantic-search",
    name: "Website Semantic Search",
    purpose: "Ranks public website pages for visitors' natural-language search queries; no generation, results link to existing pages only.",
    owner: "owner2",
    contributors: [],
    riskTier: "LOW",
    dataSensitivity: "PUBLIC",
    autonomy: "NONE",
    exposure: "INTERNET_FACING",
    lifecycle: "DEPLOYED",
    reviewInDays: 120,
    assets: [
      { kind: "MODEL", name: "all-MiniLM-L6-v2", version: "2", supplier: "sentence-transformers (Hugging Face)", licence: "Apache-2.0", digest: true, dueDiligence: "APPROVED" },
      { kind: "VECTOR_STORE", name: "website-pages-index", version: "nightly", supplier: "Internal", sensitivity: "PUBLIC", dueDiligence: "APPROVED" },
      { kind: "DATASET", name: "Public website crawl", version: "nightly", supplier: "Web team", sensitivity: "PUBLIC", dueDiligence: "APPROVED" },
      { kind: "LIBRARY", name: "onnxruntime", version: "1.20.1", supplier: "PyPI", licence: "MIT", digest: true, dueDiligence: "APPROVED" },
    ],
  },
  {
    slug: "credit-limit-recommender",
    name: "Credit Limit Recommender",
    purpose: "Recommends credit-limit changes for existing customers; an underwriter reviews every recommendation and records the reason for the final decision.",
    owner: "owner2",
    contributors: ["owner"],
    riskTier: "HIGH",
    dataSensitivity: "RESTRICTED",
    autonomy: "ASSISTIVE",
    exposure: "INTERNAL",
    lifecycle: "APPROVED",
    reviewInDays: 60,
    assets: [
      { kind: "MODEL", name: "credit-limit-lgbm", version: "1.8.0", supplier: "Internal risk analytics", licence: "Proprietary", digest: true, signatureRef: "cosign://registry.internal/models/credit-limit-lgbm@1.8.0", sensitivity: "RESTRICTED", dueDiligence: "APPROVED" },
      { kind: "DATASET", name: "Credit bureau attributes", version: "2026-09", supplier: "Credit bureau (contracted)", digest: true, sensitivity: "RESTRICTED", dueDiligence: "APPROVED", notes: "Permissible-purpose clause checked by legal." },
      { kind: "DATASET", name: "Account performance history", version: "2019-2026", supplier: "Risk data warehouse", digest: true, sensitivity: "RESTRICTED", dueDiligence: "APPROVED" },
      { kind: "LIBRARY", name: "lightgbm", version: "4.5.0", supplier: "PyPI", licence: "MIT", digest: true, dueDiligence: "APPROVED" },
      { kind: "EVAL_SUITE", name: "credit-model-validation", version: "2026-Q3", supplier: "Model risk management", notes: "Independent validation: discrimination, calibration, adverse-impact ratios." },
      { kind: "ENVIRONMENT", name: "risk-batch-scoring", version: "prod", supplier: "Internal platform team", sensitivity: "RESTRICTED", dueDiligence: "APPROVED" },
    ],
  },
];

/** The path through the lifecycle that ends in `target` (DESIGN.md order). */
const LIFECYCLE_PATHS: Record<LifecycleState, LifecycleState[]> = {
  DRAFT: [],
  IN_REVIEW: ["IN_REVIEW"],
  APPROVED: ["IN_REVIEW", "APPROVED"],
  DEPLOYED: ["IN_REVIEW", "APPROVED", "DEPLOYED"],
  PAUSED: ["IN_REVIEW", "APPROVED", "DEPLOYED", "PAUSED"],
  RETIRING: ["IN_REVIEW", "APPROVED", "DEPLOYED", "RETIRING"],
  RETIRED: ["IN_REVIEW", "APPROVED", "DEPLOYED", "RETIRING", "RETIRED"],
};

/** Why each workflow state was reached, as the seeded history tells it. */
const DEMO_LIFECYCLE_REASONS: Record<Exclude<LifecycleState, "DRAFT" | "IN_REVIEW">, string> = {
  APPROVED: "Approved for production by the security review.",
  DEPLOYED: "Deployment to production recorded.",
  PAUSED: "Paused while an incident is contained.",
  RETIRING: "Decommissioning started.",
  RETIRED: "Decommissioning completed.",
};

/** A stable, realistic-looking digest: the same demo asset always gets the same one. */
export function demoDigest(systemSlug: string, asset: Pick<DemoAsset, "kind" | "name" | "version">): string {
  return createHash("sha256")
    .update(`aigov-demo\n${systemSlug}\n${asset.kind}\n${asset.name}\n${asset.version ?? ""}`)
    .digest("hex");
}

function dateInDays(now: Date, days: number): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + days);
  return d;
}

export type DemoSeedResult = { users: number; systems: number; assets: number; threatModels: number; approvals: number };

/**
 * Writes the demo users, systems and assets inside `tx` (the caller's transaction), with an
 * audit event for each. Expects an empty database (the first-run check guarantees it).
 */
export async function seedDemoData(
  tx: Prisma.TransactionClient,
  opts: { now?: Date; password?: string } = {},
): Promise<DemoSeedResult> {
  const now = opts.now ?? new Date();
  const password = opts.password ?? DEMO_PASSWORD;

  const users = {} as Record<(typeof DEMO_USERS)[number]["key"], { id: string; email: string }>;
  for (const u of DEMO_USERS) {
    const user = await tx.user.create({
      data: { email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(password) },
      select: { id: true, email: true },
    });
    users[u.key] = user;
    await appendAudit(tx, null, {
      action: "user.created",
      entityType: "User",
      entityId: user.id,
      summary: { email: u.email, role: u.role, source: "demo-seed" },
    });
  }
  const reviewer = users.reviewer;

  let assetCount = 0;
  const systemsBySlug = new Map<string, { id: string; ownerId: string }>();
  for (const s of DEMO_SYSTEMS) {
    const owner = users[s.owner];
    const contributorIds = s.contributors.filter((c) => c !== s.owner).map((c) => users[c].id);
    const system = await tx.aiSystem.create({
      data: {
        slug: s.slug,
        name: s.name,
        purpose: s.purpose,
        ownerId: owner.id,
        riskTier: s.riskTier,
        dataSensitivity: s.dataSensitivity,
        autonomy: s.autonomy,
        exposure: s.exposure,
        nextReviewDue: s.reviewInDays === null ? null : dateInDays(now, s.reviewInDays),
        contributors: { create: contributorIds.map((userId) => ({ userId })) },
      },
      select: { id: true },
    });
    systemsBySlug.set(s.slug, { id: system.id, ownerId: owner.id });
    await appendAudit(tx, owner, {
      action: "system.created",
      entityType: "AiSystem",
      entityId: system.id,
      summary: {
        name: s.name,
        slug: s.slug,
        riskTier: s.riskTier,
        autonomy: s.autonomy,
        exposure: s.exposure,
        ownerId: owner.id,
        contributorIds,
      },
    });

    for (const a of s.assets) {
      const asset = await tx.asset.create({
        data: {
          systemId: system.id,
          kind: a.kind,
          name: a.name,
          version: a.version ?? null,
          supplier: a.supplier ?? null,
          licence: a.licence ?? null,
          sha256: a.digest ? demoDigest(s.slug, a) : null,
          signatureRef: a.signatureRef ?? null,
          sensitivity: a.sensitivity ?? null,
          permissions: a.permissions ?? [],
          dueDiligence: a.dueDiligence ?? "NOT_STARTED",
          capabilities: a.capabilities ?? [],
          credentialType: a.credentialType ?? null,
          humanApprovalRequired: a.humanApprovalRequired ?? null,
          secretLocation: a.secretLocation ?? null,
          rotationDays: a.rotationDays ?? null,
          notes: a.notes ?? null,
        },
        select: { id: true, kind: true, name: true, version: true, sha256: true, capabilities: true },
      });
      assetCount++;
      await appendAudit(tx, owner, {
        action: "asset.created",
        entityType: "Asset",
        entityId: asset.id,
        summary: {
          systemId: system.id,
          kind: asset.kind,
          name: asset.name,
          version: asset.version,
          sha256: asset.sha256,
          capabilities: asset.capabilities,
        },
      });
    }

    // Walk the lifecycle to its current state, so the history reads like real use: the owner
    // sends the system for review by editing it; the later states come from their workflows
    // (seeded approvals, deployments, containment), through transitionLifecycle.
    let from: LifecycleState = "DRAFT";
    for (const to of LIFECYCLE_PATHS[s.lifecycle]) {
      if (isEditableLifecycle(to)) {
        await tx.aiSystem.update({ where: { id: system.id }, data: { lifecycle: to, rowVersion: { increment: 1 } } });
        await appendAudit(tx, owner, {
          action: "system.updated",
          entityType: "AiSystem",
          entityId: system.id,
          summary: { changes: { lifecycle: { from, to } } },
        });
      } else {
        await transitionLifecycle(tx, to === "APPROVED" || to === "PAUSED" ? reviewer : owner, system.id, to, {
          reason: DEMO_LIFECYCLE_REASONS[to],
          cause: { kind: "demo-seed" },
        });
      }
      from = to;
    }
    // The checklist reflects the final profile, assets included.
    await createChecklistTx(tx, owner, system.id);
  }

  // Two systems get a reviewed threat model: the reviewer builds it, the admin reviews it and
  // accepts one residual risk (neither owns a demo system).
  const threatModels = await seedDemoThreatModels(tx, systemsBySlug, { author: users.reviewer, reviewer: users.admin }, now);
  // Systems shown as approved, deployed or paused get the approval that put them there (on an
  // exception where their seeded checklist fails the gate); one system waits in the review queue.
  // Seeded before the incidents: the approvals were submitted 12 days ago and the open SEV1/SEV2
  // demo incidents are 1 and 5 days old, so the pinned snapshots must not list them.
  const approvalTargets = new Map(DEMO_SYSTEMS.map((s) => [s.slug, { ...systemsBySlug.get(s.slug)!, lifecycle: s.lifecycle, riskTier: s.riskTier }]));
  const approvals = await seedDemoApprovals(tx, approvalTargets, { reviewer: users.reviewer, admin: users.admin }, now);

  // Incidents in different states, one with an overdue regulator notification.
  const reviewerRow = await tx.user.findUniqueOrThrow({ where: { id: users.reviewer.id }, select: { id: true, email: true, name: true } });
  await seedDemoIncidents(tx, systemsBySlug, { reviewer: reviewerRow }, now);
  await seedDemoChecklistProgress(tx, systemsBySlug, now);

  return { users: DEMO_USERS.length, systems: DEMO_SYSTEMS.length, assets: assetCount, threatModels, approvals };
}
