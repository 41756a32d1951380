import { describe, expect, it } from "vitest";
import { flattenControls, loadLibrary } from "@/lib/controls/load-library";
import { ATLAS_TECHNIQUES, isAtlasId, isOwaspAgenticId, isOwaspLlmId, OWASP_AGENTIC, OWASP_LLM } from "@/lib/controls/identifiers";
import v1 from "./library/v1.json";
import { STRIDE_CATEGORIES, THREAT_FAMILIES, ZThreatLibrary } from "./library-schema";
import { LATEST_THREAT_LIBRARY_VERSION, findThreatEntry, loadThreatLibrary } from "./load-library";
import { suggestionRuleLeaves } from "./suggestion-rules";

const doc = loadThreatLibrary("1.0.0");
const fresh = () => JSON.parse(JSON.stringify(v1)) as { threats: Record<string, unknown>[] } & Record<string, unknown>;
const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? "" : result.error!.issues.map((i) => i.message).join("\n");

describe("[THREATS] shipped threat library v1.0.0", () => {
  it("parses against the schema and states ATLAS 5.6.0 and its control library", () => {
    const parsed = ZThreatLibrary.safeParse(v1);
    expect(parsed.success, messages(parsed)).toBe(true);
    expect(doc.version).toBe("1.0.0");
    expect(doc.atlasVersion).toBe("5.6.0");
    expect(doc.controlLibraryVersion).toBe("1.0.0");
    expect(LATEST_THREAT_LIBRARY_VERSION).toBe("1.0.0");
  });

  it("has 25-40 entries with unique IDs in T-XX-NN form, numbered without gaps per family", () => {
    expect(doc.threats.length).toBeGreaterThanOrEqual(25);
    expect(doc.threats.length).toBeLessThanOrEqual(40);
    const ids = doc.threats.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    const byFamily = new Map<string, number[]>();
    for (const id of ids) {
      const [, family, n] = /^T-([A-Z]{2})-(\d{2})$/.exec(id)!;
      expect(family in THREAT_FAMILIES, id).toBe(true);
      byFamily.set(family, [...(byFamily.get(family) ?? []), Number(n)]);
    }
    for (const [family, numbers] of byFamily) expect(numbers, family).toEqual(numbers.map((_, i) => i + 1));
  });

  it("covers the patterns the guidelines and the issue name", () => {
    const titles = doc.threats.map((t) => `${t.id} ${t.title}`.toLowerCase()).join("\n");
    for (const pattern of [
      /direct prompt injection/, /indirect prompt injection/, /training or fine-tuning data/, /retrieval corpus poisoning/,
      /feedback-loop poisoning/, /pre-trained model or adapter/, /third-party dataset/, /software dependency/, /mcp server/,
      /model extraction/, /system prompt extraction/, /sensitive information/, /embedding/, /unsafe deserialisation/,
      /unsafe rendering/, /without human approval/, /tool descriptions/, /tool output/, /memory poisoning/, /credentials exposed/,
      /denial of ai service/, /cost harvesting/, /evasion/, /overreliance/, /silent model .*change/, /provider breach/,
    ]) {
      expect(titles, String(pattern)).toMatch(pattern);
    }
  });

  it("maps to every OWASP LLM 2025 and OWASP Agentic item between them, and every STRIDE category", () => {
    const llm = new Set(doc.threats.flatMap((t) => t.owaspLlm));
    const agentic = new Set(doc.threats.flatMap((t) => t.owaspAgentic));
    expect([...llm].sort()).toEqual(Object.keys(OWASP_LLM).sort());
    expect([...agentic].sort()).toEqual(Object.keys(OWASP_AGENTIC).sort());
    expect(new Set(doc.threats.map((t) => t.stride))).toEqual(new Set(STRIDE_CATEGORIES));
  });

  it("uses only allow-listed identifiers, ATLAS techniques (never mitigations) for threats", () => {
    for (const t of doc.threats) {
      for (const id of t.atlas) {
        expect(isAtlasId(id), `${t.id} ${id}`).toBe(true);
        expect(id in ATLAS_TECHNIQUES, `${t.id} maps mitigation ${id}`).toBe(true);
      }
      for (const id of t.owaspLlm) expect(isOwaspLlmId(id), `${t.id} ${id}`).toBe(true);
      for (const id of t.owaspAgentic) expect(isOwaspAgenticId(id), `${t.id} ${id}`).toBe(true);
      expect(t.atlas.length + t.owaspLlm.length + t.owaspAgentic.length, t.id).toBeGreaterThan(0);
    }
  });

  it("suggests only controls that exist in control library 1.0.0", () => {
    const codes = new Set(flattenControls(loadLibrary("1.0.0")).map((c) => c.id));
    for (const t of doc.threats) for (const code of t.controls) expect(codes.has(code), `${t.id} → ${code}`).toBe(true);
  });

  it("writes a description of 2-4 sentences for each entry, none repeated", () => {
    for (const t of doc.threats) {
      const sentences = t.description.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
      expect(sentences, t.id).toBeGreaterThanOrEqual(1);
      expect(sentences, t.id).toBeLessThanOrEqual(4);
    }
    const descriptions = doc.threats.map((t) => t.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });

  it("uses rules over the bill of materials, not only the profile", () => {
    const leaves = doc.threats.flatMap((t) => suggestionRuleLeaves(t.suggestWhen));
    for (const key of ["hasAssetKind", "hasCapability", "capabilityWithoutApproval", "credentialTypeIn", "pickleModel", "missingDigest", "dueDiligencePending"]) {
      expect(leaves.some((l) => key in l), key).toBe(true);
    }
  });

  it("refuses an unknown control, an unknown ATLAS ID, a duplicate ID and a bad family", () => {
    const badControl = fresh();
    (badControl.threats[0].controls as string[]).push("DES-9.9");
    expect(messages(ZThreatLibrary.safeParse(badControl))).toMatch(/suggests control DES-9.9, which is not in control library 1.0.0/);

    const badAtlas = fresh();
    badAtlas.threats[1].atlas = ["AML.T0051.009"];
    expect(messages(ZThreatLibrary.safeParse(badAtlas))).toMatch(/Unknown MITRE ATLAS identifier "AML.T0051.009"/);

    const dup = fresh();
    dup.threats[2].id = dup.threats[0].id;
    expect(messages(ZThreatLibrary.safeParse(dup))).toMatch(/used twice/);

    const family = fresh();
    family.threats[0].id = "T-ZZ-01";
    expect(messages(ZThreatLibrary.safeParse(family))).toMatch(/Unknown threat family "ZZ"/);

    const extra = fresh();
    extra.threats[0].severity = "High";
    expect(ZThreatLibrary.safeParse(extra).success).toBe(false);

    const rule = fresh();
    rule.threats[0].suggestWhen = { hasAssetKind: "SPACESHIP" };
    expect(ZThreatLibrary.safeParse(rule).success).toBe(false);

    expect(ZThreatLibrary.safeParse({ ...fresh(), atlasVersion: "4.9.0" }).success).toBe(false);
    expect(ZThreatLibrary.safeParse({ ...fresh(), controlLibraryVersion: "9.0.0" }).success).toBe(false);
  });

  it("caches one frozen document and refuses unknown versions", () => {
    expect(loadThreatLibrary()).toBe(doc);
    expect(Object.isFrozen(doc.threats[0].controls)).toBe(true);
    expect(() => loadThreatLibrary("0.0.1")).toThrow(/Unknown threat library version/);
    expect(findThreatEntry(doc, "T-PI-01")?.title).toBe("Direct prompt injection");
  });
});
