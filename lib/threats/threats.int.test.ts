import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import type { Actor } from "@/lib/authz/actor";
import { createAsset } from "@/lib/assets/create-asset";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { applyRecompute } from "@/lib/checklists/recompute";
import { createSystem } from "@/lib/systems/create-system";
import { addCustomThreat, addLibraryThreats } from "./add-threats";
import { addDataFlow, deleteDataFlow, updateDataFlow } from "./data-flows";
import { dismissSuggestion, restoreSuggestion } from "./dismiss-suggestion";
import { exportThreatModel } from "./export";
import { importThreatDragon } from "./import-threat-dragon";
import { getThreatModelPage, getThreatModelSummary } from "./queries";
import { residualThresholdVersion, setResidualThreshold } from "./set-threshold";
import { startThreatModelDraft } from "./start-draft";
import { discardDraft, transitionThreatModel } from "./transition";
import { updateThreatModel } from "./update-model";
import { removeThreat, updateThreat } from "./update-threat";

const t = useTestDatabase();
const fixture = fs.readFileSync(path.join(import.meta.dirname, "../../test/fixtures/threat-dragon-v2.json"), "utf8");
const MB = 5 * 1024 * 1024;
const TODAY = "2026-11-30";

async function agenticSystem() {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
  const reviewer2 = await createActor(t.db, "SECURITY_REVIEWER");
  const ctx = (actor: Actor) => ({ actor, db: t.db });
  const { id } = await createSystem(ctx(owner), systemInput({ riskTier: "HIGH", autonomy: "AGENTIC", exposure: "INTERNET_FACING", dataSensitivity: "CONFIDENTIAL" }));
  await createAsset(ctx(owner), id, { kind: "TOOL_CONNECTOR", name: "Payments connector", capabilities: ["SPEND_MONEY"], humanApprovalRequired: false });
  await createAsset(ctx(owner), id, { kind: "VECTOR_STORE", name: "policy-index" });
  await createAsset(ctx(owner), id, { kind: "VENDOR_API", name: "Hosted LLM" });
  // The owner recomputes the checklist after recording the assets (spend controls now apply).
  await applyRecompute(ctx(owner), id);
  return { owner, reviewer, reviewer2, id, ctx };
}

function threatInput(row: { title: string; description: string; likelihood: number; impact: number; assetIds: string[]; rowVersion: number; controls: { code: string }[] }, extra: Record<string, unknown> = {}) {
  return {
    title: row.title,
    description: row.description,
    likelihood: row.likelihood,
    impact: row.impact,
    assetIds: row.assetIds,
    controlCodes: row.controls.map((c) => c.code),
    expectedVersion: row.rowVersion,
    ...extra,
  };
}

