import { describe, expect, it } from "vitest";
import {
  type ApplicabilityRule,
  type SystemProfile,
  ZApplicabilityRule,
  ZBoundedApplicabilityRule,
  describeRule,
  evaluateApplicability,
  evaluateControls,
} from "./applicability";
import { flattenControls, loadLibrary } from "./load-library";

const lowInternal: SystemProfile = {
  riskTier: "LOW",
  dataSensitivity: "INTERNAL",
  autonomy: "NONE",
  exposure: "INTERNAL",
  lifecycle: "DEPLOYED",
  assetKinds: [],
  capabilities: [],
};

const highAgentic: SystemProfile = {
  riskTier: "HIGH",
  dataSensitivity: "CONFIDENTIAL",
  autonomy: "AGENTIC",
  exposure: "INTERNET_FACING",
  lifecycle: "DEPLOYED",
  assetKinds: ["MODEL", "PROMPT", "VENDOR_API", "TOOL_CONNECTOR", "AGENT_IDENTITY", "CREDENTIAL"],
  capabilities: ["EXECUTE_CODE", "READ_INTERNAL_DATA"],
};

describe("[CONTROLS] evaluateApplicability leaves", () => {
  const cases: { name: string; rule: ApplicabilityRule; profile: SystemProfile; applies: boolean; reason: string }[] = [
    {
      name: "always",
      rule: { always: true },
      profile: lowInternal,
      applies: true,
      reason: "Applies: it applies to every system.",
    },
    {
      name: "tier at threshold",
      rule: { tierAtLeast: "HIGH" },
      profile: highAgentic,
      applies: true,
      reason: "Applies: the system's risk tier is high.",
    },
    {
      name: "tier above threshold",
      rule: { tierAtLeast: "HIGH" },
      profile: { ...highAgentic, riskTier: "CRITICAL" },
      applies: true,
      reason: "Applies: the system's risk tier is critical (at least high).",
    },
    {
      name: "tier below threshold",
      rule: { tierAtLeast: "HIGH" },
      profile: { ...highAgentic, riskTier: "MEDIUM" },
      applies: false,
      reason: "Not applicable: the system's risk tier is medium (below high).",
    },
    {
      name: "sensitivity",
      rule: { sensitivityAtLeast: "CONFIDENTIAL" },
      profile: lowInternal,
      applies: false,
      reason: "Not applicable: the system handles internal data (below confidential).",
    },
    {
      name: "agentic",
      rule: { autonomyIn: ["AGENTIC"] },
      profile: highAgentic,
      applies: true,
      reason: "Applies: the system is agentic.",
    },
    {
      name: "not agentic",
      rule: { autonomyIn: ["AGENTIC"] },
      profile: lowInternal,
      applies: false,
      reason: "Not applicable: the system is non-autonomous, not agentic.",
    },
    {
      name: "exposure",
      rule: { exposureIn: ["INTERNET_FACING"] },
      profile: lowInternal,
      applies: false,
      reason: "Not applicable: the system is internal, not internet-facing.",
    },
    {
      name: "lifecycle",
      rule: { lifecycleIn: ["RETIRING", "RETIRED"] },
      profile: { ...lowInternal, lifecycle: "RETIRING" },
      applies: true,
      reason: "Applies: the system is retiring.",
    },
    {
      name: "asset kind present",
      rule: { hasAssetKind: "VENDOR_API" },
      profile: highAgentic,
      applies: true,
      reason: "Applies: the system has a vendor API asset.",
    },
    {
      name: "asset kind absent",
      rule: { hasAssetKind: "VENDOR_API" },
      profile: lowInternal,
      applies: false,
      reason: "Not applicable: the system has no vendor API assets.",
    },
    {
      name: "asset kind with 'an'",
      rule: { hasAssetKind: "AGENT_IDENTITY" },
      profile: highAgentic,
      applies: true,
      reason: "Applies: the system has an agent identity asset.",
    },
    {
      name: "capability present",
      rule: { hasCapability: "EXECUTE_CODE" },
      profile: highAgentic,
      applies: true,
      reason: "Applies: the system can execute code.",
    },
    {
      name: "capability absent",
      rule: { hasCapability: "SPEND_MONEY" },
      profile: highAgentic,
      applies: false,
      reason: "Not applicable: no asset lets the system spend money.",
    },
  ];

  it.each(cases)("$name", ({ rule, profile, applies, reason }) => {
    expect(evaluateApplicability(rule, profile)).toEqual({ applies, reason });
  });
});

