/**
 * Every exported service that changes data, walked one by one: called by an actor without the
 * permission it throws ForbiddenError and writes nothing (no row, no audit event); called
 * rightly inside an outer transaction that is then rolled back it leaves nothing behind (so the
 * change and its audit event use the caller's transaction: one unit); called rightly on its own
 * it writes exactly its audit event(s).
 *
 * The list below is checked against the code: a scan of lib/ finds every exported
 * `async function x(ctx: ServiceContext, …)` (or `({ actor, db … }: ServiceContext, …)`), and each
 * must be listed here as a mutating service (with a case), a read, or an exempt service with
 * its reason. A new service without an entry fails this test, naming it.
 */
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Role } from "@/generated/prisma/enums";
import type { AuditAction } from "@/lib/audit/action-names";
import type { Actor } from "@/lib/authz/actor";
import { ForbiddenError } from "@/lib/errors";
import type { DbOrTx, ServiceContext } from "@/lib/service-context";
import { useTestDatabase } from "@/test/db";
import { actorOf, createActor, createUser, systemInput } from "@/test/factories";
import { createAsset } from "@/lib/assets/create-asset";
import { decideApprovalRequest } from "@/lib/approvals/decide-request";
import { expireApprovals } from "@/lib/approvals/expire-approvals";
import { openApprovalRequest } from "@/lib/approvals/open-request";
import { recordApprovalException } from "@/lib/approvals/record-exception";
import { revokeApproval } from "@/lib/approvals/revoke-approval";
import { addEnvironment, archiveEnvironment, listTierPolicies, updateTierPolicy } from "@/lib/approvals/settings";
import { submitApprovalRequest } from "@/lib/approvals/submit-request";
import { withdrawApprovalRequest } from "@/lib/approvals/withdraw-request";
import { todayUtc } from "@/lib/evidence/rules";
import { buildIncidentAdvisory } from "@/lib/incidents/advisory";
import { openFollowUp } from "@/lib/incidents/follow-ups";
import { recordReview } from "@/lib/reviews/record-review";
import { reviewIntervalsVersion, setReviewIntervals } from "@/lib/reviews/settings";
import { greenSystem } from "@/test/approval-fixtures";
import { deleteAsset } from "@/lib/assets/delete-asset";
import { exportInventoryCsv } from "@/lib/assets/export-csv";
import { exportAuditCsv } from "@/lib/audit/export-csv";
import { ZAuditFilter } from "@/lib/audit/queries";
import { exportSystemAibom, exportSystemOscal } from "@/lib/exports/system-exports";
import { listSigningKeysFor, rotateSigningKey } from "@/lib/signing/keys";
import { createEvidencePack, resolvePackScope } from "@/lib/exports/pack/create-pack";
import { buildStoredPack, openEvidencePackDownload, requestEvidencePack } from "@/lib/exports/pack/stored-packs";
import { exportListCsv } from "@/lib/exports/list-csv";
import { pauseSystemFromIncident, resumeSystemFromIncident } from "@/lib/incidents/containment";
import { addIncidentEntry } from "@/lib/incidents/entries";
import { exportIncidentsCsv } from "@/lib/incidents/export-csv";
import { addNotification, markNotificationDone } from "@/lib/incidents/notifications";
import { reportIncident } from "@/lib/incidents/report";
import { signRetirement, startRetirement } from "@/lib/incidents/retire";
import { DEFAULT_NOTIFICATION_RULES } from "@/lib/incidents/rules";
import { notificationRulesVersion, setNotificationRules } from "@/lib/incidents/settings";
import { transitionIncident } from "@/lib/incidents/transition";
import { updateIncident } from "@/lib/incidents/update";
import { testSigner } from "@/test/signing";
import { importAssetsCsv } from "@/lib/assets/import-csv";
import { importAssetsCycloneDx } from "@/lib/assets/import-cyclonedx";
import { updateAsset } from "@/lib/assets/update-asset";
import { addEvidenceToItem } from "@/lib/checklists/add-item-evidence";
import { bulkSetDueDate, bulkSetOwner } from "@/lib/checklists/bulk-assign";
import { bulkSetStatus } from "@/lib/checklists/bulk-status";
import { linkEvidence, unlinkEvidence } from "@/lib/checklists/evidence-links";
import { getChecklistView } from "@/lib/checklists/queries";
import { applyRecompute } from "@/lib/checklists/recompute";
import { requestItemReview } from "@/lib/checklists/review-requests";
import { updateChecklistItem } from "@/lib/checklists/update-item";
import { upgradeChecklist } from "@/lib/checklists/upgrade";
import { loadLibrary } from "@/lib/controls/load-library";
import { publishLibraryVersion } from "@/lib/controls/publish-library";
import { insertLibraryVersion } from "@/lib/controls/store";
import { addEvidence, addLinkEvidence, addNoteEvidence } from "@/lib/evidence/create-evidence";
import { deleteEvidence } from "@/lib/evidence/delete-evidence";
import { openEvidenceDownload } from "@/lib/evidence/queries";
import { storeEvidenceFile } from "@/lib/evidence/store-file";
import { setSystemArchived } from "@/lib/systems/archive-system";
import { createSystem } from "@/lib/systems/create-system";
import { getSystem } from "@/lib/systems/queries";
import { updateSystem } from "@/lib/systems/update-system";
import { addCustomThreat, addLibraryThreats } from "@/lib/threats/add-threats";
import { addDataFlow, deleteDataFlow, updateDataFlow } from "@/lib/threats/data-flows";
import { dismissSuggestion, restoreSuggestion } from "@/lib/threats/dismiss-suggestion";
import { exportThreatModel } from "@/lib/threats/export";
import { importThreatDragon } from "@/lib/threats/import-threat-dragon";
import { getThreatModelPage } from "@/lib/threats/queries";
import { residualThresholdVersion, setResidualThreshold } from "@/lib/threats/set-threshold";
import { startThreatModelDraft } from "@/lib/threats/start-draft";
import { discardDraft, transitionThreatModel } from "@/lib/threats/transition";
import { updateThreatModel } from "@/lib/threats/update-model";
import { removeThreat, updateThreat } from "@/lib/threats/update-threat";
import { createApiToken } from "@/lib/tokens/create-token";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { changeUserRole, createUserAccount, resetUserPassword, setUserDisabled } from "@/lib/users/manage-users";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";
import { sendWebhookTest } from "@/lib/webhooks/send-test";
import { setAllowPrivateTargets } from "@/lib/webhooks/settings";
import { updateWebhook } from "@/lib/webhooks/update-webhook";

const t = useTestDatabase();
const ROOT = path.resolve(import.meta.dirname, "..");
const TODAY = "2026-11-30";

/** One prepared call: `call(ctx)` is made by `denied`, then (rolled back, then for real) by `allowed`. */
type Prepared = { allowed: Actor; denied: Actor; call: (ctx: ServiceContext) => Promise<unknown> };
type Case = {
  /** The audit actions one successful call writes (order-insensitive, with multiplicity). */
  audits: AuditAction[];
  prepare: () => Promise<Prepared>;
  /** The service keeps records that must outlive a refusal, so it refuses an outer transaction. */
  ownTransaction?: string;
};

