import { describe, expect, it } from "vitest";
import {
  checkMappingId,
  isAtlasId,
  isIso42001Id,
  isNist800218aId,
  isNistAiRmfId,
  isOwaspAgenticId,
  isOwaspLlmId,
} from "./identifiers";
import v1 from "./library/v1.json";
import { ZControl, ZControlLibrary } from "./library-schema";

type Json = Record<string, unknown> & { pillars: { principles: { title: string; controls: Record<string, unknown>[] }[] }[] };

/** A deep copy of the shipped library to break in one place per test. */
const fresh = (): Json => structuredClone(v1) as unknown as Json;

const validControl = {
  id: "DEP-2.9",
  title: "A valid control",
  guidance: "Do the first thing. Then do the second thing.",
  evidence: "A record that both things were done.",
  applicability: { always: true },
  mappings: { owaspLlm: ["LLM10:2025"], atlas: ["AML.T0029"] },
  mappingSource: { owaspLlm: "inferred", atlas: "published" },
};

function messages(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  return result.success ? "" : result.error!.issues.map((i) => i.message).join(" | ");
}

describe("[CONTROLS] control schema", () => {
  it("accepts a valid control and fills defaults", () => {
    const parsed = ZControl.parse(validControl);
    expect(parsed.evidenceRequired).toBe(true);
    expect(parsed.reviewerOnly).toBe(false);
    expect(parsed.mappings.nistAiRmf).toEqual([]);
  });

  it.each(["DEP2.3", "DEP-2", "XYZ-1.1", "dep-2.3", "DEP-2.3.1", "DEP-a.1"])("rejects the control ID %s", (id) => {
    expect(ZControl.safeParse({ ...validControl, id }).success).toBe(false);
  });

  it("rejects empty or blank guidance and evidence", () => {
    expect(messages(ZControl.safeParse({ ...validControl, guidance: "" }))).toMatch(/Guidance must not be empty/);
    expect(messages(ZControl.safeParse({ ...validControl, guidance: "   " }))).toMatch(/Guidance must not be empty/);
    expect(messages(ZControl.safeParse({ ...validControl, evidence: "" }))).toMatch(/Evidence must not be empty/);
  });

  it("rejects an unknown ATLAS ID", () => {
    const result = ZControl.safeParse({
      ...validControl,
      mappings: { atlas: ["AML.T9999"] },
      mappingSource: { atlas: "inferred" },
    });
    expect(messages(result)).toMatch(/Unknown MITRE ATLAS identifier "AML.T9999"/);
  });

  it.each([
    ["owaspLlm", "LLM11:2025"],
    ["owaspLlm", "LLM01"],
    ["owaspAgentic", "ASI11"],
    ["nistAiRmf", "MEASURE 2.14"],
    ["nistAiRmf", "GOVERN 7.1"],
    ["nistAiRmf", "measure 2.7"],
    ["nist800218a", "PW.10.1"],
    ["nist800218a", "XX.1.1"],
    ["iso42001", "A.11"],
    ["iso42001", "A.6.2.9"],
  ])("rejects %s ID %s", (framework, id) => {
    const result = ZControl.safeParse({
      ...validControl,
      mappings: { [framework]: [id] },
      mappingSource: { [framework]: "inferred" },
    });
    expect(messages(result)).toMatch(new RegExp(`^Unknown .* identifier "${id.replace(/\./g, "\\.")}"`));
  });

  it("requires a source for every mapping and none for an empty one", () => {
    expect(messages(ZControl.safeParse({ ...validControl, mappingSource: { owaspLlm: "inferred" } }))).toMatch(
      /MITRE ATLAS mapping is "published" or "inferred"/,
    );
    expect(
      messages(ZControl.safeParse({ ...validControl, mappingSource: { ...validControl.mappingSource, iso42001: "inferred" } })),
    ).toMatch(/no ISO\/IEC 42001:2023 Annex A mapping/);
  });

  it("allows 'published' only for ATLAS IDs from OWASP's own crosswalk", () => {
    expect(
      messages(ZControl.safeParse({ ...validControl, mappingSource: { owaspLlm: "published", atlas: "published" } })),
    ).toMatch(/No published crosswalk links this control to OWASP Top 10 for LLM/);
    expect(
      messages(
        ZControl.safeParse({
          ...validControl,
          mappings: { owaspLlm: ["LLM10:2025"], atlas: ["AML.T0029", "AML.M0015"] },
        }),
      ),
    ).toMatch(/ATLAS mapping is published only when/);
  });

  it("rejects unknown fields and repeated IDs", () => {
    expect(ZControl.safeParse({ ...validControl, severity: "high" }).success).toBe(false);
    expect(
      messages(ZControl.safeParse({ ...validControl, mappings: { owaspLlm: ["LLM10:2025", "LLM10:2025"], atlas: ["AML.T0029"] } })),
    ).toMatch(/IDs repeat/);
  });
});

