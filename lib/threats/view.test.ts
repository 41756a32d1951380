import { describe, expect, it } from "vitest";
import { computeCoverage } from "./coverage";
import { layoutDataFlows } from "./diagram";
import { loadThreatLibrary } from "./load-library";
import { assessThreat } from "./rules";
import { sortThreatRows } from "./sort";

const library = loadThreatLibrary();

describe("[THREATS] coverage of OWASP LLM 2025 and ATLAS", () => {
  it("marks items addressed (threat + control), considered (threat only) or not considered", () => {
    const controls = new Map([["DES-3.5", { code: "DES-3.5", title: "Put guardrails around the model", status: "MET" }]]);
    const coverage = computeCoverage(
      [
        { id: "T-PI-01", title: "Direct prompt injection", owaspLlm: ["LLM01:2025"], atlas: ["AML.T0051.000", "AML.T0051"], controlCodes: ["DES-3.5"] },
        { id: "T-SP-01", title: "System prompt extraction", owaspLlm: ["LLM07:2025"], atlas: ["AML.T0056"], controlCodes: [] },
      ],
      controls,
      library,
    );
    const owasp = new Map(coverage.owaspLlm.map((r) => [r.id, r]));
    expect(coverage.owaspLlm).toHaveLength(10);
    expect(owasp.get("LLM01:2025")).toMatchObject({ state: "ADDRESSED", controls: [{ code: "DES-3.5", status: "MET" }] });
    expect(owasp.get("LLM07:2025")!.state).toBe("CONSIDERED");
    expect(owasp.get("LLM10:2025")!.state).toBe("NOT_CONSIDERED");
    expect(coverage.totals.owaspLlm).toEqual({ ADDRESSED: 1, CONSIDERED: 1, NOT_CONSIDERED: 8 });
    const atlas = new Map(coverage.atlas.map((r) => [r.id, r]));
    expect(atlas.get("AML.T0051.000")!.state).toBe("ADDRESSED");
    expect(atlas.get("AML.T0056")!.state).toBe("CONSIDERED");
    expect(atlas.get("AML.T0070")!.state).toBe("NOT_CONSIDERED");
    expect(coverage.atlas.length).toBe(new Set(library.threats.flatMap((t) => t.atlas)).size);
  });
});

describe("[THREATS] data-flow diagram layout", () => {
  it("lays out one node per element name, left to right, with asset kinds and boundary flags", () => {
    const layout = layoutDataFlows(
      [
        { id: "f1", source: "Customer", target: "Chat API", data: "question", crossesTrustBoundary: true, assetIds: [] },
        { id: "f2", source: "chat api", target: "kb-index", data: "similarity query", crossesTrustBoundary: false, assetIds: ["a2"] },
        { id: "f3", source: "Chat API", target: "Hosted LLM", data: "prompt + context", crossesTrustBoundary: true, assetIds: [] },
      ],
      [
        { id: "a1", name: "Hosted LLM", kind: "VENDOR_API" },
        { id: "a2", name: "kb-index", kind: "VECTOR_STORE" },
      ],
    );
    expect(layout.nodes.map((n) => n.label).sort()).toEqual(["Chat API", "Customer", "Hosted LLM", "kb-index"]);
    const byLabel = new Map(layout.nodes.map((n) => [n.label, n]));
    expect(byLabel.get("kb-index")!.kind).toBe("VECTOR_STORE");
    expect(byLabel.get("Hosted LLM")!.kind).toBe("VENDOR_API");
    expect(byLabel.get("Customer")!.kind).toBeNull();
    expect(byLabel.get("Customer")!.x).toBeLessThan(byLabel.get("Chat API")!.x);
    expect(byLabel.get("Chat API")!.x).toBeLessThan(byLabel.get("kb-index")!.x);
    expect(layout.edges.filter((e) => e.crossesTrustBoundary)).toHaveLength(2);
    expect(layout.edges.find((e) => e.id === "f2")!.source).toBe(byLabel.get("Chat API")!.id);
    expect(layout.width).toBeGreaterThan(0);
    for (const n of layout.nodes) for (const m of layout.nodes) if (n !== m) expect(n.x + n.width <= m.x || m.x + m.width <= n.x || n.y + n.height <= m.y || m.y + m.height <= n.y, `${n.label} overlaps ${m.label}`).toBe(true);
  });

  it("is empty without flows", () => {
    expect(layoutDataFlows([], [])).toEqual({ nodes: [], edges: [], width: 0, height: 0 });
  });

  it("lays out the same flows once per process, and anew when anything it reads changes", () => {
    const flows = [{ id: "f1", source: "App", target: "Model", data: "prompt", crossesTrustBoundary: false, assetIds: [] as string[] }];
    const assets = [{ id: "a1", name: "Model", kind: "MODEL" as const }];
    const first = layoutDataFlows(flows, assets);
    expect(layoutDataFlows(structuredClone(flows), structuredClone(assets))).toBe(first);
    const relabelled = layoutDataFlows([{ ...flows[0]!, data: "a much longer prompt with retrieved context" }], assets);
    expect(relabelled).not.toBe(first);
    expect(relabelled.edges[0]!.label).toBe("a much longer prompt with retrieved context");
    const otherKind = layoutDataFlows(flows, [{ ...assets[0]!, kind: "VENDOR_API" }]);
    expect(otherKind.nodes.find((n) => n.label === "Model")!.kind).toBe("VENDOR_API");
    expect(layoutDataFlows(flows, assets)).toBe(first);
  });
});

describe("[THREATS] threat list order", () => {
  const row = (position: number, l: number, i: number, rl: number | null, ri: number | null, libraryRef: string | null, title = "t") => ({
    position,
    libraryRef,
    title,
    assessment: assessThreat({ likelihood: l, impact: i, residualLikelihood: rl, residualImpact: ri, treatment: null, acceptance: null }, 9, "2026-11-30"),
  });
  const rows = [row(0, 5, 5, 1, 1, "T-PI-01"), row(1, 3, 3, null, null, "T-DS-01"), row(2, 4, 4, 4, 3, null, "Custom"), row(3, 2, 2, null, null, "T-AG-01")];

  it("sorts by residual score (inherent where not set), highest first", () => {
    expect(sortThreatRows(rows, "residual").map((r) => r.position)).toEqual([2, 1, 3, 0]);
  });
  it("sorts by inherent score, by library ID (custom last) and in the order added", () => {
    expect(sortThreatRows(rows, "inherent").map((r) => r.position)).toEqual([0, 2, 1, 3]);
    expect(sortThreatRows(rows, "id").map((r) => r.position)).toEqual([3, 1, 0, 2]);
    expect(sortThreatRows(rows, "added").map((r) => r.position)).toEqual([0, 1, 2, 3]);
  });
});
