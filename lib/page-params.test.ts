import { describe, expect, it } from "vitest";
import { pageId } from "./page-params";

const notFoundDigest = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { digest?: string }).digest;
  }
  return "returned";
};

describe("pageId", () => {
  it("passes well-formed ids (cuid, UUID) through unchanged", () => {
    expect(pageId("cmirs8k1c0000l8047ahn7n2k")).toBe("cmirs8k1c0000l8047ahn7n2k");
    expect(pageId("0b6f5b5e-4c1a-4f8e-9a51-3f2d8b1c7e90")).toBe("0b6f5b5e-4c1a-4f8e-9a51-3f2d8b1c7e90");
  });

  it.each(["a\u0000b", "\u0000", "%00", "x\ud800y", "ünïcode", "evil\u202etxt", "\u200b", "..", "../etc", "a b", "", "x".repeat(65), undefined, 42])("answers 404 for %j", (raw) => {
    expect(notFoundDigest(() => pageId(raw))).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404$/);
  });
});
