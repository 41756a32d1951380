import { describe, expect, it } from "vitest";
import { ageInDays, approvalExpiry, DEFAULT_TIER_POLICY, refuseDecider, stateAfterDecision, type DeciderFacts } from "./policy-rules";

const facts = (over: Partial<DeciderFacts> = {}): DeciderFacts => ({
  reviewerId: "rev",
  mayDecide: true,
  requesterId: "req",
  ownerIds: ["own"],
  contributorIds: ["con"],
  decidedThisRound: [],
  ...over,
});

describe("[APPROVALS] separation of duties", () => {
  it("an independent reviewer may decide", () => {
    expect(refuseDecider(facts())).toBeNull();
  });
  it("the requester never decides their own request", () => {
    expect(refuseDecider(facts({ reviewerId: "req" }))).toMatch(/You requested this approval/);
  });
  it("nor does the system's owner (now or when pinned)", () => {
    expect(refuseDecider(facts({ reviewerId: "own" }))).toMatch(/You own this system/);
    expect(refuseDecider(facts({ reviewerId: "old", ownerIds: ["own", "old"] }))).toMatch(/You own this system/);
  });
  it("nor a contributor", () => {
    expect(refuseDecider(facts({ reviewerId: "con" }))).toMatch(/You contribute to this system/);
  });
  it("nor a role without the decide permission", () => {
    expect(refuseDecider(facts({ mayDecide: false }))).toMatch(/Only a security reviewer or an admin/);
  });
  it("one decision per reviewer per round: the second approval must be someone else", () => {
    expect(refuseDecider(facts({ decidedThisRound: ["rev"] }))).toMatch(/another reviewer/);
    expect(refuseDecider(facts({ decidedThisRound: ["other"] }))).toBeNull();
  });
});

describe("[APPROVALS] two-approver policy", () => {
  it("HIGH and CRITICAL need two approvals by default, LOW and MEDIUM one", () => {
    expect(DEFAULT_TIER_POLICY.HIGH.approvalsRequired).toBe(2);
    expect(DEFAULT_TIER_POLICY.CRITICAL.approvalsRequired).toBe(2);
    expect(DEFAULT_TIER_POLICY.LOW.approvalsRequired).toBe(1);
    expect(DEFAULT_TIER_POLICY.MEDIUM.approvalsRequired).toBe(1);
  });
  it("one approval of two keeps the request awaiting review; the second approves", () => {
    expect(stateAfterDecision({ outcome: "APPROVE", approvalsSoFar: 1, approvalsRequired: 2 })).toBe("SUBMITTED");
    expect(stateAfterDecision({ outcome: "APPROVE", approvalsSoFar: 2, approvalsRequired: 2 })).toBe("APPROVED");
    expect(stateAfterDecision({ outcome: "APPROVE", approvalsSoFar: 1, approvalsRequired: 1 })).toBe("APPROVED");
  });
  it("reject and request changes act at once, whatever the count", () => {
    expect(stateAfterDecision({ outcome: "REJECT", approvalsSoFar: 1, approvalsRequired: 2 })).toBe("REJECTED");
    expect(stateAfterDecision({ outcome: "REQUEST_CHANGES", approvalsSoFar: 1, approvalsRequired: 2 })).toBe("CHANGES_REQUESTED");
  });
});

describe("[APPROVALS] expiry", () => {
  const approvedAt = new Date("2026-12-01T10:00:00.000Z");
  it("holds for the tier's validity", () => {
    expect(approvalExpiry(approvedAt, 90).toISOString()).toBe("2027-03-01T10:00:00.000Z");
  });
  it("an exception that ends earlier caps it at the end of its last day (UTC)", () => {
    expect(approvalExpiry(approvedAt, 90, "2026-12-15").toISOString()).toBe("2026-12-15T23:59:59.999Z");
    expect(approvalExpiry(approvedAt, 10, "2027-01-31").toISOString()).toBe("2026-12-11T10:00:00.000Z");
  });
  it("age in whole UTC calendar days, never negative", () => {
    expect(ageInDays(new Date("2026-11-28T12:00:00Z"), new Date("2026-12-01T11:00:00Z"))).toBe(3); // calendar days (lib/dates.ts)
    expect(ageInDays(new Date("2026-12-02T00:00:00Z"), new Date("2026-12-01T00:00:00Z"))).toBe(0);
  });
});
