import { describe, expect, it } from "vitest";
import { buildAdvisory, redact } from "./csaf";
import { validateCsaf } from "./csaf-validate";

const facts = {
  number: 7,
  category: "PROMPT_INJECTION" as const,
  severity: "SEV2" as const,
  status: "CLOSED",
  detectedAt: new Date("2026-11-20T08:30:00Z"),
  closedAt: new Date("2026-11-25T10:00:00Z"),
  atlas: ["AML.T0051.001"],
  owaspLlm: ["LLM01:2025"],
  owaspAgentic: [],
  secrets: { systems: ["Support Bot EU"], assets: ["support-llm"], people: ["Rita Reviewer"] },
};
const choices = {
  title: "Prompt injection through support tickets in Support Bot EU",
  summary: "A ticket sent from 203.0.113.7 by mallory@example.com told support-llm to reveal other tickets; Rita Reviewer found it.",
  lessons: "Treat ticket text as untrusted data.",
  publisherName: "Example Org Security",
  publisherNamespace: "https://example.org",
  advisoryUrl: null,
  tlp: "WHITE" as const,
};

describe("[INCIDENTS] CSAF advisory", () => {
  it("redacts names, e-mail and IP addresses", () => {
    expect(redact(choices.summary, facts.secrets)).toBe("A ticket sent from [IP address] by [e-mail address] told [asset] to reveal other tickets; [person] found it.");
  });

  it("redacts compressed IPv6 forms, private host names and partial or initialled names, and leaves times and ordinary words", () => {
    const secrets = { systems: [], assets: [], people: ["Daniel Svensson", "Maria Lindqvist", "Ann Lee"] };
    const text = "Daniel saw fe80::1%eth0, 2001:db8::1, ::1 and ::ffff:192.0.2.1 from db01.corp.internal at 10:30:00; M. Lindqvist and Maria agreed. Annual review by Ann.";
    expect(redact(text, secrets)).toBe("[person] saw [IP address], [IP address], [IP address] and [IP address] from [host name] at 10:30:00; [person] and [person] agreed. Annual review by [person].");
    expect(redact("2001:db8:0:0:0:0:2:1 and 1:2:3", secrets)).toBe("[IP address] and 1:2:3");
  });

  it("an open incident's advisory is interim, a closed one's final", () => {
    expect(buildAdvisory(facts, choices, new Date("2026-11-30T12:00:00Z")).document.tracking.status).toBe("final");
    expect(buildAdvisory({ ...facts, status: "CONTAINED", closedAt: null }, choices, new Date("2026-11-30T12:00:00Z")).document.tracking.status).toBe("interim");
  });

  it("has the incident-response profile's shape and nothing internal", () => {
    const doc = buildAdvisory(facts, choices, new Date("2026-11-30T12:00:00Z"));
    expect(doc.document.category).toBe("csaf_security_incident_response");
    expect(doc.document.tracking.id).toBe("INC-0007");
    expect(doc.document.title).toBe("Prompt injection through support tickets in [affected system]");
    expect(doc.document.notes.map((n) => n.category)).toEqual(["summary", "details", "general"]);
    expect(doc.document.references).toEqual([{ category: "external", summary: "MITRE ATLAS technique AML.T0051.001", url: "https://atlas.mitre.org/techniques/AML.T0051.001" }]);
    const text = JSON.stringify(doc);
    for (const secret of ["Support Bot EU", "support-llm", "Rita", "mallory", "203.0.113.7"]) expect(text).not.toContain(secret);
  });

  it("passes the BSI validator's strict schema and mandatory tests", async () => {
    const doc = buildAdvisory(facts, { ...choices, advisoryUrl: "https://example.org/advisories/inc-0007" }, new Date("2026-11-30T12:00:00Z"));
    const result = await validateCsaf(doc);
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it("the validator refuses a document without an external reference (the test can fail)", async () => {
    const doc = buildAdvisory({ ...facts, atlas: [] }, choices, new Date("2026-11-30T12:00:00Z"));
    const result = await validateCsaf(doc);
    expect(result.isValid).toBe(false);
    expect(result.errors.map((e) => e.test)).toContain("mandatoryTest_6_1_27_2");
  });
});
