import { describe, expect, it } from "vitest";
import { diffSnapshots, stalenessReasons } from "./staleness";
import { item, passingSnapshot } from "./test-snapshot";

const NOW = new Date("2026-12-01T12:00:00.000Z");

describe("[APPROVALS] staleness triggers", () => {
  it("an identical system is not stale", () => {
    expect(stalenessReasons(passingSnapshot(), passingSnapshot(), NOW)).toEqual([]);
  });
  it("a changed pinned SHA-256 makes it stale", () => {
    const now = passingSnapshot();
    now.assets[0]!.sha256 = "f".repeat(64);
    expect(stalenessReasons(passingSnapshot(), now, NOW)).toEqual(['The pinned digest of the model "llm" 1 asset changed.']);
  });
  it("a changed other digest makes it stale too", () => {
    const now = passingSnapshot();
    now.assets[1]!.otherDigests = [];
    expect(stalenessReasons(passingSnapshot(), now, NOW)).toEqual(['The pinned digest of the dataset "faq" 3 asset changed.']);
  });
  it("an added or removed asset makes it stale", () => {
    const added = passingSnapshot();
    added.assets.push({ id: "a-new", kind: "TOOL_CONNECTOR", name: "crm", version: null, sha256: null, otherDigests: [] });
    expect(stalenessReasons(passingSnapshot(), added, NOW)).toEqual(['The tool connector "crm" asset was added.']);
    const removed = passingSnapshot();
    removed.assets.pop();
    expect(stalenessReasons(passingSnapshot(), removed, NOW)).toEqual(['The prompt "system prompt" asset was removed.']);
  });
  it("renaming an asset (same digests) does not", () => {
    const now = passingSnapshot();
    now.assets[2]!.name = "renamed prompt";
    expect(stalenessReasons(passingSnapshot(), now, NOW)).toEqual([]);
  });
  it("a gated checklist item that regresses makes it stale; a non-gated one does not", () => {
    const now = passingSnapshot();
    now.checklist!.items[0] = item("DES-1.1", { status: "IN_PROGRESS" });
    expect(stalenessReasons(passingSnapshot(), now, NOW)).toEqual(["Checklist control DES-1.1 regressed: from met to in progress."]);
    const other = passingSnapshot();
    other.checklist!.items[7] = item("DEC-1.1", { status: "NOT_MET" });
    other.checklist!.items[6] = item("OPS-3.1", { status: "NOT_MET" });
    expect(stalenessReasons(passingSnapshot(), other, NOW)).toEqual([]);
  });
  it("a MET item whose evidence was deleted or unlinked regresses", () => {
    const now = passingSnapshot();
    now.checklist!.items[2] = item("DEV-2.1", { evidence: [] });
    expect(stalenessReasons(passingSnapshot(), now, NOW)).toEqual(["Checklist control DEV-2.1 regressed: its evidence no longer holds."]);
  });
  it("time alone never makes it stale (evidence expiring hits both sides alike)", () => {
    const pinned = passingSnapshot();
    pinned.checklist!.items[0] = item("DES-1.1", { evidence: [{ id: "e", effectiveDate: "2026-01-01", expiresAt: "2026-12-10", deleted: false, superseded: false }] });
    const now = structuredClone(pinned);
    expect(stalenessReasons(pinned, now, new Date("2026-12-20T00:00:00Z"))).toEqual([]);
  });
  it("the threat model regressing makes it stale: no reviewed version, or its residual rule now fails", () => {
    const gone = passingSnapshot();
    gone.threatModel = null;
    expect(stalenessReasons(passingSnapshot(), gone, NOW)).toEqual(["The reviewed threat model (version 2) is no longer in force."]);
    const worse = passingSnapshot();
    worse.threatModel!.version = 3;
    Object.assign(worse.threatModel!.threats[0]!, { treatment: null, residualLikelihood: null, residualImpact: null });
    expect(stalenessReasons(passingSnapshot(), worse, NOW)[0]).toMatch(/^The threat model regressed: 1 threat above the threshold/);
    const better = passingSnapshot();
    better.threatModel!.version = 3;
    better.threatModel!.id = "tm2";
    expect(stalenessReasons(passingSnapshot(), better, NOW)).toEqual([]);
  });
});

describe("[APPROVALS] snapshot diff", () => {
  it("reports profile, asset, checklist and threat-model changes", () => {
    const next = passingSnapshot();
    next.system.riskTier = "CRITICAL";
    next.assets[0]!.sha256 = "e".repeat(64);
    next.assets.push({ id: "a-new", kind: "LIBRARY", name: "langchain", version: "0.3", sha256: null, otherDigests: [] });
    next.checklist!.items[0] = item("DES-1.1", { status: "IN_PROGRESS" });
    next.threatModel!.id = "tm2";
    next.threatModel!.version = 3;
    const diff = diffSnapshots(passingSnapshot(), next);
    expect(diff.empty).toBe(false);
    expect(diff.system).toEqual([{ kind: "changed", subject: "riskTier", detail: "HIGH → CRITICAL" }]);
    expect(diff.assets).toEqual([
      { kind: "changed", subject: 'model "llm" 1', detail: "sha256 aaaaaaaaaaaa → eeeeeeeeeeee" },
      { kind: "added", subject: 'library "langchain" 0.3', detail: "no SHA-256 digest" },
    ]);
    expect(diff.checklist).toEqual([{ kind: "changed", subject: "DES-1.1", detail: "met → in progress" }]);
    expect(diff.threatModel).toEqual([{ kind: "changed", subject: "Threat model", detail: "version 2 → version 3" }]);
  });
  it("an unchanged system diffs empty", () => {
    expect(diffSnapshots(passingSnapshot(), passingSnapshot()).empty).toBe(true);
  });
});
