import { describe, expect, it } from "vitest";
import {
  assessThreat,
  decideTransition,
  heatMaps,
  refuseAcceptance,
  refuseResidual,
  riskBand,
  riskScore,
  THREAT_MODEL_TRANSITIONS,
  type ThreatFacts,
  type TransitionFacts,
} from "./rules";

const TODAY = "2026-11-30";

describe("[THREATS] scoring", () => {
  it("multiplies likelihood by impact on 1-5 scales", () => {
    expect(riskScore(1, 1)).toBe(1);
    expect(riskScore(4, 3)).toBe(12);
    expect(riskScore(5, 5)).toBe(25);
    for (const [l, i] of [[0, 3], [6, 1], [2.5, 2], [Number.NaN, 1]]) expect(() => riskScore(l, i)).toThrow(RangeError);
  });

  it("bands scores low 1-4, medium 5-9, high 10-15, critical 16-25", () => {
    expect([1, 4, 5, 9, 10, 15, 16, 25].map(riskBand)).toEqual(["LOW", "LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL", "CRITICAL"]);
  });

  it("refuses a residual above inherent or only half set", () => {
    expect(refuseResidual(3, 3, 4, 3)).toMatch(/cannot be higher/);
    expect(refuseResidual(3, 3, 2, null)).toMatch(/both/);
    expect(refuseResidual(3, 3, 3, 3)).toBeNull();
    expect(refuseResidual(3, 3, null, null)).toBeNull();
  });

  it("builds inherent and residual heat maps, residual falling back to inherent", () => {
    const maps = heatMaps([
      { likelihood: 4, impact: 5, residualLikelihood: 2, residualImpact: 3 },
      { likelihood: 4, impact: 5, residualLikelihood: null, residualImpact: null },
      { likelihood: 1, impact: 1, residualLikelihood: 1, residualImpact: 1 },
    ]);
    expect(maps.inherent[3][4]).toBe(2);
    expect(maps.inherent[0][0]).toBe(1);
    expect(maps.residual[1][2]).toBe(1);
    expect(maps.residual[3][4]).toBe(1);
    expect(maps.inherent.flat().reduce((a, b) => a + b, 0)).toBe(3);
    expect(maps.residual.flat().reduce((a, b) => a + b, 0)).toBe(3);
  });
});

describe("[THREATS] treatment against the residual threshold", () => {
  const base: ThreatFacts = { likelihood: 4, impact: 4, residualLikelihood: null, residualImpact: null, treatment: null, acceptance: null };
  const cases: { name: string; facts: Partial<ThreatFacts>; untreated: boolean; problem?: RegExp; acceptance?: string }[] = [
    { name: "above threshold, no treatment", facts: {}, untreated: true, problem: /no treatment/ },
    { name: "below threshold, no treatment", facts: { likelihood: 3, impact: 3 }, untreated: false },
    { name: "exactly at the threshold is not above it", facts: { likelihood: 3, impact: 3, residualLikelihood: 3, residualImpact: 3 }, untreated: false },
    { name: "MITIGATE bringing residual to the threshold", facts: { treatment: "MITIGATE", residualLikelihood: 3, residualImpact: 3 }, untreated: false },
    { name: "MITIGATE leaving residual above it", facts: { treatment: "MITIGATE", residualLikelihood: 4, residualImpact: 3 }, untreated: true, problem: /still above/ },
    { name: "MITIGATE without residual yet", facts: { treatment: "MITIGATE" }, untreated: true, problem: /still above/ },
    { name: "TRANSFER is a decision", facts: { treatment: "TRANSFER" }, untreated: false },
    { name: "AVOID is a decision", facts: { treatment: "AVOID" }, untreated: false },
    { name: "ACCEPT with a valid acceptance", facts: { treatment: "ACCEPT", acceptance: { expiresOn: "2027-03-01" } }, untreated: false, acceptance: "VALID" },
    { name: "ACCEPT valid through its expiry day", facts: { treatment: "ACCEPT", acceptance: { expiresOn: TODAY } }, untreated: false, acceptance: "VALID" },
    { name: "ACCEPT expired counts as untreated", facts: { treatment: "ACCEPT", acceptance: { expiresOn: "2026-11-29" } }, untreated: true, problem: /expired/, acceptance: "EXPIRED" },
    { name: "ACCEPT with nobody accepting", facts: { treatment: "ACCEPT" }, untreated: true, problem: /nobody has accepted/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const a = assessThreat({ ...base, ...c.facts }, 9, TODAY);
      expect(a.untreated).toBe(c.untreated);
      if (c.problem) expect(a.problem).toMatch(c.problem);
      else expect(a.problem).toBeNull();
      if (c.acceptance) expect(a.acceptance).toBe(c.acceptance);
    });
  }

  it("reports inherent, residual and effective scores with bands", () => {
    const a = assessThreat({ ...base, residualLikelihood: 2, residualImpact: 2, treatment: "MITIGATE" }, 9, TODAY);
    expect(a).toMatchObject({ inherent: 16, inherentBand: "CRITICAL", residual: 4, residualBand: "LOW", effective: 4, aboveThreshold: false });
  });
});