describe("[CONTROLS] evaluateApplicability combinators", () => {
  const vendorOrInternet: ApplicabilityRule = { any: [{ exposureIn: ["INTERNET_FACING"] }, { hasAssetKind: "VENDOR_API" }] };

  it("any: the first matching branch explains why it applies", () => {
    expect(evaluateApplicability(vendorOrInternet, { ...lowInternal, assetKinds: ["VENDOR_API"] })).toEqual({
      applies: true,
      reason: "Applies: the system has a vendor API asset.",
    });
  });

  it("any: every branch explains why it does not", () => {
    expect(evaluateApplicability(vendorOrInternet, lowInternal)).toEqual({
      applies: false,
      reason: "Not applicable: the system is internal, not internet-facing; the system has no vendor API assets.",
    });
  });

  it("all: every condition explains why it applies; only failures explain why not", () => {
    const rule: ApplicabilityRule = { all: [{ hasAssetKind: "VENDOR_API" }, { tierAtLeast: "HIGH" }] };
    expect(evaluateApplicability(rule, highAgentic)).toEqual({
      applies: true,
      reason: "Applies: the system has a vendor API asset and the system's risk tier is high.",
    });
    expect(evaluateApplicability(rule, { ...highAgentic, riskTier: "LOW" })).toEqual({
      applies: false,
      reason: "Not applicable: the system's risk tier is low (below high).",
    });
  });

  it("not: inverts and reuses the facts", () => {
    const rule: ApplicabilityRule = { not: { lifecycleIn: ["RETIRED"] } };
    expect(evaluateApplicability(rule, { ...lowInternal, lifecycle: "RETIRED" })).toEqual({
      applies: false,
      reason: "Not applicable: the system is retired.",
    });
    expect(evaluateApplicability(rule, lowInternal)).toEqual({
      applies: true,
      reason: "Applies: the system is deployed, not retired.",
    });
  });

  it("merges missing asset kinds and capabilities into one clause", () => {
    const kinds: ApplicabilityRule = { any: [{ hasAssetKind: "MODEL" }, { hasAssetKind: "DATASET" }, { hasAssetKind: "ADAPTER" }] };
    expect(evaluateApplicability(kinds, lowInternal).reason).toBe("Not applicable: the system has no model, dataset or adapter assets.");
    const mixed: ApplicabilityRule = {
      any: [{ autonomyIn: ["AGENTIC"] }, { hasCapability: "SPEND_MONEY" }, { hasCapability: "SEND_MESSAGES" }],
    };
    expect(evaluateApplicability(mixed, lowInternal).reason).toBe(
      "Not applicable: the system is non-autonomous, not agentic; no asset lets the system spend money or send messages.",
    );
    expect(evaluateApplicability(mixed, { ...lowInternal, capabilities: ["SEND_MESSAGES"] }).reason).toBe(
      "Applies: the system can send messages.",
    );
  });

  it("evaluateControls annotates each control", () => {
    const result = evaluateControls(
      [
        { id: "a", applicability: { always: true } as ApplicabilityRule },
        { id: "b", applicability: { hasCapability: "WRITE_MEMORY" } as ApplicabilityRule },
      ],
      lowInternal,
    );
    expect(result.map((r) => [r.id, r.applies])).toEqual([
      ["a", true],
      ["b", false],
    ]);
  });
});

describe("[CONTROLS] describeRule", () => {
  it.each<[ApplicabilityRule, string]>([
    [{ always: true }, "All systems"],
    [{ autonomyIn: ["AGENTIC"] }, "Agentic systems only"],
    [{ exposureIn: ["INTERNET_FACING"] }, "Internet-facing systems only"],
    [{ tierAtLeast: "HIGH" }, "High or critical risk tier"],
    [{ tierAtLeast: "MEDIUM" }, "Medium, high or critical risk tier"],
    [{ tierAtLeast: "LOW" }, "Any risk tier"],
    [{ sensitivityAtLeast: "CONFIDENTIAL" }, "Confidential or restricted data"],
    [{ hasAssetKind: "VENDOR_API" }, "Systems with a vendor API asset"],
    [{ hasCapability: "EXECUTE_CODE" }, "Systems that can execute code"],
    [{ lifecycleIn: ["RETIRING", "RETIRED"] }, "Retiring or retired systems only"],
    [{ any: [{ autonomyIn: ["AGENTIC"] }, { hasCapability: "BROWSE_WEB" }] }, "Agentic systems or systems that can browse the web"],
    [{ tierAtLeast: "CRITICAL" }, "Critical risk tier"],
    [{ all: [{ hasAssetKind: "VENDOR_API" }, { tierAtLeast: "HIGH" }] }, "Systems with a vendor API asset and risk tier high or above"],
    [{ any: [{ hasAssetKind: "MODEL" }, { hasAssetKind: "DATASET" }, { hasAssetKind: "ADAPTER" }] }, "Systems with a model, dataset or adapter asset"],
    [
      { any: [{ autonomyIn: ["AGENTIC"] }, { hasCapability: "SPEND_MONEY" }, { hasCapability: "SEND_MESSAGES" }] },
      "Agentic systems, or systems that can spend money or send messages",
    ],
    [
      { all: [{ any: [{ hasAssetKind: "MODEL" }, { hasAssetKind: "ADAPTER" }] }, { exposureIn: ["INTERNET_FACING"] }] },
      "(Systems with a model or adapter asset) and internet-facing systems",
    ],
    [{ any: [{ sensitivityAtLeast: "CONFIDENTIAL" }, { exposureIn: ["INTERNET_FACING"] }] }, "Confidential or more sensitive data, or internet-facing systems"],
    [{ not: { autonomyIn: ["AGENTIC"] } }, "Excluding agentic systems"],
  ])("%j → %s", (rule, text) => {
    expect(describeRule(rule)).toBe(text);
  });

  it("describes every rule in the shipped library", () => {
    for (const control of flattenControls(loadLibrary())) {
      const text = describeRule(control.applicability);
      expect(text.length, control.id).toBeGreaterThan(3);
      // Words people read, never a stored value such as HIGH or IN_REVIEW.
      expect(text, control.id).not.toMatch(/\b(LOW|MEDIUM|HIGH|CRITICAL|PUBLIC|INTERNAL|CONFIDENTIAL|RESTRICTED|[A-Z]+_[A-Z_]+)\b/);
    }
  });
});

