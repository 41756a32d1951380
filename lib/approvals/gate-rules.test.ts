import { describe, expect, it } from "vitest";
import { evaluateGate, failingRuleIds } from "./gate-rules";
import { item, passingSnapshot } from "./test-snapshot";

const NOW = new Date("2026-12-01T12:00:00.000Z");
const rule = (s: ReturnType<typeof passingSnapshot>, id: string, now = NOW) => evaluateGate(s, now).rules.find((r) => r.id === id)!;

describe("[APPROVALS] gate rules", () => {
  it("a complete system passes every rule, each with a reason and a fix link", () => {
    const result = evaluateGate(passingSnapshot(), NOW);
    expect(failingRuleIds(result)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.rules.map((r) => r.id)).toEqual([
      "checklist.DES",
      "checklist.DEV",
      "checklist.DEP",
      "checklist.OPS",
      "threat-model.reviewed",
      "threat-model.residual",
      "assets.digests",
      "incidents.severe",
    ]);
    for (const r of result.rules) {
      expect(r.reason.length).toBeGreaterThan(10);
      expect(r.fixHref).toMatch(/^\/systems\/sys1\//);
    }
  });

  describe("pillar completion", () => {
    it("an applicable design control not done fails DES, naming it", () => {
      const s = passingSnapshot();
      s.checklist!.items[0] = item("DES-1.1", { status: "IN_PROGRESS" });
      const r = rule(s, "checklist.DES");
      expect(r.passed).toBe(false);
      expect(r.details).toEqual(["DES-1.1 is in progress"]);
      expect(r.fixHref).toBe("/systems/sys1/checklist?pillar=DES");
      expect(evaluateGate(s, NOW).passed).toBe(false);
    });
    it("NOT_APPLICABLE counts only with a justification", () => {
      const s = passingSnapshot();
      s.checklist!.items[1] = item("DES-1.2", { status: "NOT_APPLICABLE", justified: false, evidence: [] });
      expect(rule(s, "checklist.DES").details).toEqual(["DES-1.2 is not applicable without a justification"]);
    });
    it("MET counts only while its evidence holds (expired, deleted, superseded do not)", () => {
      for (const evidence of [
        { id: "e", effectiveDate: "2026-01-01", expiresAt: "2026-11-30", deleted: false, superseded: false },
        { id: "e", effectiveDate: "2026-01-01", expiresAt: null, deleted: true, superseded: false },
        { id: "e", effectiveDate: "2026-01-01", expiresAt: null, deleted: false, superseded: true },
        { id: "e", effectiveDate: "2026-12-05", expiresAt: null, deleted: false, superseded: false },
      ]) {
        const s = passingSnapshot();
        s.checklist!.items[2] = item("DEV-2.1", { evidence: [evidence] });
        expect(rule(s, "checklist.DEV").details).toEqual(["DEV-2.1 is met but its evidence no longer holds"]);
      }
      const s = passingSnapshot();
      s.checklist!.items[2] = item("DEV-2.1", { evidenceRequired: false, evidence: [] });
      expect(rule(s, "checklist.DEV").passed).toBe(true);
    });
    it("deployment pillar is gated; controls that do not apply are ignored", () => {
      const s = passingSnapshot();
      s.checklist!.items[3] = item("DEP-3.1", { status: "NOT_MET" });
      expect(rule(s, "checklist.DEP").passed).toBe(false);
      expect(rule(passingSnapshot(), "checklist.DEP").reason).toMatch(/All 1 applicable/);
    });
    it("monitoring and logging operation controls must be MET: not applicable does not count", () => {
      const s = passingSnapshot();
      s.checklist!.items[4] = item("OPS-1.1", { status: "NOT_APPLICABLE", justified: true, evidence: [] });
      const r = rule(s, "checklist.OPS");
      expect(r.passed).toBe(false);
      expect(r.details).toEqual(["OPS-1.1 is not applicable"]);
    });
    it("other operation controls and decommissioning controls are not gated", () => {
      const s = passingSnapshot();
      expect(s.checklist!.items.find((i) => i.code === "OPS-3.1")!.status).toBe("NOT_STARTED");
      expect(rule(s, "checklist.OPS").passed).toBe(true);
    });
    it("no checklist fails every pillar rule", () => {
      const s = passingSnapshot();
      s.checklist = null;
      expect(["checklist.DES", "checklist.DEV", "checklist.DEP", "checklist.OPS"].map((id) => rule(s, id).passed)).toEqual([false, false, false, false]);
    });
  });

  describe("threat model", () => {
    it("no reviewed threat model fails both threat rules", () => {
      const s = passingSnapshot();
      s.threatModel = null;
      expect(rule(s, "threat-model.reviewed")).toMatchObject({ passed: false, fixHref: "/systems/sys1/threat-model" });
      expect(rule(s, "threat-model.residual").passed).toBe(false);
    });
    it("a threat above the threshold without a treatment fails, naming it", () => {
      const s = passingSnapshot();
      s.threatModel!.threats.push({ id: "t4", title: "Model theft", likelihood: 4, impact: 5, residualLikelihood: null, residualImpact: null, treatment: null, acceptanceExpiresOn: null });
      const r = rule(s, "threat-model.residual");
      expect(r.passed).toBe(false);
      expect(r.details[0]).toMatch(/^Model theft: Scores 20, above the threshold of 9/);
    });
    it("a mitigation whose residual is still above the threshold fails", () => {
      const s = passingSnapshot();
      s.threatModel!.threats[0]!.residualLikelihood = 4;
      expect(rule(s, "threat-model.residual").passed).toBe(false);
    });
    it("an acceptance holds through its expiry day and fails the day after", () => {
      const s = passingSnapshot();
      s.threatModel!.threats[1]!.acceptanceExpiresOn = "2026-12-01";
      expect(rule(s, "threat-model.residual", new Date("2026-12-01T23:00:00Z")).passed).toBe(true);
      const next = rule(s, "threat-model.residual", new Date("2026-12-02T00:00:01Z"));
      expect(next.passed).toBe(false);
      expect(next.details[0]).toMatch(/expired/);
    });
    it("the snapshot's threshold decides", () => {
      const s = passingSnapshot();
      s.threatModel!.residualThreshold = 20;
      s.threatModel!.threats.push({ id: "t5", title: "Moderate", likelihood: 3, impact: 4, residualLikelihood: null, residualImpact: null, treatment: null, acceptanceExpiresOn: null });
      expect(rule(s, "threat-model.residual").passed).toBe(true);
      s.threatModel!.residualThreshold = 11;
      expect(rule(s, "threat-model.residual").passed).toBe(false);
    });
  });

  describe("digests", () => {
    it("a model without a SHA-256 fails, naming it; other digests do not count", () => {
      const s = passingSnapshot();
      s.assets[0] = { ...s.assets[0]!, sha256: null, otherDigests: [{ algorithm: "SHA_512", value: "d".repeat(128) }] };
      const r = rule(s, "assets.digests");
      expect(r.passed).toBe(false);
      expect(r.details).toEqual(["model llm 1: only SHA-512 recorded; approval needs a SHA-256 digest"]);
      expect(r.fixHref).toBe("/systems/sys1/assets");
    });
    it("a dataset without any digest fails; a prompt without one does not matter", () => {
      const s = passingSnapshot();
      s.assets[1] = { ...s.assets[1]!, sha256: null, otherDigests: [] };
      expect(rule(s, "assets.digests").details).toEqual(["dataset faq 3: no SHA-256 digest recorded"]);
      expect(rule(passingSnapshot(), "assets.digests").passed).toBe(true);
    });
  });

  describe("incidents", () => {
    it("an open SEV1 or SEV2 incident fails", () => {
      const s = passingSnapshot();
      expect(rule(s, "incidents.severe").passed).toBe(true);
      s.openSevereIncidents = [{ id: "i1", title: "Prompt leak", severity: "SEV1" }];
      const r = rule(s, "incidents.severe");
      expect(r.passed).toBe(false);
      expect(r.details).toEqual(["SEV1: Prompt leak"]);
    });
  });
});
