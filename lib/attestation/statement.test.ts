import { describe, expect, it } from "vitest";
import { approvalFixture } from "./fixtures";
import { approvalStatement, APPROVAL_PREDICATE_TYPE } from "./statement";

describe("[ATTESTATION] approval statement", () => {
  const approval = approvalFixture({ id: "sys1", slug: "support-bot", name: "Support bot", ownerId: "u-owner" });
  const issuedAt = new Date("2026-12-01T00:00:00Z");
  const st = approvalStatement(approval, "https://aigov.example.com", issuedAt);

  it("has the approved artifacts as subjects, by sha256", () => {
    expect(st._type).toBe("https://in-toto.io/Statement/v1");
    expect(st.predicateType).toBe(APPROVAL_PREDICATE_TYPE);
    expect(st.subject).toEqual([
      { name: "support-llm@1.4.0", digest: { sha256: "1f".repeat(32) } },
      { name: "faq-corpus", digest: { sha256: "2e".repeat(32) } },
    ]);
  });

  it("states system, environment, release, approvers with decision times, expiry and the gate result", () => {
    expect(st.predicate).toMatchObject({
      issuer: { url: "https://aigov.example.com" },
      issuedAt: "2026-12-01T00:00:00.000Z",
      system: { id: "sys1", slug: "support-bot", riskTier: "HIGH" },
      environment: "production",
      release: "2026.12.1",
      approval: { id: "apr_fixture_1", state: "APPROVED", expiresAt: approval.expiresAt!.toISOString(), approvedAt: approval.approvedAt!.toISOString() },
      gate: { result: "PASS", exception: null },
    });
    expect(st.predicate.approvers.map((a) => [a.email, a.decidedAt])).toEqual(approval.approvers.map((a) => [a.email, a.decidedAt.toISOString()]));
    expect(JSON.stringify(st)).not.toContain("u-r1");
  });

  it("marks an approval given under an exception, with its rationale and expiry", () => {
    const ex = approvalStatement(
      { ...approval, gate: { passed: false, rules: [{ rule: "THREAT_MODEL_REVIEWED", passed: false, reason: "Draft only." }], exception: { rationale: "Hotfix", expiresAt: new Date("2026-12-10T00:00:00Z"), recordedBy: approval.approvers[0]! } } },
      "https://x",
      issuedAt,
    );
    expect(ex.predicate.gate).toEqual({ result: "EXCEPTION", rules: [{ rule: "THREAT_MODEL_REVIEWED", passed: false, reason: "Draft only." }], exception: { rationale: "Hotfix", expiresAt: "2026-12-10T00:00:00.000Z", recordedBy: "rita@example.test" } });
  });

  it("refuses an approval without artifact digests", () => {
    expect(() => approvalStatement({ ...approval, artifacts: [] }, "https://x", issuedAt)).toThrow(/subject/);
  });
});
