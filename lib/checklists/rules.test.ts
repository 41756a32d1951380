import { describe, expect, it } from "vitest";
import { computeProgress, diffLibraries, isOverdue, refuseStatusChange, type StatusChange } from "./rules";

const base: StatusChange = {
  to: "MET",
  control: { code: "DEV-1.1", evidenceRequired: true, reviewerOnly: false },
  validEvidenceCount: 1,
  justification: null,
  canReview: false,
  applicable: true,
};

describe("[CHECKLIST] status transitions", () => {
  it("MET needs valid evidence unless the control says a note is enough", () => {
    expect(refuseStatusChange(base)).toBeNull();
    expect(refuseStatusChange({ ...base, validEvidenceCount: 0 })).toMatchObject({ field: "status", message: /evidence/ });
    expect(refuseStatusChange({ ...base, validEvidenceCount: 0, control: { ...base.control, evidenceRequired: false } })).toBeNull();
  });

  it("NOT_APPLICABLE needs a justification of at least 20 characters", () => {
    const na = { ...base, to: "NOT_APPLICABLE" as const };
    expect(refuseStatusChange({ ...na, justification: "n/a" })).toMatchObject({ field: "justification" });
    expect(refuseStatusChange({ ...na, justification: "                         " })).toMatchObject({ field: "justification" });
    expect(refuseStatusChange({ ...na, justification: "No training data: we only call a vendor API." })).toBeNull();
  });

  it("reviewer-only controls: only reviewers set MET or NOT_APPLICABLE; anyone may set progress states", () => {
    const control = { ...base.control, reviewerOnly: true };
    expect(refuseStatusChange({ ...base, control })).toMatchObject({ message: /Only a security reviewer/ });
    expect(refuseStatusChange({ ...base, control, canReview: true })).toBeNull();
    expect(refuseStatusChange({ ...base, control, to: "IN_PROGRESS", validEvidenceCount: 0 })).toBeNull();
    expect(refuseStatusChange({ ...base, control, to: "NOT_APPLICABLE", justification: "Not relevant for this internal tool." })).toMatchObject({ message: /Only a security reviewer/ });
  });

  it("a control that does not apply cannot be worked on", () => {
    expect(refuseStatusChange({ ...base, applicable: false })).toMatchObject({ message: /does not apply/ });
  });
});

describe("[CHECKLIST] progress", () => {
  it("counts MET with valid evidence and NOT_APPLICABLE as done, per pillar and overall; ignores non-applicable items", () => {
    const { overall, byPillar } = computeProgress([
      { pillar: "DES", applicable: true, status: "MET", satisfied: true },
      { pillar: "DES", applicable: true, status: "NOT_APPLICABLE", satisfied: true },
      { pillar: "DES", applicable: true, status: "IN_PROGRESS", satisfied: false },
      { pillar: "DEV", applicable: true, status: "MET", satisfied: false },
      { pillar: "DEV", applicable: true, status: "NOT_MET", satisfied: false },
      { pillar: "DEV", applicable: false, status: "NOT_STARTED", satisfied: false },
    ]);
    expect(overall).toMatchObject({ total: 5, done: 2, met: 1, notApplicable: 1, stale: 1, notMet: 1, inProgress: 1, percent: 40 });
    expect(byPillar.DES).toMatchObject({ total: 3, done: 2, percent: 67 });
    expect(byPillar.DEV).toMatchObject({ total: 2, done: 0, stale: 1, percent: 0 });
  });

  it("an empty checklist is 0 %, not NaN", () => {
    expect(computeProgress([]).overall.percent).toBe(0);
  });
});

describe("[CHECKLIST] library diff", () => {
  const c = (code: string, over: Partial<Record<string, unknown>> = {}) => ({
    code,
    title: `t ${code}`,
    guidance: "g",
    evidenceExpectation: "e",
    evidenceRequired: true,
    reviewerOnly: false,
    applicability: { always: true },
    mappings: {},
    ...over,
  });
  it("lists added, retired and changed controls with the changed fields", () => {
    const diff = diffLibraries([c("DES-1.1"), c("DES-1.2"), c("DEV-2.10")], [c("DES-1.1"), c("DES-1.2", { guidance: "new" , reviewerOnly: true }), c("DEV-2.2"), c("DEV-2.11")]);
    expect(diff).toEqual({ added: ["DEV-2.2", "DEV-2.11"], retired: ["DEV-2.10"], changed: [{ code: "DES-1.2", fields: ["guidance", "reviewerOnly"] }], unchanged: 1 });
  });
});

describe("[CHECKLIST] overdue", () => {
  it("is overdue only when the due date has passed and the item is not done", () => {
    expect(isOverdue("2026-01-01", "IN_PROGRESS", "2026-01-02")).toBe(true);
    expect(isOverdue("2026-01-02", "IN_PROGRESS", "2026-01-02")).toBe(false);
    expect(isOverdue("2026-01-01", "MET", "2026-01-02")).toBe(false);
    expect(isOverdue(null, "NOT_STARTED", "2026-01-02")).toBe(false);
  });
});
