import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mapThreatDragon, parseThreatDragon } from "./threat-dragon";

const fixture = fs.readFileSync(path.join(import.meta.dirname, "../../test/fixtures/threat-dragon-v2.json"), "utf8");

describe("[THREATS] Threat Dragon 2.x import mapping", () => {
  const doc = parseThreatDragon(fixture);
  const assets = [{ id: "asset-index", name: "handbook-index" }, { id: "asset-api", name: "Claims chat API" }];
  const mapped = mapThreatDragon(doc, assets);

  it("maps every threat with STRIDE category, severity score, status and mitigation text", () => {
    expect(mapped.threats).toHaveLength(6);
    const byTitle = new Map(mapped.threats.map((t) => [t.title, t]));
    expect(byTitle.get("Customer impersonates another policy holder")).toMatchObject({ stride: "SPOOFING", likelihood: 4, impact: 4, treatment: null, mitigationNotes: "Step-up verification before disclosing claim details." });
    expect(byTitle.get("Prompt injection overrides the refusal policy")).toMatchObject({ stride: "ELEVATION_OF_PRIVILEGE", likelihood: 5, impact: 5, treatment: "MITIGATE", assetIds: ["asset-api"] });
    expect(byTitle.get("Chat transcripts identify the customer")).toMatchObject({ stride: null, treatment: null });
    expect(byTitle.get("Chat transcripts identify the customer")!.description).toMatch(/category Identifying/);
    expect(byTitle.get("Flood of long prompts exhausts the model quota")).toMatchObject({ stride: "DENIAL_OF_SERVICE", likelihood: 3, impact: 3 });
    expect(byTitle.get("Poisoned handbook page is retrieved")).toMatchObject({ stride: "TAMPERING", assetIds: ["asset-index"] });
    const transit = byTitle.get("Questions intercepted in transit")!;
    expect(transit).toMatchObject({ stride: "INFORMATION_DISCLOSURE", likelihood: 2, impact: 2, treatment: "MITIGATE", assetIds: ["asset-api"] });
    expect(transit.description).toMatch(/data flow “Question” \(Policy holder → Claims chat API\)/);
  });

  it("maps connected flows with protocol, public-network crossing and assets; skips a dangling one", () => {
    expect(mapped.flows).toEqual([
      { source: "Policy holder", target: "Claims chat API", data: "Question (HTTPS, encrypted)", crossesTrustBoundary: true, assetIds: ["asset-api"] },
      { source: "Claims chat API", target: "handbook-index", data: "Similarity query (gRPC)", crossesTrustBoundary: false, assetIds: ["asset-api", "asset-index"] },
    ]);
  });

  it("keeps out-of-scope elements as assumptions and reports everything it could not map", () => {
    expect(mapped.assumptions).toEqual(["Out of scope: Legacy claims archive (Read by batch jobs only; covered by the archive's own model)."]);
    expect(mapped.scope).toMatch(/^Imported from Threat Dragon 2.2.0 model “Claims assistant”\. Chat assistant/);
    const report = mapped.report.notMapped.join("\n");
    for (const pattern of [
      /“Telemetry” .* not connected at both ends/,
      /“Chat transcripts identify the customer”: category “Identifying” \(LINDDUN\) has no STRIDE equivalent/,
      /marked not applicable in Threat Dragon/,
      /severity “Urgent” is not Low, Medium, High or Critical/,
      /custom score “9.1” has no equivalent/,
      /was mitigated in Threat Dragon: set its residual/,
      /1 flow marked “public network” were recorded as crossing a trust boundary/,
      /No inventory asset has the name of “Policy holder”, “Legacy claims archive”/,
      /1 text or decoration shape was ignored/,
      /Owner, reviewer and contributors \(3\)/,
      /diagram layout was not imported/,
    ]) {
      expect(report).toMatch(pattern);
    }
    expect(mapped.report.counts).toEqual({ diagrams: 1, elements: 4, flows: 2, threats: 6 });
  });

  it("refuses non-JSON, a 1.x model and a file that is not Threat Dragon", () => {
    expect(() => parseThreatDragon("{not json")).toThrow(/not valid JSON/);
    const v1 = JSON.parse(fixture);
    v1.version = "1.6.1";
    expect(() => parseThreatDragon(JSON.stringify(v1))).toThrow(/Threat Dragon 1.6.1 model; only 2.x/);
    expect(() => parseThreatDragon(JSON.stringify({ bomFormat: "CycloneDX" }))).toThrow(/Not a Threat Dragon 2.x model/);
    const noTitle = JSON.parse(fixture);
    noTitle.summary.title = " ";
    expect(() => parseThreatDragon(JSON.stringify(noTitle))).toThrow(/summary.title/);
  });
});
