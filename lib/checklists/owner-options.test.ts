import { describe, expect, it } from "vitest";
import { ownerOptions } from "./owner-options";

describe("[CHECKLIST] the item's Owner picker (finding 1)", () => {
  const people = [{ id: "r", name: "Rita Reviewer" }, { id: "o", name: "Pat Owner" }];

  it("includes the current owner when they may no longer be picked, saying so", () => {
    expect(ownerOptions(people, { id: "t", name: "Tomás Herrera" })).toEqual([
      { id: "t", label: "Tomás Herrera (no longer on this system)" },
      { id: "r", label: "Rita Reviewer" },
      { id: "o", label: "Pat Owner" },
    ]);
  });

  it("lists the assignable people alone when the owner is one of them or the item is unassigned", () => {
    expect(ownerOptions(people, { id: "o", name: "Pat Owner" })).toEqual([{ id: "r", label: "Rita Reviewer" }, { id: "o", label: "Pat Owner" }]);
    expect(ownerOptions(people, { id: null, name: null })).toHaveLength(2);
  });
});