describe("[CONTROLS] rule schema", () => {
  it("accepts nested rules", () => {
    const rule = { all: [{ any: [{ hasAssetKind: "MODEL" }, { hasAssetKind: "ADAPTER" }] }, { exposureIn: ["INTERNET_FACING"] }] };
    expect(ZApplicabilityRule.safeParse(rule).success).toBe(true);
  });

  it.each([
    ["unknown operator", { tierAbove: "HIGH" }],
    ["unknown tier", { tierAtLeast: "EXTREME" }],
    ["unknown asset kind", { hasAssetKind: "GPU" }],
    ["unknown capability", { hasCapability: "LAUNCH_MISSILES" }],
    ["empty list", { autonomyIn: [] }],
    ["two operators in one object", { always: true, tierAtLeast: "HIGH" }],
    ["always false", { always: false }],
    ["any with one branch", { any: [{ always: true }] }],
  ])("rejects %s", (_name, rule) => {
    expect(ZApplicabilityRule.safeParse(rule).success).toBe(false);
  });

  it("bounds nesting depth", () => {
    let rule: ApplicabilityRule = { always: true };
    for (let i = 0; i < 7; i++) rule = { not: rule };
    expect(ZApplicabilityRule.safeParse(rule).success).toBe(true);
    expect(ZBoundedApplicabilityRule.safeParse(rule).success).toBe(false);
  });
});

describe("[CONTROLS] applicability over the shipped library", () => {
  const controls = flattenControls(loadLibrary("1.0.0"));
  const applicable = (profile: SystemProfile) =>
    new Set(evaluateControls(controls, profile).filter((c) => c.applies).map((c) => c.id));

  it("an agentic internet-facing HIGH system with code execution and a vendor API gets strictly more controls", () => {
    const low = applicable(lowInternal);
    const high = applicable(highAgentic);
    expect(high.size).toBeGreaterThan(low.size);
    for (const id of low) expect(high.has(id), id).toBe(true);
    for (const id of ["DEP-4.2", "DEP-1.2", "DES-4.2", "DEP-2.3", "DES-2.3", "DEP-1.3", "OPS-1.3"]) {
      expect(high.has(id), id).toBe(true);
      expect(low.has(id), id).toBe(false);
    }
  });

  it("the low, internal, non-autonomous system still gets the baseline", () => {
    const low = applicable(lowInternal);
    for (const id of ["DES-1.1", "DES-2.1", "DEV-1.1", "DEP-4.1", "OPS-1.1", "DEC-1.1"]) expect(low.has(id), id).toBe(true);
  });

  it("vendor due diligence does not apply without a vendor API asset, and says so", () => {
    const vendorControls = controls.filter((c) => "hasAssetKind" in c.applicability && c.applicability.hasAssetKind === "VENDOR_API");
    expect(vendorControls.length).toBeGreaterThan(0);
    for (const control of vendorControls) {
      const result = evaluateApplicability(control.applicability, highAgentic);
      expect(result.applies).toBe(true);
      const without = evaluateApplicability(control.applicability, { ...highAgentic, assetKinds: ["MODEL"] });
      expect(without).toEqual({ applies: false, reason: "Not applicable: the system has no vendor API assets." });
    }
  });

  it("red teaming applies from HIGH tier and explains a MEDIUM system's exemption", () => {
    const redTeam = controls.find((c) => c.id === "DEP-4.2")!;
    expect(evaluateApplicability(redTeam.applicability, { ...lowInternal, riskTier: "CRITICAL" }).applies).toBe(true);
    expect(evaluateApplicability(redTeam.applicability, { ...lowInternal, riskTier: "MEDIUM" }).reason).toBe(
      "Not applicable: the system's risk tier is medium (below high).",
    );
  });

  it("abuse limits apply to internet-facing systems even without a vendor", () => {
    const limits = controls.find((c) => c.id === "DEP-2.3")!;
    expect(evaluateApplicability(limits.applicability, { ...lowInternal, exposure: "INTERNET_FACING" })).toEqual({
      applies: true,
      reason: "Applies: the system is internet-facing.",
    });
  });

  it("decommissioning controls apply to every system", () => {
    for (const profile of [lowInternal, highAgentic, { ...lowInternal, lifecycle: "RETIRED" as const }]) {
      const ids = applicable(profile);
      for (const c of controls.filter((c) => c.pillarId === "DEC")) expect(ids.has(c.id), c.id).toBe(true);
    }
  });
});
