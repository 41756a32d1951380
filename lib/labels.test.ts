import { describe, expect, it } from "vitest";
import { label, lowerLabel, versionText } from "./labels";

describe("[LABELS] labels inside sentences", () => {
  it("lower-cases words but keeps acronyms", () => {
    expect(lowerLabel(label("VENDOR_API"))).toBe("vendor API");
    expect(lowerLabel("AI systems")).toBe("AI systems");
    expect(lowerLabel("Assets")).toBe("assets");
    expect(lowerLabel("Short-lived, scoped")).toBe("short-lived, scoped");
  });

  it("prefixes 'v' only to a bare semantic version", () => {
    expect(versionText("1.2.0")).toBe("v1.2.0");
    expect(versionText("2.1")).toBe("v2.1");
    expect(versionText("1.0.0-rc.1")).toBe("v1.0.0-rc.1");
    expect(versionText("eu-west-1")).toBe("eu-west-1");
    expect(versionText("2024-01..2026-08")).toBe("2024-01..2026-08");
    expect(versionText("v3")).toBe("v3");
    expect(versionText("2024")).toBe("2024");
    expect(versionText("gpt-4o-2024-08-06")).toBe("gpt-4o-2024-08-06");
  });
});
