import { describe, expect, it } from "vitest";
import { type ApplicabilityRule, ruleLeaves } from "./applicability";
import { FRAMEWORK_KEYS, FRAMEWORK_VALIDATORS, isAtlasCoveredByOwaspCrosswalk } from "./identifiers";
import v1 from "./library/v1.json";
import { ZControlLibrary } from "./library-schema";
import { LATEST_LIBRARY_VERSION, flattenControls, loadLibrary } from "./load-library";

/** Sentences end in . ! or ? followed by a space and a capital letter (the library avoids "e.g."). */
function countSentences(text: string): number {
  return text
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z])/)
    .filter((s) => s.trim().length > 0).length;
}

// Written out again on purpose: the test must not trust the schema's own copy.
const OFFICIAL_HEADINGS: Record<string, string[]> = {
  DES: [
    "Raise staff awareness of threats and risks",
    "Model the threats to your system",
    "Design your system for security as well as functionality and performance",
    "Consider security benefits and trade-offs when selecting your AI model",
  ],
  DEV: [
    "Secure your supply chain",
    "Identify, track and protect your assets",
    "Document your data, models and prompts",
    "Manage your technical debt",
  ],
  DEP: [
    "Secure your infrastructure",
    "Protect your model continuously",
    "Develop incident management procedures",
    "Release AI responsibly",
    "Make it easy for users to do the right things",
  ],
  OPS: [
    "Monitor your system's behaviour",
    "Monitor your system's inputs",
    "Follow a secure by design approach to updates",
    "Collect and share lessons learned",
  ],
};

const doc = loadLibrary("1.0.0");
const controls = flattenControls(doc);
const byId = new Map(controls.map((c) => [c.id, c]));

