import { describe, expect, it } from "vitest";
import { deepLinkTargetId } from "./deep-link";

describe("[SHELL] deep-link target", () => {
  const q = (s: string) => new URLSearchParams(s);
  it("takes the hash first, decoded", () => {
    expect(deepLinkTargetId("#DES-2.3", q(""))).toBe("DES-2.3");
    expect(deepLinkTargetId("#evidence-abc", q("evidence=abc"))).toBe("evidence-abc");
    expect(deepLinkTargetId("#a%20b", q(""))).toBe("a b");
    expect(deepLinkTargetId("#%E0%A4%A", q(""))).toBeNull();
  });
  it("falls back to ?evidence=, ?item=, ?asset=", () => {
    expect(deepLinkTargetId("", q("evidence=abc"))).toBe("evidence-abc");
    expect(deepLinkTargetId("", q("item=xyz&status=MET"))).toBe("item-xyz");
    expect(deepLinkTargetId("#", q("asset=a1"))).toBe("asset-a1");
    expect(deepLinkTargetId("", q("q=threat"))).toBeNull();
  });
});
