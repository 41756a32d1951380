import { describe, expect, it } from "vitest";
import { JUSTIFICATION_MIN, justificationRefusal, onlyJustificationRefusals } from "./rules";
import { bulkJustificationProblem, pastDueDateHint, selectAllLabel } from "./selection-hints";

describe("[CHECKLIST] bulk bar hints", () => {
  it("says 'in this filter' only when a filter is set", () => {
    expect(selectAllLabel(80, false)).toBe("Select all 80 items");
    expect(selectAllLabel(1, false)).toBe("Select all 1 item");
    expect(selectAllLabel(12, true)).toBe("Select all 12 in this filter");
  });

  it("checks the justification with the service's rule before the dialog opens", () => {
    expect(bulkJustificationProblem("")).toMatch(`at least ${JUSTIFICATION_MIN} characters`);
    expect(bulkJustificationProblem(" ".repeat(40))).not.toBeNull();
    expect(bulkJustificationProblem("x".repeat(JUSTIFICATION_MIN - 1))).not.toBeNull();
    expect(bulkJustificationProblem("x".repeat(JUSTIFICATION_MIN))).toBeNull();
  });

  it("recognises a server refusal that is only about the justification, however many items", () => {
    const refusals = Object.fromEntries(["OPS-2.4", "OPS-1.1", "DES-1.1"].map((code) => [code, [justificationRefusal(code)]]));
    expect(onlyJustificationRefusals(refusals)).toBe(true);
    expect(onlyJustificationRefusals({ ...refusals, "DEV-1.1": ["Attach at least one valid (current, unexpired) evidence item before marking DEV-1.1 as met."] })).toBe(false);
    expect(onlyJustificationRefusals({ "OPS-2.4": [justificationRefusal("OPS-1.1")] })).toBe(false);
    expect(onlyJustificationRefusals({})).toBe(false);
    expect(onlyJustificationRefusals(undefined)).toBe(false);
  });

  it("hints at a past due date without refusing it", () => {
    expect(pastDueDateHint("1999-01-01", "2026-12-02")).toMatch(/in the past/);
    expect(pastDueDateHint("2026-12-01", "2026-12-02")).toMatch(/in the past/);
    expect(pastDueDateHint("2026-12-02", "2026-12-02")).toBeNull();
    expect(pastDueDateHint("2027-01-31", "2026-12-02")).toBeNull();
    expect(pastDueDateHint("", "2026-12-02")).toBeNull();
    expect(pastDueDateHint("2027-02-30", "2026-12-02")).toBeNull();
  });
});
