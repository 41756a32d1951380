import { describe, expect, it } from "vitest";
import { assetKey } from "./kinds";
import { displayText, preview, splitList, unstorableTextReason } from "./text";

describe("[ASSETS] text, lists and keys", () => {
  it("splits lists on newlines, commas and semicolons, dropping blanks and repeats", () => {
    expect(splitList("repo:read, repo:write\n\nissues:read;repo:read ;")).toEqual(["repo:read", "repo:write", "issues:read"]);
    expect(splitList("  ")).toEqual([]);
  });

  it("treats a missing version as one value in the asset identity", () => {
    expect(assetKey({ kind: "MODEL", name: "m", version: null })).toBe(assetKey({ kind: "MODEL", name: "m", version: undefined }));
    expect(assetKey({ kind: "MODEL", name: "m", version: "1" })).not.toBe(assetKey({ kind: "MODEL", name: "m", version: null }));
  });

  it("names what PostgreSQL cannot store: NUL and unpaired surrogates", () => {
    expect(unstorableTextReason("acme\u0000lib")).toMatch(/NUL character/);
    expect(unstorableTextReason("bad \ud800 half")).toMatch(/unpaired UTF-16 surrogate/);
    expect(unstorableTextReason("bad \udc00 half")).toMatch(/unpaired/);
    expect(unstorableTextReason("emoji 😀 and accents é")).toBeNull();
  });

  it("previews never cut a surrogate pair in half", () => {
    expect(preview("abc", 5)).toBe("abc");
    expect(preview("abcdef", 3)).toBe("abc…");
    const cut = preview(`ab😀cd`, 3)!;
    expect(cut).toBe("ab…");
    expect(unstorableTextReason(cut)).toBeNull();
    expect(preview(null)).toBeNull();
  });

  it("makes file text safe to show: NUL and control characters replaced, length capped", () => {
    expect(displayText("acme\u0000lib\ttab")).toBe("acme\uFFFDlib tab");
    expect(displayText("x".repeat(300), 10)).toBe(`${"x".repeat(10)}…`);
  });
});
