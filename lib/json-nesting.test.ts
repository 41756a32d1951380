import { describe, expect, it } from "vitest";
import { findNestingOverflow } from "./json-nesting";

describe("[IMPORT] JSON nesting depth", () => {
  it("measures arrays and objects, not brackets inside strings", () => {
    expect(findNestingOverflow('{"a":[{"b":1}]}', 3)).toBeNull();
    expect(findNestingOverflow('{"a":[{"b":[1]}]}', 3)).toEqual({ depth: 4, line: 1 });
    expect(findNestingOverflow('{"a":"[[[[[[\\"[[[["}', 1)).toBeNull();
    expect(findNestingOverflow('{\n"a":\n[[1]]}', 2)).toEqual({ depth: 3, line: 3 });
  });

  it("scans hundreds of thousands of levels without recursion", () => {
    const deep = "[".repeat(500_000) + "]".repeat(500_000);
    expect(findNestingOverflow(deep, 100)).toEqual({ depth: 101, line: 1 });
  });
});
