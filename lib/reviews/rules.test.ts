import { describe, expect, it } from "vitest";
import { addDays, assetChanges, DEFAULT_REVIEW_INTERVALS, describeChange, nextReviewFrom, pullForward, systemChanges } from "./rules";

describe("[REVIEW] next-review derivation", () => {
  it("adds the tier's interval to the last review (defaults 90/180/365/365), across month and leap-year ends", () => {
    expect(nextReviewFrom("2026-11-30", "CRITICAL")).toBe("2027-02-28");
    expect(nextReviewFrom("2026-11-30", "HIGH")).toBe("2027-05-29");
    expect(nextReviewFrom("2026-11-30", "MEDIUM")).toBe("2027-11-30");
    expect(nextReviewFrom("2027-03-01", "LOW")).toBe("2028-02-29");
    expect(nextReviewFrom("2026-01-31", "CRITICAL", { ...DEFAULT_REVIEW_INTERVALS, CRITICAL: 30 })).toBe("2026-03-02");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("only raising tier or autonomy is a major change", () => {
    expect(systemChanges({ riskTier: "MEDIUM", autonomy: "ASSISTIVE" }, { riskTier: "HIGH", autonomy: "AGENTIC" })).toEqual([
      { kind: "TIER_RAISED", from: "MEDIUM", to: "HIGH" },
      { kind: "AUTONOMY_RAISED", from: "ASSISTIVE", to: "AGENTIC" },
    ]);
    expect(systemChanges({ riskTier: "HIGH", autonomy: "AGENTIC" }, { riskTier: "LOW", autonomy: "NONE" })).toEqual([]);
  });

  it("a new or changed model digest and a capability the asset did not have are major; the same digest or a tool's digest are not", () => {
    const model = { kind: "MODEL", name: "llama-3.1-8b", sha256: "a".repeat(64), capabilities: [] };
    expect(assetChanges(null, model)).toEqual([{ kind: "NEW_MODEL_DIGEST", asset: "llama-3.1-8b", digest: "a".repeat(64) }]);
    expect(assetChanges(model, { ...model })).toEqual([]);
    expect(assetChanges(model, { ...model, sha256: "b".repeat(64) })).toHaveLength(1);
    expect(assetChanges({ ...model, kind: "TOOL_CONNECTOR" }, { ...model, kind: "TOOL_CONNECTOR", sha256: "c".repeat(64) })).toEqual([]);
    const tool = { kind: "TOOL_CONNECTOR", name: "payments", sha256: null, capabilities: ["READ_INTERNAL_DATA"] };
    expect(assetChanges(tool, { ...tool, capabilities: ["READ_INTERNAL_DATA", "SPEND_MONEY"] })).toEqual([{ kind: "NEW_CAPABILITY", asset: "payments", capability: "SPEND_MONEY" }]);
    expect(describeChange({ kind: "NEW_CAPABILITY", asset: "payments", capability: "SPEND_MONEY" })).toBe("new capability spend money on payments");
  });

  it("a major change pulls the date to at most 30 days out, or the raised tier's date if sooner, and says why", () => {
    const changes = [{ kind: "TIER_RAISED", from: "MEDIUM", to: "CRITICAL" }] as const;
    expect(pullForward({ current: "2027-06-01", anchor: "2026-06-01", tier: "CRITICAL", today: "2026-11-30", changes })).toEqual({
      due: "2026-08-30",
      reason: "Brought forward on 2026-11-30: risk tier raised from Medium to Critical.",
    });
    expect(pullForward({ current: "2027-06-01", anchor: "2026-11-01", tier: "CRITICAL", today: "2026-11-30", changes })!.due).toBe("2026-12-30");
  });

  it("never pushes a date back, and no change moves nothing", () => {
    const changes = [{ kind: "NEW_CAPABILITY", asset: "payments", capability: "SPEND_MONEY" }] as const;
    expect(pullForward({ current: "2026-12-05", anchor: "2026-01-01", tier: "LOW", today: "2026-11-30", changes })).toBeNull();
    expect(pullForward({ current: "2027-06-01", anchor: "2026-06-01", tier: "LOW", today: "2026-11-30", changes: [] })).toBeNull();
    expect(pullForward({ current: null, anchor: "2026-06-01", tier: "LOW", today: "2026-11-30", changes })!.due).toBe("2026-12-30");
  });
});