const ctxOf = (actor: Actor, db: DbOrTx = t.db): ServiceContext => ({ actor, db });
const actor = (role: Role) => createActor(t.db, role);
/** A user with no role at all: lacks every permission. */
const nobody = async () => actorOf(await createUser(t.db, null));

async function ownedSystem(overrides: Record<string, unknown> = {}) {
  const owner = await actor("PRODUCT_OWNER");
  const system = await createSystem(ctxOf(owner), systemInput(overrides));
  return { owner, id: system.id };
}

async function firstApplicableItem(owner: Actor, systemId: string) {
  const view = await getChecklistView(ctxOf(owner), systemId);
  return view.items!.find((i) => i.applicable)!;
}

async function note(owner: Actor, systemId: string) {
  return addNoteEvidence(ctxOf(owner), systemId, { title: "Design review", effectiveDate: "2026-01-01", body: "Reviewed by the security team." });
}

async function draftModel() {
  const { owner, id } = await ownedSystem({ riskTier: "HIGH", autonomy: "AGENTIC", exposure: "INTERNET_FACING" });
  await createAsset(ctxOf(owner), id, { kind: "VECTOR_STORE", name: "policy-index" });
  const reviewer = await actor("SECURITY_REVIEWER");
  const model = await startThreatModelDraft(ctxOf(reviewer), id);
  return { owner, reviewer, systemId: id, modelId: model.id };
}

async function modelPage(reviewer: Actor, systemId: string) {
  return (await getThreatModelPage(ctxOf(reviewer), systemId, { today: TODAY })).model!;
}

async function customThreat() {
  const m = await draftModel();
  await addCustomThreat(ctxOf(m.reviewer), m.modelId, { title: "Insider copies the index", description: "A staff member exports the vector index.", likelihood: 2, impact: 4 });
  const threat = (await modelPage(m.reviewer, m.systemId)).threats[0]!;
  return { ...m, threat };
}

