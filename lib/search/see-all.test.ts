import { describe, expect, it } from "vitest";
import { seeAllText } from "./see-all";

describe("[SEARCH] see-all links say only what the target page shows", () => {
  it("names the count for the inventory (same rule) and no count for the library (its own rule)", () => {
    expect(seeAllText("systems", 12, "a")).toBe("See all 12 in the inventory");
    expect(seeAllText("controls", 6, "threat")).toBe("Search the library for “threat”");
    expect(seeAllText("controls", 6, "threat")).not.toMatch(/\d/);
  });
});