describe("[CONTROLS] library schema", () => {
  it("accepts the shipped library", () => {
    expect(ZControlLibrary.safeParse(fresh()).success).toBe(true);
  });

  it("rejects a duplicate control ID", () => {
    const doc = fresh();
    doc.pillars[0].principles[0].controls[1].id = doc.pillars[0].principles[0].controls[0].id;
    expect(messages(ZControlLibrary.safeParse(doc))).toMatch(/Control ID DES-1.1 is used twice/);
  });

  it("rejects a control filed under the wrong principle", () => {
    const doc = fresh();
    doc.pillars[0].principles[0].controls[0].id = "DES-2.9";
    expect(messages(ZControlLibrary.safeParse(doc))).toMatch(/its ID must start with DES-1/);
    const other = fresh();
    other.pillars[1].principles[0].controls[0].id = "DES-1.9";
    expect(messages(ZControlLibrary.safeParse(other))).toMatch(/its ID must start with DEV-1/);
  });

  it("rejects a changed NCSC principle heading", () => {
    const doc = fresh();
    doc.pillars[2].principles[4].title = "Make it easy for users to do the right thing";
    expect(messages(ZControlLibrary.safeParse(doc))).toMatch(/DEP principles must be the guideline's headings/);
  });

  it("rejects pillars out of order", () => {
    const doc = fresh();
    doc.pillars.reverse();
    expect(ZControlLibrary.safeParse(doc).success).toBe(false);
  });

  it("rejects an unknown ATLAS ID deep in the library", () => {
    const doc = fresh();
    const control = doc.pillars[3].principles[1].controls[0] as { mappings: { atlas: string[] } };
    control.mappings.atlas = ["AML.T0051.009"];
    expect(messages(ZControlLibrary.safeParse(doc))).toMatch(/Unknown MITRE ATLAS identifier "AML.T0051.009"/);
  });

  it("rejects empty guidance deep in the library", () => {
    const doc = fresh();
    doc.pillars[4].principles[0].controls[0].guidance = "";
    expect(messages(ZControlLibrary.safeParse(doc))).toMatch(/Guidance must not be empty/);
  });

  it("rejects a bad version, date or ATLAS version", () => {
    expect(ZControlLibrary.safeParse({ ...fresh(), version: "v1" }).success).toBe(false);
    expect(ZControlLibrary.safeParse({ ...fresh(), publishedAt: "22/11/2026" }).success).toBe(false);
    expect(ZControlLibrary.safeParse({ ...fresh(), atlasVersion: "4.0.0" }).success).toBe(false);
  });
});

describe("[CONTROLS] identifier allow-lists", () => {
  it("knows the OWASP lists", () => {
    expect(isOwaspLlmId("LLM01:2025")).toBe(true);
    expect(isOwaspLlmId("LLM10:2025")).toBe(true);
    expect(isOwaspLlmId("LLM01:2023")).toBe(false);
    expect(isOwaspAgenticId("ASI10")).toBe(true);
    expect(isOwaspAgenticId("ASI00")).toBe(false);
    expect(isOwaspLlmId("toString")).toBe(false);
  });

  it("knows listed ATLAS techniques, sub-techniques and mitigations only", () => {
    for (const id of ["AML.T0051", "AML.T0051.001", "AML.T0011.000", "AML.T0024.002", "AML.M0014", "AML.M0025"]) {
      expect(isAtlasId(id), id).toBe(true);
    }
    for (const id of ["AML.T0011", "AML.T0051.002", "AML.M0001", "T0051", "aml.t0051"]) {
      expect(isAtlasId(id), id).toBe(false);
    }
  });

  it("checks NIST AI RMF categories and subcategories", () => {
    for (const id of ["GOVERN 1.7", "GOVERN 6.2", "MAP 5.2", "MEASURE 2.13", "MANAGE 4.3"]) expect(isNistAiRmfId(id), id).toBe(true);
    for (const id of ["GOVERN 1.8", "MAP 6.1", "MEASURE 5.1", "MANAGE 0.1", "MEASURE 2.07", "MANAGE 4"]) {
      expect(isNistAiRmfId(id), id).toBe(false);
    }
  });

  it("checks NIST SP 800-218A practices", () => {
    for (const id of ["PO.5.3", "PS.1.3", "PW.3.1", "PW.9.2", "RV.3.4"]) expect(isNist800218aId(id), id).toBe(true);
    for (const id of ["PO.6.1", "PS.4.1", "RV.4.1", "PW.0.1", "PW.3"]) expect(isNist800218aId(id), id).toBe(false);
  });

  it("checks ISO/IEC 42001 Annex A within A.2-A.10", () => {
    for (const id of ["A.2.2", "A.6.2.4", "A.6.2.8", "A.7.5", "A.8.4", "A.10.3", "A.6"]) expect(isIso42001Id(id), id).toBe(true);
    for (const id of ["A.1", "A.11", "A.6.2.9", "A.7.7", "6.2.4", "A.6.2.4.1"]) expect(isIso42001Id(id), id).toBe(false);
  });

  it("explains what it expected", () => {
    expect(checkMappingId("nistAiRmf", "MEASURE 2.7")).toBeNull();
    expect(checkMappingId("nistAiRmf", "MEASURE 9.9")).toMatch(/expected a subcategory such as MEASURE 2.7/);
  });
});