const csv = (name: string) => ({ name: "assets.csv", bytes: new TextEncoder().encode(`kind,name,version\nPROMPT,${name},1.0.0\n`) });
const cyclonedx = (name: string) => ({
  name: "bom.json",
  bytes: new TextEncoder().encode(JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.6", version: 1, components: [{ type: "machine-learning-model", name, version: "1.0.0" }] })),
});

const incidentInput = (systemIds: string[], extra: Record<string, unknown> = {}) => ({
  title: "Hidden instructions in a ticket made the assistant leak history",
  category: "PROMPT_INJECTION",
  severity: "SEV2",
  systemIds,
  detectedAt: "2026-11-29T08:00",
  description: "A ticket contained instructions; the assistant followed them.",
  impact: "One customer saw parts of another customer's ticket history.",
  tags: ["LLM01:2025"],
  ...extra,
});

/** A SEV2 incident on a fresh system (default rules: regulator, customer and vendor duties). */
async function reportedIncident() {
  const { owner, id: systemId } = await ownedSystem();
  const { id } = await reportIncident(ctxOf(owner), incidentInput([systemId]));
  const incident = await t.db.incident.findUniqueOrThrow({ where: { id } });
  return { owner, systemId, incident, reviewer: await actor("SECURITY_REVIEWER") };
}

/** An approval request opened (DRAFT) by the owner of a fresh system for "production". */
async function draftRequest() {
  const { owner, id: systemId } = await ownedSystem();
  const { id } = await openApprovalRequest(ctxOf(owner), { systemId, releaseLabel: "v1.0", environment: "production" });
  return { owner, systemId, requestId: id };
}

/** A LOW-tier system whose gate passes, with its request submitted (one approval makes it APPROVED). */
async function submittedRequest() {
  const green = await greenSystem(t.db, "LOW");
  const { id } = await openApprovalRequest(ctxOf(green.owner), { systemId: green.systemId, releaseLabel: "v1.0", environment: "production" });
  await submitApprovalRequest(ctxOf(green.owner), id, { expectedVersion: 1 });
  return { owner: green.owner, systemId: green.systemId, requestId: id };
}

/** A submitted request approved by a reviewer: the system is APPROVED. */
async function approvedRequest() {
  const submitted = await submittedRequest();
  await decideApprovalRequest(ctxOf(await actor("SECURITY_REVIEWER")), submitted.requestId, { outcome: "APPROVE", comment: "Evidence reviewed, looks good." });
  return submitted;
}

let environments = 0;
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A sink for packs: the bytes are checked by lib/exports/pack/pack.int.test.ts, not here. */
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const packSigner = testSigner();

let libraryMinor = 0;
function nextLibrary() {
  const doc = structuredClone(loadLibrary("1.0.0")) as ReturnType<typeof loadLibrary>;
  doc.version = `1.${++libraryMinor}.0`;
  doc.pillars[0]!.principles[0]!.controls[0]!.guidance += ` Revised in ${doc.version}.`;
  return doc;
}

/** Mutating services, by `module#export`. */
const CASES: Record<string, Case> = {
  // Systems
  "systems/create-system#createSystem": {
    audits: ["system.created", "checklist.created"],
    prepare: async () => ({ allowed: await actor("PRODUCT_OWNER"), denied: await actor("AUDITOR"), call: (ctx) => createSystem(ctx, systemInput()) }),
  },
  "systems/update-system#updateSystem": {
    audits: ["system.updated"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const s = await getSystem(ctxOf(owner), id);
      const input = { name: `${s.name} v2`, slug: s.slug, purpose: s.purpose, riskTier: s.riskTier, dataSensitivity: s.dataSensitivity, autonomy: s.autonomy, exposure: s.exposure, nextReviewDue: "", contributorIds: [], expectedVersion: s.rowVersion };
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => updateSystem(ctx, id, input) };
    },
  },
  "systems/archive-system#setSystemArchived": {
    audits: ["system.archived"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const s = await getSystem(ctxOf(owner), id);
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => setSystemArchived(ctx, id, { archived: true, expectedVersion: s.rowVersion }) };
    },
  },
  // Assets
  "assets/create-asset#createAsset": {
    audits: ["asset.created"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => createAsset(ctx, id, { kind: "PROMPT", name: "System prompt" }) };
    },
  },
  "assets/update-asset#updateAsset": {
    audits: ["asset.updated"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const asset = await createAsset(ctxOf(owner), id, { kind: "PROMPT", name: "System prompt" });
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => updateAsset(ctx, asset.id, { notes: "Reviewed", expectedVersion: 1 }) };
    },
  },
  "assets/delete-asset#deleteAsset": {
    audits: ["asset.deleted"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const asset = await createAsset(ctxOf(owner), id, { kind: "PROMPT", name: "System prompt" });
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => deleteAsset(ctx, asset.id, { expectedVersion: 1 }) };
    },
  },
  "assets/import-csv#importAssetsCsv": {
    audits: ["asset.imported"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => importAssetsCsv(ctx, id, csv("Imported prompt")) };
    },
  },
  "assets/import-cyclonedx#importAssetsCycloneDx": {
    audits: ["asset.imported"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => importAssetsCycloneDx(ctx, id, cyclonedx("imported-model")) };
    },
  },
  "assets/export-csv#exportInventoryCsv": {
    audits: ["inventory.exported"],
    prepare: async () => {
      const { id } = await ownedSystem();
      return { allowed: await actor("AUDITOR"), denied: await nobody(), call: (ctx) => exportInventoryCsv(ctx, { systemId: id }) };
    },
  },
  // Standard exports
  "exports/system-exports#exportSystemAibom": {
    audits: ["inventory.exported"],
    prepare: async () => {
      const { id } = await ownedSystem();
      return { allowed: await actor("AUDITOR"), denied: await nobody(), call: (ctx) => exportSystemAibom(ctx, id) };
    },
  },
  "exports/system-exports#exportSystemOscal": {
    audits: ["inventory.exported"],
    prepare: async () => {
      const { id } = await ownedSystem();
      return { allowed: await actor("AUDITOR"), denied: await nobody(), call: (ctx) => exportSystemOscal(ctx, id) };
    },
  },
  // Instance signing key
  "signing/keys#rotateSigningKey": {
    audits: ["signing_key.rotated"],
    prepare: async () => {
      const admin = await actor("ADMIN");
      const active = (await listSigningKeysFor(ctxOf(admin))).find((k) => k.status === "active")!;
      return { allowed: admin, denied: await actor("SECURITY_REVIEWER"), call: (ctx) => rotateSigningKey(ctx, active.keyId) };
    },
  },
  // Evidence packs
  "exports/pack/create-pack#createEvidencePack": {
    audits: ["export.pack_created"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const auditor = await actor("AUDITOR");
      const scope = await resolvePackScope(ctxOf(auditor), { systemIds: [id] });
      return { allowed: auditor, denied: owner, call: (ctx) => createEvidencePack(ctx, scope, discard(), { signer: packSigner, databaseUrl: t.url }) };
    },
  },
  "exports/pack/stored-packs#requestEvidencePack": {
    audits: ["export.requested"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      // The job is enqueued through the callback in the same transaction; here it enqueues nothing.
      return { allowed: await actor("AUDITOR"), denied: owner, call: (ctx) => requestEvidencePack(ctx, { systemIds: [id] }, async () => null) };
    },
  },
  "exports/pack/stored-packs#buildStoredPack": {
    audits: ["export.pack_created"],
    ownTransaction: "the build job's work: the pack's pieces are written over a connection of its own while it is built, so it cannot join a caller's transaction",
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const auditor = await actor("AUDITOR");
      const pack = await requestEvidencePack(ctxOf(auditor), { systemIds: [id] }, async () => null);
      return { allowed: auditor, denied: owner, call: (ctx) => buildStoredPack(ctx, pack.id, { signer: packSigner, databaseUrl: t.url }) };
    },
  },
  "exports/pack/stored-packs#openEvidencePackDownload": {
    audits: ["export.downloaded"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const auditor = await actor("AUDITOR");
      const pack = await requestEvidencePack(ctxOf(auditor), { systemIds: [id] }, async () => null);
      await buildStoredPack(ctxOf(auditor), pack.id, { signer: packSigner, databaseUrl: t.url });
      return {
        allowed: auditor,
        denied: owner,
        call: async (ctx) => {
          const download = await openEvidencePackDownload(ctx, pack.id, t.url);
          await download.stream.cancel();
        },
      };
    },
  },
  "audit/export-csv#exportAuditCsv": {
    audits: ["audit.exported"],
    prepare: async () => {
      const { id } = await ownedSystem();
      const filter = ZAuditFilter.parse({ system: id });
      const sentence = () => ({ text: "", person: "" });
      return { allowed: await actor("AUDITOR"), denied: await actor("PRODUCT_OWNER"), call: (ctx) => exportAuditCsv(ctx, filter, sentence) };
    },
  },
  "exports/list-csv#exportListCsv": {
    audits: ["export.list_exported"],
    prepare: async () => {
      const { id } = await ownedSystem();
      return { allowed: await actor("AUDITOR"), denied: await nobody(), call: (ctx) => exportListCsv(ctx, "assets", { systemId: id }) };
    },
  },
  // Incidents
  "incidents/report#reportIncident": {
    audits: ["incident.reported"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => reportIncident(ctx, incidentInput([id])) };
    },
  },
  "incidents/update#updateIncident": {
    audits: ["incident.escalated"],
    prepare: async () => {
      const { owner, reviewer, incident } = await reportedIncident();
      const input = { expectedVersion: incident.rowVersion, title: `${incident.title} (revised)`, category: incident.category, severity: "SEV1", description: incident.description, impact: incident.impact, tags: ["LLM01:2025"], assetIds: [] };
      return { allowed: reviewer, denied: owner, call: (ctx) => updateIncident(ctx, incident.id, input) };
    },
  },
  "incidents/transition#transitionIncident": {
    audits: ["incident.status_changed"],
    prepare: async () => {
      const { owner, reviewer, incident } = await reportedIncident();
      return { allowed: reviewer, denied: owner, call: (ctx) => transitionIncident(ctx, incident.id, "triage", { expectedVersion: incident.rowVersion, comment: "Confirmed from the logs." }) };
    },
  },
  "incidents/entries#addIncidentEntry": {
    audits: ["incident.entry_added"],
    prepare: async () => {
      const { owner, incident } = await reportedIncident();
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => addIncidentEntry(ctx, incident.id, { kind: "NOTE", body: "The ticket came from a test account." }) };
    },
  },
  "incidents/notifications#markNotificationDone": {
    audits: ["incident.notification_done"],
    prepare: async () => {
      const { owner, reviewer, systemId, incident } = await reportedIncident();
      const duty = await t.db.incidentNotification.findFirstOrThrow({ where: { incidentId: incident.id, party: "REGULATOR" } });
      const evidence = await note(owner, systemId);
      return { allowed: reviewer, denied: owner, call: (ctx) => markNotificationDone(ctx, duty.id, { expectedVersion: duty.rowVersion, evidenceId: evidence.id }) };
    },
  },
  "incidents/notifications#addNotification": {
    audits: ["incident.notification_added"],
    prepare: async () => {
      const { owner, reviewer, incident } = await reportedIncident();
      return { allowed: reviewer, denied: owner, call: (ctx) => addNotification(ctx, incident.id, { party: "OTHER", hours: "48", note: "Contractual duty to the insurer." }) };
    },
  },
  "incidents/settings#setNotificationRules": {
    audits: ["settings.updated"],
    prepare: async () => {
      const rules = { ...DEFAULT_NOTIFICATION_RULES, SEV4: { VENDOR: 200 + (libraryMinor++ % 50) } };
      return { allowed: await actor("ADMIN"), denied: await actor("SECURITY_REVIEWER"), call: async (ctx) => setNotificationRules(ctx, rules, await notificationRulesVersion(t.db)) };
    },
  },
  "incidents/containment#pauseSystemFromIncident": {
    audits: ["system.lifecycle_changed", "incident.system_paused"],
    prepare: async () => {
      const { owner, reviewer, systemId, incident } = await reportedIncident();
      await t.db.aiSystem.update({ where: { id: systemId }, data: { lifecycle: "DEPLOYED" } }); // set-up: the approval workflow is not under test
      return { allowed: reviewer, denied: owner, call: (ctx) => pauseSystemFromIncident(ctx, incident.id, { systemId, comment: "Stop new answers while we scope it." }) };
    },
  },
  "incidents/containment#resumeSystemFromIncident": {
    audits: ["system.lifecycle_changed", "incident.system_resumed"],
    prepare: async () => {
      const { owner, reviewer, systemId, incident } = await reportedIncident();
      await t.db.aiSystem.update({ where: { id: systemId }, data: { lifecycle: "DEPLOYED" } });
      await pauseSystemFromIncident(ctxOf(reviewer), incident.id, { systemId, comment: "Stop new answers." });
      return { allowed: reviewer, denied: owner, call: (ctx) => resumeSystemFromIncident(ctx, incident.id, { systemId, comment: "Filter deployed and tested." }) };
    },
  },
  "incidents/retire#startRetirement": {
    audits: ["system.lifecycle_changed"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      await t.db.aiSystem.update({ where: { id }, data: { lifecycle: "DEPLOYED" } });
      return { allowed: await actor("SECURITY_REVIEWER"), denied: owner, call: (ctx) => startRetirement(ctx, id, { statement: "Replaced by the new assistant." }) };
    },
  },
  "incidents/retire#signRetirement": {
    audits: ["system.lifecycle_changed", "system.retirement_signed"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      await t.db.aiSystem.update({ where: { id }, data: { lifecycle: "RETIRING" } });
      await t.db.checklistItem.updateMany({ where: { checklist: { systemId: id }, control: { pillar: "DEC" } }, data: { status: "MET" } });
      return { allowed: await actor("SECURITY_REVIEWER"), denied: owner, call: (ctx) => signRetirement(ctx, id, { statement: "Weights deleted, keys revoked." }) };
    },
  },
  "incidents/export-csv#exportIncidentsCsv": {
    audits: ["incidents.exported"],
    prepare: async () => {
      await reportedIncident();
      return { allowed: await actor("AUDITOR"), denied: await nobody(), call: (ctx) => exportIncidentsCsv(ctx, { status: "all" }) };
    },
  },
  "incidents/follow-ups#openFollowUp": {
    audits: ["checklist.item_updated", "incident.follow_up_opened"],
    prepare: async () => {
      const { owner, reviewer, systemId, incident } = await reportedIncident();
      const item = await t.db.checklistItem.findFirstOrThrow({ where: { checklist: { systemId }, applicable: true }, include: { control: true } });
      const input = { systemId, kind: "CHECKLIST_ITEM", controlCode: item.control.code, title: "Treat ticket text as data", detail: "Ticket text reaches the prompt unfiltered." };
      return { allowed: reviewer, denied: owner, call: (ctx) => openFollowUp(ctx, incident.id, input) };
    },
  },
  "incidents/advisory#buildIncidentAdvisory": {
    audits: ["incident.advisory_exported"],
    prepare: async () => {
      const { owner, reviewer, incident } = await reportedIncident();
      const choices = { title: "Prompt injection via tickets", summary: "Hidden instructions in a ticket.", lessons: "Treat ticket text as data.", publisherName: "Example Security", publisherNamespace: "https://example.org", advisoryUrl: "https://example.org/advisories/1", tlp: "WHITE" };
      return { allowed: reviewer, denied: owner, call: (ctx) => buildIncidentAdvisory(ctx, incident.id, choices, { record: true }) };
    },
  },
  // Deployment approvals
  "approvals/open-request#openApprovalRequest": {
    audits: ["approval.opened"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => openApprovalRequest(ctx, { systemId: id, releaseLabel: "v1.0", environment: "production" }) };
    },
  },
  "approvals/submit-request#submitApprovalRequest": {
    // The DRAFT system moves to IN_REVIEW in the same transaction.
    audits: ["approval.submitted", "system.lifecycle_changed"],
    prepare: async () => {
      const green = await greenSystem(t.db, "LOW");
      const { id } = await openApprovalRequest(ctxOf(green.owner), { systemId: green.systemId, releaseLabel: "v1.0", environment: "production" });
      return { allowed: green.owner, denied: await actor("AUDITOR"), call: (ctx) => submitApprovalRequest(ctx, id, { expectedVersion: 1 }) };
    },
  },
  "approvals/withdraw-request#withdrawApprovalRequest": {
    audits: ["approval.withdrawn"],
    prepare: async () => {
      const { owner, requestId } = await draftRequest();
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => withdrawApprovalRequest(ctx, requestId, { expectedVersion: 1 }) };
    },
  },
  "approvals/decide-request#decideApprovalRequest": {
    // LOW needs one approval: the request is APPROVED and the system (IN_REVIEW) becomes APPROVED.
    audits: ["approval.decided", "approval.approved", "system.lifecycle_changed"],
    prepare: async () => {
      const { owner, requestId } = await submittedRequest();
      return { allowed: await actor("SECURITY_REVIEWER"), denied: owner, call: (ctx) => decideApprovalRequest(ctx, requestId, { outcome: "APPROVE", comment: "Evidence reviewed, looks good." }) };
    },
  },
  "approvals/record-exception#recordApprovalException": {
    audits: ["approval.exception_granted"],
    prepare: async () => {
      // A fresh system fails the gate: submitted as "needs exception".
      const { owner, requestId } = await draftRequest();
      await submitApprovalRequest(ctxOf(owner), requestId, { expectedVersion: 1, asException: true });
      const input = { rationale: "The vendor's signed manifest pins the model until the digest import lands.", expiresOn: daysFromNow(10) };
      return { allowed: await actor("SECURITY_REVIEWER"), denied: owner, call: (ctx) => recordApprovalException(ctx, requestId, input) };
    },
  },
  "approvals/revoke-approval#revokeApproval": {
    // The system had no other approval: APPROVED goes back to IN_REVIEW.
    audits: ["approval.revoked", "system.lifecycle_changed"],
    prepare: async () => {
      const { owner, requestId } = await approvedRequest();
      return { allowed: await actor("SECURITY_REVIEWER"), denied: owner, call: (ctx) => revokeApproval(ctx, requestId, { reason: "The model was replaced outside the release." }) };
    },
  },
  "approvals/expire-approvals#expireApprovals": {
    audits: ["approval.expired", "system.lifecycle_changed"],
    prepare: async () => {
      const { owner, requestId } = await approvedRequest();
      // Its validity ended yesterday (the other approvals of this file hold for months).
      await t.db.approvalRequest.update({ where: { id: requestId }, data: { expiresAt: new Date(Date.now() - 86_400_000) } });
      return { allowed: await actor("SECURITY_REVIEWER"), denied: owner, call: (ctx) => expireApprovals(ctx) };
    },
  },
  "approvals/settings#updateTierPolicy": {
    audits: ["approval_policy.updated"],
    prepare: async () => {
      const admin = await actor("ADMIN");
      const critical = (await listTierPolicies(t.db)).find((p) => p.tier === "CRITICAL")!;
      const input = { tier: "CRITICAL", approvalsRequired: 3, validityDays: 20 + (libraryMinor++ % 10), expectedVersion: Math.max(critical.rowVersion, 1) };
      return { allowed: admin, denied: await actor("SECURITY_REVIEWER"), call: (ctx) => updateTierPolicy(ctx, input) };
    },
  },
  "approvals/settings#addEnvironment": {
    audits: ["environment.added"],
    prepare: async () => {
      const key = `eu-staging-${++environments}`;
      return { allowed: await actor("ADMIN"), denied: await actor("SECURITY_REVIEWER"), call: (ctx) => addEnvironment(ctx, { key, label: `EU staging ${environments}` }) };
    },
  },
  "approvals/settings#archiveEnvironment": {
    audits: ["environment.archived"],
    prepare: async () => {
      const admin = await actor("ADMIN");
      const { key } = await addEnvironment(ctxOf(admin), { key: `qa-${++environments}`, label: `QA ${environments}` });
      return { allowed: admin, denied: await actor("SECURITY_REVIEWER"), call: (ctx) => archiveEnvironment(ctx, key) };
    },
  },
  // Periodic reviews
  "reviews/record-review#recordReview": {
    audits: ["checklist.item_updated", "system.reviewed"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const item = await firstApplicableItem(owner, id);
      const code = (await t.db.checklistItem.findUniqueOrThrow({ where: { id: item.id }, select: { control: { select: { code: true } } } })).control.code;
      const s = await getSystem(ctxOf(owner), id);
      // One finding: it reopens the item and notifies the owner in the same transaction.
      const input = { reviewedOn: todayUtc(), outcome: "NEEDS_ACTION", notes: "Quarterly review of the support assistant.", findings: [{ code, finding: "Evidence is out of date." }], expectedVersion: s.rowVersion };
      return { allowed: await actor("SECURITY_REVIEWER"), denied: owner, call: (ctx) => recordReview(ctx, id, input) };
    },
  },
  "reviews/settings#setReviewIntervals": {
    audits: ["settings.updated"],
    prepare: async () => {
      const intervals = { CRITICAL: 90, HIGH: 180, MEDIUM: 300 + (libraryMinor++ % 50), LOW: 365 };
      return { allowed: await actor("ADMIN"), denied: await actor("SECURITY_REVIEWER"), call: async (ctx) => setReviewIntervals(ctx, { ...intervals, settingVersion: await reviewIntervalsVersion(t.db) }) };
    },
  },
  // Checklists
  "checklists/update-item#updateChecklistItem": {
    audits: ["checklist.item_updated"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const item = await firstApplicableItem(owner, id);
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => updateChecklistItem(ctx, item.id, { status: "IN_PROGRESS", expectedVersion: item.rowVersion }) };
    },
  },
  "checklists/evidence-links#linkEvidence": {
    audits: ["checklist.evidence_linked"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const item = await firstApplicableItem(owner, id);
      const evidence = await note(owner, id);
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => linkEvidence(ctx, item.id, { evidenceId: evidence.id }) };
    },
  },
  "checklists/evidence-links#unlinkEvidence": {
    audits: ["checklist.evidence_unlinked"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const item = await firstApplicableItem(owner, id);
      const evidence = await note(owner, id);
      await linkEvidence(ctxOf(owner), item.id, { evidenceId: evidence.id });
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => unlinkEvidence(ctx, item.id, { evidenceId: evidence.id }) };
    },
  },
  "checklists/recompute#applyRecompute": {
    audits: ["checklist.recomputed"],
    prepare: async () => {
      const { owner, id } = await ownedSystem({ riskTier: "MEDIUM" });
      await createAsset(ctxOf(owner), id, { kind: "VENDOR_API", name: "Hosted LLM API" });
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => applyRecompute(ctx, id) };
    },
  },
  "checklists/bulk-status#bulkSetStatus": {
    audits: ["checklist.item_updated", "checklist.item_updated"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const view = await getChecklistView(ctxOf(owner), id);
      const itemIds = view.items!.filter((i) => i.applicable).slice(0, 2).map((i) => i.id);
      return { allowed: await actor("SECURITY_REVIEWER"), denied: owner, call: (ctx) => bulkSetStatus(ctx, id, { itemIds, status: "IN_PROGRESS" }) };
    },
  },
  "checklists/bulk-assign#bulkSetOwner": {
    audits: ["checklist.item_updated", "checklist.item_updated"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const view = await getChecklistView(ctxOf(owner), id);
      const itemIds = view.items!.filter((i) => i.applicable).slice(0, 2).map((i) => i.id);
      return { allowed: await actor("SECURITY_REVIEWER"), denied: owner, call: (ctx) => bulkSetOwner(ctx, id, { itemIds, ownerId: owner.id }) };
    },
  },
  "checklists/bulk-assign#bulkSetDueDate": {
    audits: ["checklist.item_updated", "checklist.item_updated"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const view = await getChecklistView(ctxOf(owner), id);
      const itemIds = view.items!.filter((i) => i.applicable).slice(0, 2).map((i) => i.id);
      return { allowed: await actor("SECURITY_REVIEWER"), denied: owner, call: (ctx) => bulkSetDueDate(ctx, id, { itemIds, dueDate: "2027-03-31" }) };
    },
  },
  "checklists/add-item-evidence#addEvidenceToItem": {
    audits: ["evidence.added", "checklist.evidence_linked"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const item = await firstApplicableItem(owner, id);
      const link = { kind: "LINK", title: "Pen test report", effectiveDate: "2026-11-01", url: "https://tracker.example.com/SEC-42" };
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => addEvidenceToItem(ctx, item.id, link) };
    },
  },
  "checklists/review-requests#requestItemReview": {
    audits: ["checklist.review_requested"],
    prepare: async () => {
      // A reviewer must exist for the request's inbox notice (written in the same transaction).
      await actor("SECURITY_REVIEWER");
      const { owner, id } = await ownedSystem({ riskTier: "HIGH" });
      const view = await getChecklistView(ctxOf(owner), id);
      const item = view.items!.find((i) => i.applicable && i.reviewerOnly)!;
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => requestItemReview(ctx, item.id, { expectedVersion: item.rowVersion }) };
    },
  },
  "checklists/upgrade#upgradeChecklist": {
    audits: ["checklist.upgraded"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const doc = nextLibrary();
      await t.db.$transaction((tx) => insertLibraryVersion(tx, doc, { makeCurrent: true }));
      return { allowed: await actor("SECURITY_REVIEWER"), denied: owner, call: (ctx) => upgradeChecklist(ctx, id, doc.version) };
    },
  },
  // Control library
  "controls/publish-library#publishLibraryVersion": {
    audits: ["library.published"],
    prepare: async () => {
      const json = JSON.stringify(nextLibrary());
      return { allowed: await actor("ADMIN"), denied: await actor("SECURITY_REVIEWER"), call: (ctx) => publishLibraryVersion(ctx, json) };
    },
  },
  // Evidence
  "evidence/create-evidence#addLinkEvidence": {
    audits: ["evidence.added"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => addLinkEvidence(ctx, id, { title: "Ticket", effectiveDate: "2026-01-01", url: "https://tracker.example.com/SEC-1" }) };
    },
  },
  "evidence/create-evidence#addNoteEvidence": {
    audits: ["evidence.added"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => addNoteEvidence(ctx, id, { title: "Decision", effectiveDate: "2026-01-01", body: "Accepted." }) };
    },
  },
  "evidence/create-evidence#addEvidence": {
    audits: ["evidence.added"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => addEvidence(ctx, id, { kind: "NOTE", title: "Decision", effectiveDate: "2026-01-01", body: "Accepted." }) };
    },
  },
  "evidence/store-file#storeEvidenceFile": {
    audits: ["evidence.added"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const bytes = new TextEncoder().encode("%PDF-1.7\nreport");
      const upload = () => ({ fileName: "report.pdf", declaredSize: bytes.byteLength, stream: new Blob([bytes]).stream() });
      return { allowed: owner, denied: await actor("AUDITOR"), call: (ctx) => storeEvidenceFile(ctx, id, { title: "Report", effectiveDate: "2026-01-01" }, upload()) };
    },
  },
  "evidence/delete-evidence#deleteEvidence": {
    audits: ["evidence.deleted"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const evidence = await note(owner, id);
      return { allowed: await actor("ADMIN"), denied: owner, call: (ctx) => deleteEvidence(ctx, evidence.id, { reason: "Contained personal data by mistake." }) };
    },
  },
  "evidence/queries#openEvidenceDownload": {
    audits: ["evidence.downloaded"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const bytes = new TextEncoder().encode("%PDF-1.7\nreport");
      const evidence = await storeEvidenceFile(ctxOf(owner), id, { title: "Report", effectiveDate: "2026-01-01" }, { fileName: "report.pdf", declaredSize: bytes.byteLength, stream: new Blob([bytes]).stream() });
      return { allowed: await actor("AUDITOR"), denied: await nobody(), call: (ctx) => openEvidenceDownload(ctx, evidence.id) };
    },
  },
  // Threat models
  "threats/start-draft#startThreatModelDraft": {
    audits: ["threat_model.draft_started"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      return { allowed: await actor("SECURITY_REVIEWER"), denied: owner, call: (ctx) => startThreatModelDraft(ctx, id) };
    },
  },
  "threats/add-threats#addLibraryThreats": {
    audits: ["threat.added"],
    prepare: async () => {
      const m = await draftModel();
      const page = await getThreatModelPage(ctxOf(m.reviewer), m.systemId, { today: TODAY });
      const threatId = page.suggestions!.open[0]!.threatId;
      return { allowed: m.reviewer, denied: m.owner, call: (ctx) => addLibraryThreats(ctx, m.modelId, { threatIds: [threatId] }) };
    },
  },
  "threats/add-threats#addCustomThreat": {
    audits: ["threat.added"],
    prepare: async () => {
      const m = await draftModel();
      return { allowed: m.reviewer, denied: m.owner, call: (ctx) => addCustomThreat(ctx, m.modelId, { title: "Prompt injection via tickets", description: "A ticket carries instructions.", likelihood: 3, impact: 3 }) };
    },
  },
  "threats/update-threat#updateThreat": {
    audits: ["threat.updated"],
    prepare: async () => {
      const { reviewer, owner, threat } = await customThreat();
      const input = { title: threat.title, description: `${threat.description} Revised.`, likelihood: threat.likelihood, impact: threat.impact, assetIds: threat.assetIds, controlCodes: [], expectedVersion: threat.rowVersion };
      return { allowed: reviewer, denied: owner, call: (ctx) => updateThreat(ctx, threat.id, input, TODAY) };
    },
  },
  "threats/update-threat#removeThreat": {
    audits: ["threat.removed"],
    prepare: async () => {
      const { reviewer, owner, threat } = await customThreat();
      return { allowed: reviewer, denied: owner, call: (ctx) => removeThreat(ctx, threat.id, { expectedVersion: threat.rowVersion }) };
    },
  },
  "threats/dismiss-suggestion#dismissSuggestion": {
    audits: ["threat_model.suggestion_dismissed"],
    prepare: async () => {
      const m = await draftModel();
      const page = await getThreatModelPage(ctxOf(m.reviewer), m.systemId, { today: TODAY });
      const threatId = page.suggestions!.open[0]!.threatId;
      return { allowed: m.reviewer, denied: m.owner, call: (ctx) => dismissSuggestion(ctx, m.modelId, { threatId, reason: "Not relevant to this system." }) };
    },
  },
  "threats/dismiss-suggestion#restoreSuggestion": {
    audits: ["threat_model.suggestion_restored"],
    prepare: async () => {
      const m = await draftModel();
      const page = await getThreatModelPage(ctxOf(m.reviewer), m.systemId, { today: TODAY });
      const threatId = page.suggestions!.open[0]!.threatId;
      await dismissSuggestion(ctxOf(m.reviewer), m.modelId, { threatId, reason: "Not relevant to this system." });
      return { allowed: m.reviewer, denied: m.owner, call: (ctx) => restoreSuggestion(ctx, m.modelId, { threatId }) };
    },
  },
  "threats/set-threshold#setResidualThreshold": {
    audits: ["settings.updated"],
    prepare: async () => ({ allowed: await actor("ADMIN"), denied: await actor("SECURITY_REVIEWER"), call: async (ctx) => setResidualThreshold(ctx, { threshold: 7 + (libraryMinor++ % 5), settingVersion: await residualThresholdVersion(t.db) }) }),
  },
  "threats/import-threat-dragon#importThreatDragon": {
    audits: ["threat_model.imported"],
    prepare: async () => {
      const { owner, id } = await ownedSystem();
      const text = fs.readFileSync(path.join(ROOT, "test/fixtures/threat-dragon-v2.json"), "utf8");
      return { allowed: await actor("SECURITY_REVIEWER"), denied: owner, call: (ctx) => importThreatDragon(ctx, id, text, 5 * 1024 * 1024) };
    },
  },
  "threats/data-flows#addDataFlow": {
    audits: ["threat_model.flow_added"],
    prepare: async () => {
      const m = await draftModel();
      return { allowed: m.reviewer, denied: m.owner, call: (ctx) => addDataFlow(ctx, m.modelId, { source: "Staff", target: "Agent", data: "Request" }) };
    },
  },
  "threats/data-flows#updateDataFlow": {
    audits: ["threat_model.flow_updated"],
    prepare: async () => {
      const m = await draftModel();
      const { id } = await addDataFlow(ctxOf(m.reviewer), m.modelId, { source: "Staff", target: "Agent", data: "Request" });
      return { allowed: m.reviewer, denied: m.owner, call: (ctx) => updateDataFlow(ctx, id, { source: "Staff", target: "Agent", data: "Signed request", expectedVersion: 1 }) };
    },
  },
  "threats/data-flows#deleteDataFlow": {
    audits: ["threat_model.flow_deleted"],
    prepare: async () => {
      const m = await draftModel();
      const { id } = await addDataFlow(ctxOf(m.reviewer), m.modelId, { source: "Staff", target: "Agent", data: "Request" });
      return { allowed: m.reviewer, denied: m.owner, call: (ctx) => deleteDataFlow(ctx, id, { expectedVersion: 1 }) };
    },
  },
  "threats/update-model#updateThreatModel": {
    audits: ["threat_model.updated"],
    prepare: async () => {
      const m = await draftModel();
      const model = await modelPage(m.reviewer, m.systemId);
      return { allowed: m.reviewer, denied: m.owner, call: (ctx) => updateThreatModel(ctx, m.modelId, { scope: "The agent and its tools", assumptions: "", expectedVersion: model.rowVersion }) };
    },
  },
  "threats/transition#transitionThreatModel": {
    audits: ["threat_model.submitted"],
    prepare: async () => {
      const m = await customThreat();
      const model = await modelPage(m.reviewer, m.systemId);
      return { allowed: m.reviewer, denied: m.owner, call: (ctx) => transitionThreatModel(ctx, m.modelId, "submit", { expectedVersion: model.rowVersion }, TODAY) };
    },
  },
  "threats/transition#discardDraft": {
    audits: ["threat_model.discarded"],
    prepare: async () => {
      const m = await draftModel();
      const model = await modelPage(m.reviewer, m.systemId);
      return { allowed: m.reviewer, denied: m.owner, call: (ctx) => discardDraft(ctx, m.modelId, { expectedVersion: model.rowVersion }) };
    },
  },
  "threats/export#exportThreatModel": {
    audits: ["threat_model.exported"],
    prepare: async () => {
      const m = await draftModel();
      return { allowed: m.reviewer, denied: await nobody(), call: (ctx) => exportThreatModel(ctx, m.systemId) };
    },
  },
  // API tokens
  "tokens/create-token#createApiToken": {
    audits: ["token.created"],
    prepare: async () => ({ allowed: await actor("ADMIN"), denied: await actor("SECURITY_REVIEWER"), call: (ctx) => createApiToken(ctx, { name: "CI", scopes: ["systems:read"] }) }),
  },
  "tokens/revoke-token#revokeApiToken": {
    audits: ["token.revoked"],
    prepare: async () => {
      const admin = await actor("ADMIN");
      const token = await createApiToken(ctxOf(admin), { name: "CI", scopes: ["systems:read"] });
      return { allowed: admin, denied: await actor("SECURITY_REVIEWER"), call: (ctx) => revokeApiToken(ctx, token.id) };
    },
  },
  // Outgoing webhooks (a public literal address: no DNS in the test)
  "webhooks/create-webhook#createWebhook": {
    audits: ["webhook.created"],
    prepare: async () => ({ allowed: await actor("ADMIN"), denied: await actor("SECURITY_REVIEWER"), call: (ctx) => createWebhook(ctx, { name: "SIEM", url: "https://93.184.215.14/aigov", kinds: ["gate.denied"] }) }),
  },
  "webhooks/update-webhook#updateWebhook": {
    audits: ["webhook.updated"],
    prepare: async () => {
      const admin = await actor("ADMIN");
      const hook = await createWebhook(ctxOf(admin), { name: "SIEM", url: "https://93.184.215.14/aigov", kinds: ["gate.denied"] });
      return { allowed: admin, denied: await actor("AUDITOR"), call: (ctx) => updateWebhook(ctx, hook.id, { name: "SIEM (paused)", url: "https://93.184.215.14/aigov", kinds: ["gate.denied"], enabled: false, expectedVersion: 1 }) };
    },
  },
  "webhooks/delete-webhook#deleteWebhook": {
    audits: ["webhook.deleted"],
    prepare: async () => {
      const admin = await actor("ADMIN");
      const hook = await createWebhook(ctxOf(admin), { name: "Old SIEM", url: "https://93.184.215.14/aigov", kinds: ["gate.denied"] });
      return { allowed: admin, denied: await actor("PRODUCT_OWNER"), call: (ctx) => deleteWebhook(ctx, hook.id, { expectedVersion: 1 }) };
    },
  },
  "webhooks/rotate-secret#rotateWebhookSecret": {
    audits: ["webhook.secret_rotated"],
    prepare: async () => {
      const admin = await actor("ADMIN");
      const hook = await createWebhook(ctxOf(admin), { name: "SIEM", url: "https://93.184.215.14/aigov", kinds: ["gate.denied"] });
      return { allowed: admin, denied: await actor("SECURITY_REVIEWER"), call: (ctx) => rotateWebhookSecret(ctx, hook.id, { expectedVersion: 1 }) };
    },
  },
  "webhooks/send-test#sendWebhookTest": {
    audits: ["webhook.test_sent"],
    prepare: async () => {
      const admin = await actor("ADMIN");
      const hook = await createWebhook(ctxOf(admin), { name: "SIEM", url: "https://93.184.215.14/aigov", kinds: ["gate.denied"] });
      // The job is enqueued through the callback in the same transaction; here it enqueues nothing.
      return { allowed: admin, denied: await actor("SECURITY_REVIEWER"), call: (ctx) => sendWebhookTest(ctx, hook.id, async () => null) };
    },
  },
  "webhooks/settings#setAllowPrivateTargets": {
    audits: ["settings.updated"],
    prepare: async () => ({ allowed: await actor("ADMIN"), denied: await actor("SECURITY_REVIEWER"), call: (ctx) => setAllowPrivateTargets(ctx, { allowPrivate: false }) }),
  },
  // Users
  "users/manage-users#createUserAccount": {
    audits: ["user.created"],
    prepare: async () => {
      const email = `new-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;
      return { allowed: await actor("ADMIN"), denied: await actor("SECURITY_REVIEWER"), call: (ctx) => createUserAccount(ctx, { email, name: "New Person", role: "AUDITOR" }) };
    },
  },
  "users/manage-users#changeUserRole": {
    audits: ["user.role_changed"],
    prepare: async () => {
      const user = await createUser(t.db, "AUDITOR");
      return { allowed: await actor("ADMIN"), denied: await actor("SECURITY_REVIEWER"), call: (ctx) => changeUserRole(ctx, user.id, { role: "PRODUCT_OWNER" }) };
    },
  },
  "users/manage-users#setUserDisabled": {
    audits: ["user.disabled"],
    prepare: async () => {
      const user = await createUser(t.db, "AUDITOR");
      return { allowed: await actor("ADMIN"), denied: await actor("SECURITY_REVIEWER"), call: (ctx) => setUserDisabled(ctx, user.id, true) };
    },
  },
  "users/manage-users#resetUserPassword": {
    audits: ["user.password_reset"],
    prepare: async () => {
      const user = await createUser(t.db, "AUDITOR", { password: "an old password 123" });
      return { allowed: await actor("ADMIN"), denied: await actor("SECURITY_REVIEWER"), call: (ctx) => resetUserPassword(ctx, user.id) };
    },
  },
};

/** Services that only read (and write no audit event). */
const READS = new Set([
  "approvals/queries#getApprovalRequest",
  "approvals/queries#listMyRequests",
  "approvals/queries#listReviewQueue",
  "approvals/queries#listSystemApprovals",
  "approvals/submit-request#previewGate",
  "home/queries#homeContext",
  "home/readiness#getReadinessCard",
  "search/search-everything#searchEverything",
  "incidents/advisory#advisoryDefaults",
  "incidents/follow-ups#followUpsForChecklist",
  "incidents/queries#countIncidents",
  "approvals/portfolio#countApprovals",
  "approvals/portfolio#listApprovals",
  "notifications/queries#getPreferences",
  "notifications/queries#listInbox",
  "notifications/queries#unreadCount",
  "reviews/record-review#listReviews",
  "assets/queries#listAssets",
  "assets/queries#getAsset",
  "audit/system-history#listSystemHistory",
  "audit/verify#verifyAuditChainFor",
  "audit/queries#listAuditEvents",
  "audit/queries#auditFacets",
  "checklists/control-usage#controlUsageAcrossSystems",
  "checklists/queries#getChecklistView",
  "checklists/queries#listItemOwners",
  "checklists/recompute#previewRecompute",
  "checklists/review-requests#itemsAwaitingReview",
  "checklists/status-history#lastStatusChanges",
  "checklists/upgrade#previewUpgrade",
  "controls/publish-library#previewLibraryVersion",
  "controls/queries#listLibraryVersions",
  "controls/queries#listControls",
  "controls/queries#getLibraryDocument",
  "exports/pack/create-pack#resolvePackScope",
  "exports/pack/stored-packs#listEvidencePacks",
  "exports/pack/stored-packs#getEvidencePack",
  "exports/pack/stored-packs#listExportableSystems",
  "exports/system-card#systemCardHtml",
  "incidents/queries#listIncidents",
  "incidents/queries#getIncident",
  "incidents/queries#incidentMetrics",
  "incidents/queries#reportFormOptions",
  "incidents/queries#incidentEditOptions",
  "incidents/retire#getDecommissioning",
  "evidence/queries#listEvidence",
  "evidence/queries#getEvidence",
  "systems/overview#inventoryOverview",
  "systems/queries#listSystems",
  "systems/queries#getSystem",
  "systems/queries#listAssignableUsers",
  "threats/queries#getThreatModelPage",
  "tokens/queries#listApiTokens",
  "users/manage-users#listUsers",
  "webhooks/queries#listWebhooks",
  "webhooks/queries#getWebhook",
  "webhooks/queries#listDeliveryLog",
]);

/**
 * Services that take a context but are exempt from the walk, with the reason. Internal helpers
 * that skip the permission check belong here too, and must not be imported by app/ or
 * components/ (checked below).
 */
const EXEMPT: Record<string, string> = {
  "notifications/queries#markRead":
    "self-service on the caller's own inbox: every signed-in user may mark their own notifications read (no permission to lack; API tokens and jobs have no inbox and are refused as unauthenticated; ids of other users' notifications are ignored); read state is not audited: the notification is the record and what it reports was audited when it happened; tested in lib/notifications/notifications.int.test.ts",
  "notifications/queries#savePreferences":
    "self-service on the caller's own email choices: every signed-in user may choose which kinds are emailed to them (no permission to lack; API tokens and jobs are refused as unauthenticated); a change is audited as user.notification_preferences_changed; tested in lib/notifications/notifications.int.test.ts",
  "users/manage-users#changeOwnPassword": "self-service: every signed-in user may change their own password (no permission to lack); tested in lib/auth/authenticate.int.test.ts",
  "checklists/create-checklist#createChecklist": "runs inside createSystem (its event is part of system creation); a second checklist per system is refused",
  "assets/import-common#insertImportedAssets": "internal: the shared write of the CSV and CycloneDX imports, which check permission before calling it",
  "signing/keys#listSigningKeysFor": "a read for the settings page; on a fresh instance it creates the first key (a system event, audited by getSigningKey); tested in lib/signing/signing.int.test.ts",
  "gate/check#checkGate": "a read that records every answer in the append-only GateCheck table, sealed into the audit chain in batches (lib/gate/fold.ts), so it takes the app's client, not a transaction; tested in lib/gate/gate.int.test.ts",
  "assets/access#staleAssetError": "internal: builds the conflict error of update/delete (reads only)",
  "attestation/issue#issueApprovalAttestation":
    "a read (gate:read, refused first): signs a statement about an approval in force and stores nothing; like listSigningKeysFor it may create the first key (a system event, audited by getSigningKey); tested in lib/attestation/attestation.int.test.ts",
};
const INTERNAL = Object.keys(EXEMPT).filter((k) => EXEMPT[k]!.startsWith("internal:"));

/** Every `export async function name(ctx: ServiceContext…` / `({ actor, db… }: ServiceContext…` under lib/. */
function discoverServices(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const text = fs.readFileSync(full, "utf8");
        const pattern = /export async function (\w+)\s*\(\s*(?:\w+|\{[^}]*\})\s*:\s*(?:ServiceContext\b|\{\s*actor: Actor)/g;
        const rel = path.relative(path.join(ROOT, "lib"), full).replace(/\.tsx?$/, "").split(path.sep).join("/");
        for (const m of text.matchAll(pattern)) found.push(`${rel}#${m[1]}`);
      }
    }
  };
  walk(path.join(ROOT, "lib"));
  return found.sort();
}

