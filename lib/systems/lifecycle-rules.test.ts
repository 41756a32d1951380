import { describe, expect, it } from "vitest";
import { LifecycleState } from "@/generated/prisma/enums";
import { canTransition, editableLifecycleOptions, LIFECYCLE_TRANSITIONS, refuseLifecycleEdit } from "./lifecycle-rules";

const STATES = Object.values(LifecycleState);

/** The design's moves (DESIGN.md) plus the documented extras, written out independently of the table. */
const ALLOWED = new Set([
  "DRAFT>IN_REVIEW",
  "IN_REVIEW>DRAFT",
  "IN_REVIEW>APPROVED",
  "APPROVED>DEPLOYED",
  "APPROVED>IN_REVIEW",
  "APPROVED>RETIRING",
  "APPROVED>PAUSED",
  "DEPLOYED>PAUSED",
  "DEPLOYED>RETIRING",
  "PAUSED>DEPLOYED",
  "PAUSED>APPROVED",
  "PAUSED>RETIRING",
  "RETIRING>RETIRED",
]);

describe("[SYSTEMS] lifecycle rules", () => {
  it.each(STATES.flatMap((from) => STATES.map((to) => [from, to] as const)))("%s → %s follows the table", (from, to) => {
    const expected = from === to || ALLOWED.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(expected);
  });

  it("the table lists exactly the allowed moves", () => {
    const listed = Object.entries(LIFECYCLE_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`));
    expect(new Set(listed)).toEqual(ALLOWED);
  });

  it("an edit never sets a workflow state, and names the workflow", () => {
    for (const to of ["APPROVED", "DEPLOYED", "PAUSED", "RETIRING", "RETIRED"] as const) {
      for (const from of STATES.filter((s) => s !== to)) {
        expect(refuseLifecycleEdit(from, to)).toMatch(new RegExp(`^${to} is reached only through`));
      }
    }
    expect(refuseLifecycleEdit("IN_REVIEW", "APPROVED")).toMatch(/approval decision/);
    expect(refuseLifecycleEdit("APPROVED", "DEPLOYED")).toMatch(/deployment/);
  });

  it("an edit moves between DRAFT and IN_REVIEW only, and sending the current state is no move", () => {
    expect(refuseLifecycleEdit("DRAFT", "IN_REVIEW")).toBeNull();
    expect(refuseLifecycleEdit("IN_REVIEW", "DRAFT")).toBeNull();
    expect(refuseLifecycleEdit("APPROVED", "APPROVED")).toBeNull();
    expect(refuseLifecycleEdit("APPROVED", "IN_REVIEW")).toMatch(/only through its workflows/);
    expect(refuseLifecycleEdit("DEPLOYED", "DRAFT")).toMatch(/only through its workflows/);
  });

  it("the form offers only editable states", () => {
    expect(editableLifecycleOptions("DRAFT")).toEqual(["DRAFT", "IN_REVIEW"]);
    expect(editableLifecycleOptions("IN_REVIEW")).toEqual(["IN_REVIEW", "DRAFT"]);
    for (const s of ["APPROVED", "DEPLOYED", "PAUSED", "RETIRING", "RETIRED"] as const) expect(editableLifecycleOptions(s)).toEqual([]);
  });
});
