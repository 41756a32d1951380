import { describe, expect, it } from "vitest";
import { evidenceWords } from "./evidence-words";

describe("[CHECKLIST] evidence count in words", () => {
  it("says how many are valid and why the others do not count", () => {
    expect(evidenceWords([])).toBe("No evidence");
    expect(evidenceWords(["VALID"])).toBe("1 piece of evidence, valid");
    expect(evidenceWords(["VALID", "VALID"])).toBe("2 pieces of evidence, all valid");
    expect(evidenceWords(["VALID", "EXPIRED"])).toBe("1 of 2 pieces of evidence valid — 1 expired");
    expect(evidenceWords(["EXPIRED"])).toBe("0 of 1 piece of evidence valid — 1 expired");
    expect(evidenceWords(["DELETED", "EXPIRED", "VALID", "EXPIRED", "SUPERSEDED", "NOT_YET_EFFECTIVE"])).toBe(
      "1 of 6 pieces of evidence valid — 2 expired, 1 not valid yet, 1 replaced by a newer revision, 1 deleted",
    );
  });
});