/** Row count and newest row version (xmin) of every table: any insert, update or delete changes it. */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = await t.db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  const sql = tables.map(({ name }) => `SELECT '${name}' AS name, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text AS print FROM "${name}"`).join(" UNION ALL ");
  const rows = await t.db.$queryRawUnsafe<{ name: string; print: string }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, r.print]));
}

async function lastAuditId(): Promise<bigint> {
  return (await t.db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;
}

class Rollback extends Error {}

describe("[PLATFORM] every mutating service checks permission first and audits in its transaction", () => {
  it("the list of services matches the code: every service with a context is listed", () => {
    const discovered = discoverServices();
    const listed = new Set([...Object.keys(CASES), ...READS, ...Object.keys(EXEMPT)]);
    const missing = discovered.filter((s) => !listed.has(s));
    expect(missing, "new service(s): add a case to CASES (or to READS / EXEMPT with a reason) in test/service-registry.int.test.ts").toEqual([]);
    const stale = [...listed].filter((s) => !discovered.includes(s));
    expect(stale, "listed services that no longer exist").toEqual([]);
  });

  it("internal helpers that skip the permission check are not imported by pages, routes or components", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name)) {
          const text = fs.readFileSync(full, "utf8");
          for (const key of INTERNAL) if (new RegExp(`\\b${key.split("#")[1]}\\b`).test(text)) offenders.push(`${path.relative(ROOT, full)} uses ${key}`);
        }
      }
    };
    walk(path.join(ROOT, "app"));
    walk(path.join(ROOT, "components"));
    expect(offenders).toEqual([]);
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: refused without the permission (nothing written); one transaction; audits ${c.audits.join(" + ")}`, async () => {
      const prepared = await c.prepare();
      const before = await fingerprint();

      const refused = await prepared.call(ctxOf(prepared.denied)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused, `${name} let an actor without the permission through`).toBeInstanceOf(ForbiddenError);
      expect(await fingerprint()).toEqual(before);

      if (!c.ownTransaction) {
        await expect(
          t.db.$transaction(
            async (tx) => {
              await prepared.call(ctxOf(prepared.allowed, tx));
              throw new Rollback();
            },
            { timeout: 60_000, maxWait: 30_000 },
          ),
        ).rejects.toBeInstanceOf(Rollback);
        // Rolling back the caller's transaction undid everything: the change and its audit event
        // were written through the context's transaction, not beside it.
        expect(await fingerprint()).toEqual(before);
      }

      const mark = await lastAuditId();
      await prepared.call(ctxOf(prepared.allowed));
      const events = await t.db.auditEvent.findMany({ where: { id: { gt: mark } }, orderBy: { id: "asc" }, select: { action: true, actorId: true } });
      expect(events.map((e) => e.action).sort()).toEqual([...c.audits].sort());
      expect(events.every((e) => e.actorId === prepared.allowed.id)).toBe(true);
    });
  }
});
