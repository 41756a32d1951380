/**
 * A system with something of everything the exports carry: one asset of every kind with every
 * field its kind allows (including text that starts like a spreadsheet formula), a checklist
 * with met (file, link and note evidence), stale-met (expired evidence only), not-met and
 * not-applicable controls, and the audit events all of that wrote.
 */
import { createAsset } from "@/lib/assets/create-asset";
import type { Actor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { addEvidence } from "@/lib/evidence/create-evidence";
import { storeEvidenceFile } from "@/lib/evidence/store-file";
import { createSystem } from "@/lib/systems/create-system";
import { createActor, systemInput } from "./factories";

const SHA = (c: string) => c.repeat(64);

export const FIXTURE_ASSETS: Record<string, unknown>[] = [
  { kind: "MODEL", name: "meta-llama/Llama-3.1-8B-Instruct", version: "2024-07", supplier: "Meta", licence: "LicenseRef-Llama-3.1", sha256: SHA("a"), otherDigests: [{ algorithm: "SHA-512", value: "b".repeat(128) }], signatureRef: "sigstore bundle llama.sigstore.json", sensitivity: "INTERNAL", notes: "=HYPERLINK(\"http://evil.example\",\"click\")", dueDiligence: "APPROVED" },
  { kind: "ADAPTER", name: "support-lora", version: "3", sha256: SHA("c"), notes: "Fine-tuned on tickets." },
  { kind: "DATASET", name: "Help-centre articles", version: "2026-10", supplier: "Internal", sha256: SHA("d"), sensitivity: "CONFIDENTIAL", licence: "CC-BY-4.0" },
  { kind: "PROMPT", name: "System prompt", version: "7", sha256: SHA("e") },
  { kind: "VECTOR_STORE", name: "pgvector articles index", permissions: ["read"] },
  { kind: "EVAL_SUITE", name: "Red-team prompts", version: "1.2", otherDigests: [{ algorithm: "SHA-1", value: "f".repeat(40) }] },
  { kind: "LIBRARY", name: "transformers", version: "4.46.0", licence: "Apache-2.0", supplier: "Hugging Face" },
  { kind: "ENVIRONMENT", name: "Kubernetes cluster prod-eu", notes: "+cmd|' /C calc'!A0" },
  { kind: "TOOL_CONNECTOR", name: "Zendesk MCP server", version: "0.4.1", permissions: ["tickets:read", "tickets:write"], capabilities: ["READ_INTERNAL_DATA", "SEND_MESSAGES"], credentialType: "SERVICE_ACCOUNT", humanApprovalRequired: true },
  { kind: "AGENT_IDENTITY", name: "support-agent@corp", capabilities: ["BROWSE_WEB"], credentialType: "SHORT_LIVED_SCOPED", humanApprovalRequired: false },
  { kind: "VENDOR_API", name: "OpenAI Chat Completions", version: "v1", supplier: "OpenAI", licence: "Proprietary terms", permissions: ["chat"], capabilities: ["SPEND_MONEY"], dueDiligence: "IN_PROGRESS", notes: "@SUM(A1:A9)" },
  { kind: "CREDENTIAL", name: "Zendesk service account key", secretLocation: "vault://kv/support/zendesk", rotationDays: 90 },
];

export type ExportFixture = Awaited<ReturnType<typeof buildExportFixture>>;

async function* bytesOf(text: string) {
  yield new TextEncoder().encode(text);
}

/** Builds the fixture system in `db`. Returns the owner, the system id and the evidence it added. */
export async function buildExportFixture(db: Db, opts: { owner?: Actor; name?: string } = {}) {
  const owner = opts.owner ?? (await createActor(db, "PRODUCT_OWNER"));
  const ctx = { actor: owner, db };
  const system = await createSystem(ctx, systemInput({ riskTier: "HIGH", autonomy: "AGENTIC", exposure: "INTERNET_FACING", dataSensitivity: "CONFIDENTIAL", ...(opts.name ? { name: opts.name } : {}) }));
  for (const asset of FIXTURE_ASSETS) await createAsset(ctx, system.id, asset);

  const file = await storeEvidenceFile(ctx, system.id, { title: "Pen-test report", effectiveDate: "2026-03-01" }, { fileName: "pen-test.txt", stream: bytesOf("Findings: none critical.\n=1+1\n") });
  const link = await addEvidence(ctx, system.id, { kind: "LINK", title: "Ticket SEC-42", effectiveDate: "2026-03-01", url: "https://jira.example.com/SEC-42" });
  const note = await addEvidence(ctx, system.id, { kind: "NOTE", title: "-Decision", effectiveDate: "2026-03-01", body: "We accept the risk." });
  const expired = await addEvidence(ctx, system.id, { kind: "NOTE", title: "Old review", effectiveDate: "2025-01-01", expiresAt: "2025-06-30", body: "Reviewed last year." });

  const items = await db.checklistItem.findMany({
    where: { checklist: { systemId: system.id }, applicable: true },
    orderBy: { control: { position: "asc" } },
    select: { id: true, control: { select: { code: true } } },
  });
  const [metFile, staleMet, notApplicable, notMet, metLinkNote] = items;
  const link_ = (itemId: string, evidenceId: string) => db.checklistItemEvidence.create({ data: { itemId, evidenceId, linkedById: owner.id } });
  await link_(metFile!.id, file.id);
  await link_(staleMet!.id, expired.id);
  await link_(metLinkNote!.id, link.id);
  await link_(metLinkNote!.id, note.id);
  await db.checklistItem.update({ where: { id: metFile!.id }, data: { status: "MET" } });
  await db.checklistItem.update({ where: { id: staleMet!.id }, data: { status: "MET" } });
  await db.checklistItem.update({ where: { id: notApplicable!.id }, data: { status: "NOT_APPLICABLE", justification: "No user uploads in this system." } });
  await db.checklistItem.update({ where: { id: notMet!.id }, data: { status: "NOT_MET", notes: "=cmd|' /C calc'!A0" } });
  await db.checklistItem.update({ where: { id: metLinkNote!.id }, data: { status: "MET" } });

  // A reviewed threat model in force, one threat titled like a spreadsheet formula.
  const reviewer = await createActor(db, "SECURITY_REVIEWER");
  const model = await db.threatModel.create({
    data: {
      systemId: system.id,
      version: 1,
      scope: "Chat assistant and its tools.",
      libraryVersion: "1.0.0",
      authorId: reviewer.id,
      threats: { create: [{ title: "@SUM(1+1) prompt injection", description: "Instructions hidden in articles.", likelihood: 4, impact: 4, treatment: "MITIGATE", position: 0 }] },
    },
  });
  await db.threatModel.update({ where: { id: model.id }, data: { status: "REVIEWED", reviewedById: reviewer.id, reviewedAt: new Date() } });

  return {
    owner,
    systemId: system.id,
    evidence: { file, link, note, expired },
    items: { metFile: metFile!, staleMet: staleMet!, notApplicable: notApplicable!, notMet: notMet!, metLinkNote: metLinkNote! },
  };
}