describe("[THREATS] a reviewer builds, another reviews, versions freeze and supersede", () => {
  it("runs the whole lifecycle with suggestions, mitigations, acceptance and review", async () => {
    const { owner, reviewer, reviewer2, id, ctx } = await agenticSystem();
    const { id: modelId, version } = await startThreatModelDraft(ctx(reviewer), id);
    expect(version).toBe(1);

    let page = await getThreatModelPage(ctx(reviewer), id, { today: TODAY });
    const open = page.suggestions!.open;
    const ea = open.find((s) => s.threatId === "T-EA-01")!;
    expect(ea.reason).toMatch(/“Payments connector” \(tool connector\) lets the system spend money without a human approving each action/);
    expect(open.find((s) => s.threatId === "T-DP-02")!.reason).toMatch(/vector store: “policy-index”/);

    await dismissSuggestion(ctx(reviewer), modelId, { threatId: "T-VS-02", reason: "The index holds only public policy pages." });
    const { added } = await addLibraryThreats(ctx(reviewer), modelId, { threatIds: open.map((s) => s.threatId).filter((x) => x !== "T-VS-02") });
    expect(added.length).toBe(open.length - 1);
    page = await getThreatModelPage(ctx(reviewer), id, { today: TODAY });
    expect(page.suggestions!.open).toEqual([]);
    expect(page.suggestions!.dismissed.map((d) => d.threatId)).toEqual(["T-VS-02"]);
    const eaRow = page.model!.threats.find((x) => x.libraryRef === "T-EA-01")!;
    expect(eaRow.controls.map((c) => c.code)).toEqual(expect.arrayContaining(["DES-3.3", "DEP-1.6"]));
    expect(eaRow.controls.every((c) => c.status === "NOT_STARTED")).toBe(true);
    expect(eaRow.assetIds.length).toBeGreaterThan(0);

    // Data flows and scope.
    await updateThreatModel(ctx(reviewer), modelId, { scope: "Procurement agent and its tools", assumptions: "Vendor is SOC 2 audited\nUsers are staff", expectedVersion: page.model!.rowVersion });
    const { id: flowId } = await addDataFlow(ctx(reviewer), modelId, { source: "Staff member", target: "Procurement agent", data: "Purchase request", crossesTrustBoundary: "on" });
    await addDataFlow(ctx(reviewer), modelId, { source: "Procurement agent", target: "Payments connector", data: "Payment order", crossesTrustBoundary: true, assetIds: [page.assets.find((a) => a.name === "Payments connector")!.id] });
    await expect(addDataFlow(ctx(reviewer), modelId, { source: "", target: "x", data: "y" })).rejects.toMatchObject({ fieldErrors: { source: ["Source is required."] } });
    await expect(addDataFlow(ctx(reviewer), modelId, { source: "a", target: "b", data: "c", assetIds: ["not-an-asset"] })).rejects.toThrow(/this system's inventory/);
    await updateDataFlow(ctx(reviewer), flowId, { source: "Staff member", target: "Procurement agent", data: "Purchase request (SSO)", crossesTrustBoundary: true, expectedVersion: 1 });
    await expect(updateDataFlow(ctx(reviewer2), flowId, { source: "x", target: "y", data: "z", expectedVersion: 1 })).rejects.toBeInstanceOf(ConflictError);

    // Untreated threats above the threshold block the review.
    page = await getThreatModelPage(ctx(reviewer), id, { today: TODAY });
    expect(page.counts.untreated).toBeGreaterThan(0);
    expect(page.diagram.nodes).toHaveLength(3);

    // Treat everything: mitigate to below the threshold, accept one (not by the owner).
    for (const row of page.model!.threats) {
      if (row.libraryRef === "T-EA-01") continue;
      await updateThreat(ctx(reviewer), row.id, threatInput(row, { residualLikelihood: 1, residualImpact: 2, treatment: "MITIGATE" }), TODAY);
    }
    const eaInput = threatInput(eaRow, { residualLikelihood: 2, residualImpact: 5, treatment: "ACCEPT", acceptanceRationale: "Spending cap of 500 EUR per day enforced by the payment provider.", acceptanceExpiresOn: "2027-03-31" });
    await expect(updateThreat(ctx(reviewer), eaRow.id, { ...eaInput, acceptanceExpiresOn: "2028-06-30" }, TODAY)).rejects.toMatchObject({ fieldErrors: { acceptanceExpiresOn: [expect.stringMatching(/at most a year/)] } });
    await expect(updateThreat(ctx(reviewer), eaRow.id, { ...eaInput, acceptanceRationale: "ok" }, TODAY)).rejects.toMatchObject({ fieldErrors: { acceptanceRationale: [expect.any(String)] } });
    await expect(updateThreat(ctx(reviewer), eaRow.id, { ...eaInput, residualLikelihood: 5, residualImpact: 5 }, TODAY)).rejects.toThrow(/cannot be higher than the inherent/);
    await updateThreat(ctx(reviewer), eaRow.id, eaInput, TODAY);
    expect(await t.db.auditEvent.count({ where: { action: "threat.risk_accepted", entityId: eaRow.id } })).toBe(1);

    page = await getThreatModelPage(ctx(reviewer), id, { today: TODAY });
    expect(page.counts.untreated).toBe(0);
    const accepted = page.model!.threats.find((x) => x.libraryRef === "T-EA-01")!;
    expect(accepted.acceptance).toMatchObject({ acceptedByName: reviewer.name, expiresOn: "2027-03-31" });
    expect(page.model!.threats[0].libraryRef).toBe("T-EA-01"); // sorted by residual: 10 is highest

    // Submit; the author cannot review; another reviewer can.
    await transitionThreatModel(ctx(reviewer), modelId, "submit", { expectedVersion: page.model!.rowVersion }, TODAY);
    await expect(updateThreat(ctx(reviewer), accepted.id, threatInput(accepted), TODAY)).rejects.toThrow(/in review and cannot be edited: return it to draft first/);
    const inReview = (await t.db.threatModel.findUniqueOrThrow({ where: { id: modelId } })).rowVersion;
    await expect(transitionThreatModel(ctx(reviewer), modelId, "approve", { expectedVersion: inReview }, TODAY)).rejects.toThrow(/another security reviewer must review it/);
    await expect(transitionThreatModel(ctx(owner), modelId, "approve", { expectedVersion: inReview }, TODAY)).rejects.toBeInstanceOf(ForbiddenError);
    await transitionThreatModel(ctx(reviewer2), modelId, "approve", { expectedVersion: inReview, comment: "Looks complete." }, TODAY);

    const summary = await getThreatModelSummary(t.db, owner, id, TODAY);
    expect(summary!.inForce).toMatchObject({ version: 1, reviewerName: reviewer2.name, untreated: 0 });

    // Reviewed is frozen: services refuse, and so does the database.
    await expect(updateThreat(ctx(reviewer), accepted.id, threatInput(accepted), TODAY)).rejects.toThrow(/reviewed and cannot be edited: start a new draft/);
    await expect(addDataFlow(ctx(reviewer), modelId, { source: "a", target: "b", data: "c" })).rejects.toBeInstanceOf(ValidationError);

    // Editing starts v2 copied from v1 (threats, mitigations, acceptance, dismissals, flows).
    const v2 = await startThreatModelDraft(ctx(reviewer2), id);
    expect(v2.version).toBe(2);
    await expect(startThreatModelDraft(ctx(reviewer), id)).rejects.toThrow(/already open/);
    const page2 = await getThreatModelPage(ctx(reviewer2), id, { today: TODAY });
    expect(page2.model!.version).toBe(2);
    expect(page2.model!.basedOnVersion).toBe(1);
    expect(page2.model!.threats).toHaveLength(page.model!.threats.length);
    expect(page2.model!.flows).toHaveLength(2);
    expect(page2.model!.assumptions).toEqual(["Vendor is SOC 2 audited", "Users are staff"]);
    expect(page2.model!.threats.find((x) => x.libraryRef === "T-EA-01")!.acceptance).toMatchObject({ acceptedByName: reviewer.name });
    expect(page2.suggestions!.dismissed.map((d) => d.threatId)).toEqual(["T-VS-02"]);
    await restoreSuggestion(ctx(reviewer2), v2.id, { threatId: "T-VS-02" });

    // An expired acceptance counts as untreated and blocks review of v2.
    await transitionThreatModel(ctx(reviewer2), v2.id, "submit", { expectedVersion: page2.model!.rowVersion }, TODAY);
    const v2Version = (await t.db.threatModel.findUniqueOrThrow({ where: { id: v2.id } })).rowVersion;
    await expect(transitionThreatModel(ctx(reviewer), v2.id, "approve", { expectedVersion: v2Version }, "2027-04-01")).rejects.toThrow(/1 threat is above the residual-risk threshold/);
    await transitionThreatModel(ctx(reviewer), v2.id, "approve", { expectedVersion: v2Version }, TODAY);

    const versions = await t.db.threatModel.findMany({ where: { systemId: id }, orderBy: { version: "asc" }, select: { version: true, status: true, supersededAt: true } });
    expect(versions.map((v) => [v.version, v.status])).toEqual([[1, "SUPERSEDED"], [2, "REVIEWED"]]);
    expect(versions[0].supersededAt).not.toBeNull();
    const actions = (await t.db.auditEvent.findMany({ where: { action: { startsWith: "threat_model." }, summary: { path: ["systemId"], equals: id } }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["threat_model.draft_started", "threat_model.submitted", "threat_model.reviewed", "threat_model.superseded", "threat_model.suggestion_dismissed", "threat_model.flow_added"]));
  });
});

describe("[THREATS] permissions for every role", () => {
  it("product owners and auditors read only; another owner's system is not found; admins edit", async () => {
    const { owner, reviewer, id, ctx } = await agenticSystem();
    const auditor = await createActor(t.db, "AUDITOR");
    const admin = await createActor(t.db, "ADMIN");
    const stranger = await createActor(t.db, "PRODUCT_OWNER");
    for (const actor of [owner, auditor]) {
      await expect(startThreatModelDraft(ctx(actor), id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(importThreatDragon(ctx(actor), id, fixture, MB)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setResidualThreshold(ctx(actor), { threshold: 5 })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(setResidualThreshold(ctx(reviewer), { threshold: 5 })).rejects.toBeInstanceOf(ForbiddenError);
    const { id: modelId } = await startThreatModelDraft(ctx(admin), id);
    await addCustomThreat(ctx(admin), modelId, { title: "Procurement fraud by insider", description: "A buyer approves their own orders.", likelihood: 2, impact: 4 });
    const threat = (await getThreatModelPage(ctx(admin), id)).model!.threats[0];
    for (const actor of [owner, auditor]) {
      await expect(addLibraryThreats(ctx(actor), modelId, { threatIds: ["T-PI-01"] })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateThreat(ctx(actor), threat.id, threatInput(threat))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(removeThreat(ctx(actor), threat.id, { expectedVersion: threat.rowVersion })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(addDataFlow(ctx(actor), modelId, { source: "a", target: "b", data: "c" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(dismissSuggestion(ctx(actor), modelId, { threatId: "T-PI-01", reason: "Not relevant here at all." })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(transitionThreatModel(ctx(actor), modelId, "submit", { expectedVersion: 1 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(discardDraft(ctx(actor), modelId, { expectedVersion: 1 })).rejects.toBeInstanceOf(ForbiddenError);
      const readOnly = await getThreatModelPage(ctx(actor), id);
      expect(readOnly.model!.can).toEqual({ edit: false, submit: false, return: false, approve: false, discard: false });
      expect(readOnly.suggestions).toBeNull();
    }
    await expect(getThreatModelPage(ctx(stranger), id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportThreatModel(ctx(stranger), id)).rejects.toBeInstanceOf(NotFoundError);
    const exported = await exportThreatModel(ctx(auditor), id);
    expect(exported.doc.threats).toHaveLength(1);
    expect(await t.db.auditEvent.count({ where: { action: "threat_model.exported", actorId: auditor.id } })).toBe(1);
    // An admin who owns a system cannot accept its risks.
    const opened = await residualThresholdVersion(t.db);
    await setResidualThreshold(ctx(admin), { threshold: 12, settingVersion: opened });
    await expect(setResidualThreshold(ctx(admin), { threshold: 30, settingVersion: await residualThresholdVersion(t.db) })).rejects.toBeInstanceOf(ValidationError);
    // A second tab opened before the save: a visible conflict, the first save stands.
    await expect(setResidualThreshold(ctx(admin), { threshold: 9, settingVersion: opened })).rejects.toThrow(/changed after you opened this page/);
    expect((await getThreatModelPage(ctx(admin), id)).threshold).toBe(12);
    await discardDraft(ctx(reviewer), modelId, { expectedVersion: (await t.db.threatModel.findUniqueOrThrow({ where: { id: modelId } })).rowVersion });
    expect(await t.db.threatModel.count({ where: { systemId: id } })).toBe(0);
  });

  it("the system's owner cannot accept its risks, even as an admin", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const { id } = await createSystem({ actor: admin, db: t.db }, systemInput());
    const { id: modelId } = await startThreatModelDraft({ actor: admin, db: t.db }, id);
    await addCustomThreat({ actor: admin, db: t.db }, modelId, { title: "Model outage", description: "Provider outage stops claims.", likelihood: 4, impact: 4 });
    const threat = (await getThreatModelPage({ actor: admin, db: t.db }, id)).model!.threats[0];
    await expect(
      updateThreat({ actor: admin, db: t.db }, threat.id, threatInput(threat, { treatment: "ACCEPT", acceptanceRationale: "We accept the outage risk for now.", acceptanceExpiresOn: "2027-01-31" }), TODAY),
    ).rejects.toMatchObject({ fieldErrors: { treatment: [expect.stringMatching(/owner cannot accept/)] } });
  });
});

describe("[THREATS] concurrency", () => {
  it("two reviewers editing one threat: the second save is a conflict, never an overwrite", async () => {
    const { reviewer, reviewer2, id, ctx } = await agenticSystem();
    const { id: modelId } = await startThreatModelDraft(ctx(reviewer), id);
    await addLibraryThreats(ctx(reviewer), modelId, { threatIds: ["T-PI-01"] });
    const row = (await getThreatModelPage(ctx(reviewer), id)).model!.threats[0];
    await updateThreat(ctx(reviewer), row.id, threatInput(row, { mitigationNotes: "First reviewer's note" }));
    const error = await updateThreat(ctx(reviewer2), row.id, threatInput(row, { mitigationNotes: "Second reviewer's note" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).current).toMatchObject({ mitigationNotes: "First reviewer's note" });
    const saved = await t.db.threat.findUniqueOrThrow({ where: { id: row.id } });
    expect(saved.mitigationNotes).toBe("First reviewer's note");
    await expect(removeThreat(ctx(reviewer2), row.id, { expectedVersion: row.rowVersion })).rejects.toBeInstanceOf(ConflictError);
    const { id: flowId } = await addDataFlow(ctx(reviewer), modelId, { source: "a", target: "b", data: "c" });
    await deleteDataFlow(ctx(reviewer), flowId, { expectedVersion: 1 });
    await expect(deleteDataFlow(ctx(reviewer2), flowId, { expectedVersion: 1 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("concurrent saves of one threat: exactly one wins", async () => {
    const { reviewer, reviewer2, id, ctx } = await agenticSystem();
    const { id: modelId } = await startThreatModelDraft(ctx(reviewer), id);
    await addLibraryThreats(ctx(reviewer), modelId, { threatIds: ["T-DS-01"] });
    const row = (await getThreatModelPage(ctx(reviewer), id)).model!.threats[0];
    const results = await Promise.allSettled([
      updateThreat(ctx(reviewer), row.id, threatInput(row, { likelihood: 5 })),
      updateThreat(ctx(reviewer2), row.id, threatInput(row, { likelihood: 1 })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected" && r.reason instanceof ConflictError)).toHaveLength(1);
  });
});

describe("[THREATS] Threat Dragon import", () => {
  it("imports a hand-written Threat Dragon 2.x file into a new draft and reports what was not mapped", async () => {
    const { reviewer, id, ctx } = await agenticSystem();
    const result = await importThreatDragon(ctx(reviewer), id, fixture, MB);
    expect(result.version).toBe(1);
    expect(result.report.counts).toEqual({ diagrams: 1, elements: 4, flows: 2, threats: 6 });
    expect(result.report.notMapped.length).toBeGreaterThan(5);
    const page = await getThreatModelPage(ctx(reviewer), id);
    expect(page.model!.status).toBe("DRAFT");
    expect(page.model!.threats).toHaveLength(6);
    expect(page.model!.flows).toHaveLength(2);
    expect(page.model!.importReport!.notMapped).toEqual(result.report.notMapped);
    expect(page.model!.threats.filter((x) => x.treatment === "MITIGATE")).toHaveLength(2);
    expect(await t.db.auditEvent.count({ where: { action: "threat_model.imported", entityId: result.id } })).toBe(1);
    await expect(importThreatDragon(ctx(reviewer), id, fixture, MB)).rejects.toMatchObject({ fieldErrors: { file: [expect.stringMatching(/Version 1 is open/)] } });
  });

  it("refuses a bad file with a message naming the file field, writing nothing", async () => {
    const { reviewer, id, ctx } = await agenticSystem();
    await expect(importThreatDragon(ctx(reviewer), id, "{oops", MB)).rejects.toMatchObject({ fieldErrors: { file: ["The file is not valid JSON."] } });
    await expect(importThreatDragon(ctx(reviewer), id, JSON.stringify({ version: "1.3.0", summary: { title: "x" }, detail: { diagrams: [] } }), MB)).rejects.toThrow(/only 2.x/);
    await expect(importThreatDragon(ctx(reviewer), id, fixture, 100)).rejects.toMatchObject({ fieldErrors: { file: [expect.stringMatching(/at most/)] } });
    expect(await t.db.threatModel.count({ where: { systemId: id } })).toBe(0);
  });
});
