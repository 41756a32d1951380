import { describe, expect, it } from "vitest";
import { denialSummary } from "./denial-summary";

describe("[GATE] denial summary for the gate.denied notification", () => {
  it("reads as one sentence naming each reason", () => {
    expect(denialSummary(["NO_APPROVAL"])).toBe("No approval for this environment.");
    expect(denialSummary(["APPROVAL_EXPIRED", "DIGEST_NOT_APPROVED"])).toBe("The approval expired; an artifact digest is not the approved one.");
    expect(denialSummary(["SOMETHING_NEW"])).toBe("Something new.");
  });
  it("has words for retirement and an open severe incident", () => {
    expect(denialSummary(["SYSTEM_RETIRING"])).toBe("The system is being retired.");
    expect(denialSummary(["OPEN_SEVERE_INCIDENT", "NO_APPROVAL"])).toBe("A severe incident (SEV1 or SEV2) on the system is still open; no approval for this environment.");
  });
});
