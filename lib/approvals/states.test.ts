import { describe, expect, it } from "vitest";
import { ApprovalState } from "@/generated/prisma/enums";
import { APPROVAL_STATES, APPROVAL_TRANSITIONS, canApprovalTransition, isFinalApprovalState } from "./states";

const STATES = Object.values(ApprovalState);

/** DESIGN.md's approval moves, written out independently of the table. */
const ALLOWED = new Set([
  "DRAFT>SUBMITTED",
  "DRAFT>WITHDRAWN",
  "SUBMITTED>APPROVED",
  "SUBMITTED>REJECTED",
  "SUBMITTED>CHANGES_REQUESTED",
  "SUBMITTED>WITHDRAWN",
  "SUBMITTED>STALE",
  "CHANGES_REQUESTED>SUBMITTED",
  "CHANGES_REQUESTED>WITHDRAWN",
  "APPROVED>EXPIRED",
  "APPROVED>REVOKED",
  "APPROVED>STALE",
]);

describe("[APPROVALS] state machine", () => {
  it("lists every state of the database enum", () => {
    expect([...APPROVAL_STATES].sort()).toEqual([...STATES].sort());
  });

  it.each(STATES.flatMap((from) => STATES.map((to) => [from, to] as const)))("%s → %s is allowed exactly when the design says so", (from, to) => {
    expect(canApprovalTransition(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
  });

  it("the table holds exactly the allowed moves", () => {
    const listed = Object.entries(APPROVAL_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`));
    expect(new Set(listed)).toEqual(ALLOWED);
  });

  it("REJECTED, WITHDRAWN, EXPIRED, REVOKED and STALE are final", () => {
    expect(STATES.filter(isFinalApprovalState).sort()).toEqual(["EXPIRED", "REJECTED", "REVOKED", "STALE", "WITHDRAWN"]);
  });
});