describe("[THREATS] risk acceptance", () => {
  const ok = { actor: { id: "rev", role: "SECURITY_REVIEWER" as const }, systemOwnerId: "owner", rationale: "Compensating monitoring covers the gap until Q2.", expiresOn: "2027-03-31", today: TODAY };
  it("accepts a reviewer who is not the owner, with a rationale and an expiry", () => {
    expect(refuseAcceptance(ok)).toBeNull();
    expect(refuseAcceptance({ ...ok, actor: { id: "adm", role: "ADMIN" } })).toBeNull();
  });
  it("refuses the system's owner, even as admin or reviewer", () => {
    expect(refuseAcceptance({ ...ok, actor: { id: "owner", role: "ADMIN" } })?.message).toMatch(/owner cannot accept/);
    expect(refuseAcceptance({ ...ok, actor: { id: "owner", role: "SECURITY_REVIEWER" } })?.field).toBe("acceptedBy");
  });
  it("refuses product owners and auditors", () => {
    for (const role of ["PRODUCT_OWNER", "AUDITOR", null] as const) {
      expect(refuseAcceptance({ ...ok, actor: { id: "x", role } })?.message, String(role)).toMatch(/Only a security reviewer or an admin/);
    }
  });
  it("needs a rationale and an expiry after today and within a year", () => {
    expect(refuseAcceptance({ ...ok, rationale: "fine" })?.field).toBe("rationale");
    expect(refuseAcceptance({ ...ok, expiresOn: TODAY })?.message).toMatch(/after today/);
    expect(refuseAcceptance({ ...ok, expiresOn: "2026-01-01" })?.field).toBe("expiresOn");
    expect(refuseAcceptance({ ...ok, expiresOn: "2028-01-01" })?.message).toMatch(/at most a year/);
    expect(refuseAcceptance({ ...ok, expiresOn: "31/03/2027" })?.message).toMatch(/like 2027-06-30/);
  });
});

describe("[THREATS] version transitions", () => {
  const reviewer = { id: "rev-2", role: "SECURITY_REVIEWER" as const };
  const base: TransitionFacts = { status: "DRAFT", event: "submit", actor: { id: "rev-1", role: "SECURITY_REVIEWER" }, authorId: "rev-1", submittedById: null, threatCount: 3, untreatedCount: 0 };

  it("has a table covering every status", () => {
    expect(Object.keys(THREAT_MODEL_TRANSITIONS).sort()).toEqual(["DRAFT", "IN_REVIEW", "REVIEWED", "SUPERSEDED"]);
    expect(THREAT_MODEL_TRANSITIONS.SUPERSEDED).toEqual({});
  });

  const cases: { name: string; facts: Partial<TransitionFacts>; to?: string; refused?: RegExp }[] = [
    { name: "the author submits a draft", facts: {}, to: "IN_REVIEW" },
    { name: "an empty draft cannot be submitted", facts: { threatCount: 0 }, refused: /at least one threat/ },
    { name: "a product owner cannot submit", facts: { actor: { id: "po", role: "PRODUCT_OWNER" } }, refused: /Only security reviewers and admins/ },
    { name: "an auditor cannot submit", facts: { actor: { id: "au", role: "AUDITOR" } }, refused: /Only security reviewers/ },
    { name: "another reviewer approves", facts: { status: "IN_REVIEW", event: "approve", actor: reviewer, submittedById: "rev-1" }, to: "REVIEWED" },
    { name: "the author cannot review their own version", facts: { status: "IN_REVIEW", event: "approve", submittedById: "rev-1" }, refused: /another security reviewer/ },
    { name: "the submitter cannot review it either", facts: { status: "IN_REVIEW", event: "approve", authorId: "rev-0", submittedById: "rev-1" }, refused: /another security reviewer/ },
    { name: "untreated threats block review", facts: { status: "IN_REVIEW", event: "approve", actor: reviewer, untreatedCount: 2 }, refused: /2 threats are above the residual-risk threshold/ },
    { name: "a version in review returns to draft", facts: { status: "IN_REVIEW", event: "return" }, to: "DRAFT" },
    { name: "a draft cannot be approved directly", facts: { event: "approve", actor: reviewer }, refused: /draft threat model cannot be marked reviewed/ },
    { name: "a reviewed version is frozen: it cannot return to draft", facts: { status: "REVIEWED", event: "return" }, refused: /reviewed threat model cannot be returned to draft/ },
    { name: "a reviewed version cannot be resubmitted", facts: { status: "REVIEWED", event: "submit" }, refused: /cannot be submitted/ },
    { name: "nobody supersedes by hand", facts: { status: "REVIEWED", event: "supersede" }, refused: /only when a newer version is reviewed/ },
    { name: "a superseded version accepts nothing", facts: { status: "SUPERSEDED", event: "return" }, refused: /version replaced by a newer one cannot be returned to draft/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = decideTransition({ ...base, ...c.facts });
      if (c.to) expect(result).toEqual({ ok: true, to: c.to });
      else {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.reason).toMatch(c.refused!);
      }
    });
  }
});
