import { describe, expect, it } from "vitest";
import { SEARCH_ONE_AT_A_TIME, ZSearchQuery } from "./schema";

describe("[SEARCH] the query", () => {
  it("refuses a repeated q with one clear message (page and API share this schema)", () => {
    const r = ZSearchQuery.safeParse({ q: ["fraud", "agent"] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual([SEARCH_ONE_AT_A_TIME]);
    expect(ZSearchQuery.parse({ q: "  fraud " })).toEqual({ q: "fraud" });
    expect(ZSearchQuery.parse({})).toEqual({});
  });
});