describe("[CONTROLS] shipped library v1.0.0", () => {
  it("parses against the library schema", () => {
    const parsed = ZControlLibrary.safeParse(v1);
    expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
    expect(doc.version).toBe("1.0.0");
    expect(doc.atlasVersion).toBe("5.6.0");
    expect(LATEST_LIBRARY_VERSION).toBe("1.0.0");
  });

  it("has five pillars in order with their titles", () => {
    expect(doc.pillars.map((p) => [p.id, p.title])).toEqual([
      ["DES", "Secure design"],
      ["DEV", "Secure development"],
      ["DEP", "Secure deployment"],
      ["OPS", "Secure operation and maintenance"],
      ["DEC", "Secure decommissioning"],
    ]);
  });

  it("uses the 17 NCSC principle headings exactly and in order", () => {
    const ncsc = doc.pillars.filter((p) => p.id !== "DEC");
    const titles = ncsc.flatMap((p) => p.principles.map((pr) => pr.title));
    expect(titles).toHaveLength(17);
    for (const pillar of ncsc) {
      expect(pillar.principles.map((pr) => pr.title)).toEqual(OFFICIAL_HEADINGS[pillar.id]);
    }
  });

  it("has 2-4 decommissioning principles", () => {
    const dec = doc.pillars.find((p) => p.id === "DEC")!;
    expect(dec.principles.length).toBeGreaterThanOrEqual(2);
    expect(dec.principles.length).toBeLessThanOrEqual(4);
  });

  it("has 70-110 controls, 2-6 per principle", () => {
    expect(controls.length).toBeGreaterThanOrEqual(70);
    expect(controls.length).toBeLessThanOrEqual(110);
    for (const pillar of doc.pillars) {
      for (const principle of pillar.principles) {
        expect(principle.controls.length, principle.id).toBeGreaterThanOrEqual(2);
        expect(principle.controls.length, principle.id).toBeLessThanOrEqual(6);
      }
    }
  });

  it("has unique control and principle IDs consistent with pillar and principle", () => {
    expect(new Set(controls.map((c) => c.id)).size).toBe(controls.length);
    const principleIds = doc.pillars.flatMap((p) => p.principles.map((pr) => pr.id));
    expect(new Set(principleIds).size).toBe(principleIds.length);
    for (const c of controls) {
      expect(c.id, c.id).toMatch(/^(DES|DEV|DEP|OPS|DEC)-\d+\.\d+$/);
      expect(c.id.startsWith(`${c.principleId}.`), c.id).toBe(true);
      expect(c.principleId.startsWith(`${c.pillarId}-`), c.principleId).toBe(true);
    }
  });

  it("numbers principles and controls without gaps", () => {
    for (const pillar of doc.pillars) {
      pillar.principles.forEach((principle, i) => {
        expect(principle.id).toBe(`${pillar.id}-${i + 1}`);
        principle.controls.forEach((control, j) => expect(control.id).toBe(`${principle.id}.${j + 1}`));
      });
    }
  });

  it("gives every control 2-5 sentences of guidance and concrete evidence", () => {
    for (const c of controls) {
      const sentences = countSentences(c.guidance);
      expect(sentences, `${c.id} guidance sentences`).toBeGreaterThanOrEqual(2);
      expect(sentences, `${c.id} guidance sentences`).toBeLessThanOrEqual(5);
      expect(c.evidence.length, `${c.id} evidence`).toBeGreaterThanOrEqual(40);
      expect(c.title.length, `${c.id} title`).toBeGreaterThan(5);
    }
  });

  it("has no duplicate titles, guidance or evidence", () => {
    for (const field of ["title", "guidance", "evidence"] as const) {
      const values = controls.map((c) => c[field].toLowerCase());
      expect(new Set(values).size, field).toBe(values.length);
    }
  });

  it("maps only to identifiers on the allow-lists, each with a source", () => {
    for (const c of controls) {
      for (const framework of FRAMEWORK_KEYS) {
        const ids = c.mappings[framework];
        for (const id of ids) expect(FRAMEWORK_VALIDATORS[framework](id), `${c.id} ${framework} ${id}`).toBe(true);
        expect(new Set(ids).size, `${c.id} ${framework} repeats`).toBe(ids.length);
        expect(c.mappingSource[framework] !== undefined, `${c.id} ${framework} source`).toBe(ids.length > 0);
      }
    }
  });

  it("marks a mapping published only when OWASP's own LLM→ATLAS list backs it", () => {
    const published = controls.flatMap((c) =>
      FRAMEWORK_KEYS.filter((f) => c.mappingSource[f] === "published").map((f) => ({ c, f })),
    );
    expect(published.length).toBeGreaterThan(0);
    for (const { c, f } of published) {
      expect(f, c.id).toBe("atlas");
      expect(isAtlasCoveredByOwaspCrosswalk(c.mappings.atlas, c.mappings.owaspLlm), c.id).toBe(true);
    }
  });

  it("covers the techniques, mitigations and tasks the design calls for", () => {
    const all = new Set(controls.flatMap((c) => FRAMEWORK_KEYS.flatMap((f) => c.mappings[f])));
    for (const id of [
      "AML.M0014", "AML.T0011.000", "AML.M0005", "AML.M0025", "AML.M0007", "AML.M0023", "AML.M0024", "AML.M0015",
      "AML.M0020", "AML.T0051", "AML.T0051.001", "AML.T0070", "AML.T0024.002", "AML.T0080",
      "PW.3.1", "PW.3.2", "PS.1.2", "PS.1.3",
      "LLM01:2025", "LLM02:2025", "LLM03:2025", "LLM04:2025", "LLM05:2025", "LLM06:2025", "LLM07:2025", "LLM08:2025",
      "LLM09:2025", "LLM10:2025",
      "ASI01", "ASI02", "ASI03", "ASI04", "ASI05", "ASI06", "ASI07", "ASI08", "ASI09", "ASI10",
      "A.6.2.8", "MEASURE 2.7", "MANAGE 2.4",
    ]) {
      expect(all.has(id), id).toBe(true);
    }
  });

  it("uses agentic, vendor, tier, exposure and capability rules", () => {
    const leaves = controls.flatMap((c) => ruleLeaves(c.applicability));
    const has = (pred: (r: ApplicabilityRule) => boolean) => leaves.some(pred);
    expect(has((r) => "autonomyIn" in r && r.autonomyIn.includes("AGENTIC"))).toBe(true);
    expect(has((r) => "hasAssetKind" in r && r.hasAssetKind === "VENDOR_API")).toBe(true);
    expect(has((r) => "tierAtLeast" in r && r.tierAtLeast === "HIGH")).toBe(true);
    expect(has((r) => "exposureIn" in r && r.exposureIn.includes("INTERNET_FACING"))).toBe(true);
    for (const capability of ["EXECUTE_CODE", "SPEND_MONEY", "WRITE_MEMORY", "BROWSE_WEB"]) {
      expect(has((r) => "hasCapability" in r && r.hasCapability === capability), capability).toBe(true);
    }
    expect(has((r) => "hasAssetKind" in r && r.hasAssetKind === "VECTOR_STORE")).toBe(true);
  });

  it("puts the key controls behind the right rules", () => {
    expect(byId.get("DEP-4.2")?.applicability).toEqual({ tierAtLeast: "HIGH" });
    expect(byId.get("DEP-1.2")?.applicability).toEqual({ hasCapability: "EXECUTE_CODE" });
    expect(byId.get("DES-4.2")?.applicability).toEqual({ hasAssetKind: "VENDOR_API" });
    expect(byId.get("DEP-1.6")?.applicability).toEqual({ hasCapability: "SPEND_MONEY" });
    expect(byId.get("OPS-2.3")?.applicability).toEqual({ hasCapability: "WRITE_MEMORY" });
    expect(byId.get("OPS-2.2")?.applicability).toEqual({ hasAssetKind: "VECTOR_STORE" });
  });

  it("applies every decommissioning control to every system", () => {
    const dec = controls.filter((c) => c.pillarId === "DEC");
    expect(dec.length).toBeGreaterThan(0);
    for (const c of dec) expect(c.applicability, c.id).toEqual({ always: true });
  });

  it("reserves threat modelling, red teaming, risk acceptance and sign-off for reviewers", () => {
    for (const id of ["DES-2.1", "DES-2.3", "DES-2.4", "DEP-4.2", "DEP-4.3", "DEP-4.4", "DEC-3.4"]) {
      expect(byId.get(id)?.reviewerOnly, id).toBe(true);
    }
    const reviewerOnly = controls.filter((c) => c.reviewerOnly);
    expect(reviewerOnly.length).toBeLessThanOrEqual(12);
  });

  it("lets only a few controls be met by a note alone", () => {
    const noteOnly = controls.filter((c) => !c.evidenceRequired);
    expect(noteOnly.length).toBeGreaterThan(0);
    expect(noteOnly.length).toBeLessThanOrEqual(5);
  });
});

describe("[CONTROLS] loadLibrary and flattenControls", () => {
  it("defaults to the latest version and caches one frozen document", () => {
    const again = loadLibrary();
    expect(again).toBe(doc);
    expect(Object.isFrozen(doc)).toBe(true);
    expect(Object.isFrozen(doc.pillars[0].principles[0].controls[0].mappings.nistAiRmf)).toBe(true);
  });

  it("refuses an unknown version", () => {
    expect(() => loadLibrary("9.9.9")).toThrow(/Unknown control library version "9.9.9"/);
  });

  it("flattens controls in order with pillar and principle context", () => {
    const total = doc.pillars.reduce((n, p) => n + p.principles.reduce((m, pr) => m + pr.controls.length, 0), 0);
    expect(controls).toHaveLength(total);
    expect(controls[0]).toMatchObject({
      id: "DES-1.1",
      pillarId: "DES",
      pillarTitle: "Secure design",
      principleId: "DES-1",
      principleTitle: "Raise staff awareness of threats and risks",
    });
    expect(controls[controls.length - 1].pillarId).toBe("DEC");
    expect(byId.get("DEP-2.3")).toMatchObject({ principleTitle: "Protect your model continuously", pillarTitle: "Secure deployment" });
  });
});
