import { describe, expect, it } from "vitest";
import { evaluateGate, gateAllowDeploys, type GateApproval, type GateSystem } from "./evaluate";

const now = new Date("2026-12-01T00:00:00Z");
const A = `sha256:${"a".repeat(64)}`;
const B = `sha256:${"b".repeat(64)}`;
const system: GateSystem = { id: "sys1", slug: "support-bot", lifecycle: "DEPLOYED", archived: false, visible: true };
const approval: GateApproval = { id: "ap1", state: "APPROVED", expiresAt: new Date("2027-01-01T00:00:00Z"), digests: [A, B] };
const run = (over: { system?: GateSystem | null; approval?: GateApproval | null; digests?: string[] }) =>
  evaluateGate({ systemSlug: "support-bot", environment: "production", system: over.system === undefined ? system : over.system, approval: over.approval === undefined ? approval : over.approval, digests: over.digests ?? [A], now });
const codes = (d: ReturnType<typeof run>) => d.reasons.map((r) => r.code);

describe("[GATE] decision rules", () => {
  it("allows approved digests of a valid approval, with expiry and approval id", () => {
    const d = run({ digests: [A, B] });
    expect(d).toMatchObject({ allow: true, approvalId: "ap1", expiresAt: "2027-01-01T00:00:00.000Z" });
    expect(codes(d)).toEqual(["APPROVED"]);
  });
  it("denies a digest that was not approved, naming it", () => {
    const other = `sha256:${"c".repeat(64)}`;
    const d = run({ digests: [A, other] });
    expect(d.allow).toBe(false);
    expect(codes(d)).toEqual(["DIGEST_NOT_APPROVED"]);
    expect(d.reasons[0]!.message).toContain(other);
    expect(d.reasons[0]!.fix).toBe("/systems/sys1/approvals");
  });
  it("denies without an approval for the environment", () => {
    expect(codes(run({ approval: null }))).toEqual(["NO_APPROVAL"]);
  });
  it("denies stale (with the reason), revoked, expired-by-state and expired-by-time approvals", () => {
    const stale = run({ approval: { ...approval, state: "STALE", staleReason: "model digest changed" } });
    expect(codes(stale)).toEqual(["APPROVAL_STALE"]);
    expect(stale.reasons[0]!.message).toContain("model digest changed");
    expect(codes(run({ approval: { ...approval, state: "REVOKED" } }))).toEqual(["APPROVAL_REVOKED"]);
    expect(codes(run({ approval: { ...approval, state: "EXPIRED" } }))).toEqual(["APPROVAL_EXPIRED"]);
    expect(codes(run({ approval: { ...approval, expiresAt: now } }))).toEqual(["APPROVAL_EXPIRED"]);
    expect(run({ approval: { ...approval, expiresAt: new Date(now.getTime() + 1) } }).allow).toBe(true);
    expect(codes(run({ approval: { ...approval, state: "SUBMITTED" } }))).toEqual(["APPROVAL_NOT_DECIDED"]);
  });
  it("denies a paused or retired system even with a valid approval, linking to the fix", () => {
    const paused = run({ system: { ...system, lifecycle: "PAUSED" } });
    expect(codes(paused)).toEqual(["SYSTEM_PAUSED"]);
    expect(paused.reasons[0]!.fix).toBe("/systems/sys1/incidents");
    const byIncident = run({ system: { ...system, lifecycle: "PAUSED", pausedBy: { id: "inc1", ref: "INC-0007" } } });
    expect(byIncident.reasons).toEqual([{ code: "SYSTEM_PAUSED", message: expect.stringContaining("paused by incident INC-0007"), fix: "/incidents/inc1" }]);
    expect(codes(run({ system: { ...system, lifecycle: "RETIRED" } }))).toEqual(["SYSTEM_RETIRED"]);
    expect(codes(run({ system: { ...system, archived: true } }))).toEqual(["SYSTEM_ARCHIVED"]);
    expect(run({ system: { ...system, lifecycle: "APPROVED" } }).allow).toBe(true);
  });
  it("denies a retiring system, linking its decommissioning page", () => {
    const retiring = run({ system: { ...system, lifecycle: "RETIRING" } });
    expect(retiring.allow).toBe(false);
    expect(retiring.reasons).toEqual([{ code: "SYSTEM_RETIRING", message: expect.stringContaining("being retired"), fix: "/systems/sys1/decommissioning" }]);
  });
  it("denies while a severe incident is open on the system, naming it and linking its page", () => {
    const one = run({ system: { ...system, severeIncident: { id: "inc9", ref: "INC-0009", others: 0 } } });
    expect(one.allow).toBe(false);
    expect(one.reasons).toEqual([{ code: "OPEN_SEVERE_INCIDENT", message: 'Severe incident INC-0009 on "support-bot" is open; it must be resolved before the system deploys.', fix: "/incidents/inc9" }]);
    const more = run({ system: { ...system, severeIncident: { id: "inc9", ref: "INC-0009", others: 2 } } });
    expect(more.reasons[0]!.message).toContain("INC-0009 (and 2 more)");
    expect(run({ system: { ...system, severeIncident: null } }).allow).toBe(true);
  });
  it("a stale reason that ends in a period reads as one sentence", () => {
    const stale = run({ approval: { ...approval, state: "STALE", staleReason: "The pinned digest of the model support-llm changed." } });
    expect(stale.reasons[0]!.message).toBe("The approval for production is stale: The pinned digest of the model support-llm changed; request a new one.");
    expect(run({ approval: { ...approval, state: "STALE", staleReason: null } }).reasons[0]!.message).toBe("The approval for production is stale; request a new one.");
  });
  it("the unknown-system answer speaks to a token or to a signed-in user", () => {
    const base = { systemSlug: "nope", environment: "production", system: null, approval: null, digests: [A], now };
    expect(evaluateGate(base).reasons[0]!.message).toBe('No system "nope" that this token may see.');
    expect(evaluateGate({ ...base, caller: "token" }).reasons[0]!.message).toBe('No system "nope" that this token may see.');
    expect(evaluateGate({ ...base, caller: "user" }).reasons[0]!.message).toBe('No system "nope" that you may see.');
  });
  it("only an allow for a production environment of an APPROVED system deploys it", () => {
    const approved = { ...system, lifecycle: "APPROVED" };
    const allow = run({ system: approved });
    expect(gateAllowDeploys(allow, approved, true)).toBe(true);
    expect(gateAllowDeploys(allow, approved, false)).toBe(false);
    expect(gateAllowDeploys(run({}), system, true)).toBe(false);
    const denied = run({ system: approved, digests: [`sha256:${"d".repeat(64)}`] });
    expect(gateAllowDeploys(denied, approved, true)).toBe(false);
    expect(gateAllowDeploys(allow, null, true)).toBe(false);
  });
  it("reports every failed rule at once", () => {
    expect(codes(run({ system: { ...system, lifecycle: "PAUSED" }, approval: { ...approval, state: "REVOKED" }, digests: [`sha256:${"d".repeat(64)}`] }))).toEqual([
      "SYSTEM_PAUSED",
      "APPROVAL_REVOKED",
      "DIGEST_NOT_APPROVED",
    ]);
  });
  it("answers an unknown and an invisible system the same way", () => {
    const unknown = run({ system: null });
    const hidden = run({ system: { ...system, visible: false } });
    expect(codes(unknown)).toEqual(["UNKNOWN_SYSTEM"]);
    expect(hidden).toEqual(unknown);
  });
});
