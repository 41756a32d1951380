import { describe, expect, it } from "vitest";
import { loadThreatLibrary } from "./load-library";
import { looksPickleBased, type BomAsset, type ThreatProfile } from "./suggestion-rules";
import { openSuggestions, suggestThreats } from "./suggestions";

const library = loadThreatLibrary("1.0.0");

let n = 0;
function asset(kind: BomAsset["kind"], name: string, extra: Partial<BomAsset> = {}): BomAsset {
  return { id: `a${++n}`, kind, name, capabilities: [], sha256: "ab".repeat(32), dueDiligence: "APPROVED", ...extra };
}

type Row = {
  name: string;
  profile: ThreatProfile;
  /** Exactly these IDs, when given. */
  exactly?: string[];
  /** These IDs, each with a reason matching the pattern. */
  includes?: Record<string, RegExp>;
  excludes?: string[];
};

const ROWS: Row[] = [
  {
    name: "an internal, non-autonomous LOW classifier with a digest-pinned ONNX model",
    profile: {
      riskTier: "LOW", dataSensitivity: "PUBLIC", autonomy: "NONE", exposure: "INTERNAL",
      assets: [asset("MODEL", "fraud-scorer", { notes: "ONNX export" })],
    },
    exactly: ["T-SC-01", "T-SC-03"],
    includes: { "T-SC-01": /^It has a model: “fraud-scorer”\.$/, "T-SC-03": /every AI system/ },
  },
  {
    name: "an internet-facing retrieval assistant on a hosted model",
    profile: {
      riskTier: "MEDIUM", dataSensitivity: "CONFIDENTIAL", autonomy: "ASSISTIVE", exposure: "INTERNET_FACING",
      assets: [asset("VENDOR_API", "Hosted LLM API"), asset("VECTOR_STORE", "help-centre-index"), asset("PROMPT", "support system prompt")],
    },
    includes: {
      "T-PI-01": /the system is internet-facing/i,
      "T-PI-02": /it has a vector store: “help-centre-index”/i,
      "T-DP-02": /^It has a vector store: “help-centre-index”\.$/,
      "T-VS-01": /vector store/i,
      "T-VS-02": /CONFIDENTIAL data/i,
      "T-SP-01": /it has a prompt: “support system prompt”/i,
      "T-DL-01": /CONFIDENTIAL/i,
      "T-VN-01": /vendor API: “Hosted LLM API”/i,
      "T-DS-01": /internet-facing/i,
      "T-DS-02": /vendor API/i,
      "T-OH-01": /internet-facing/i,
      "T-OR-01": /assistive/i,
    },
    excludes: ["T-EA-01", "T-EA-02", "T-UL-01", "T-CM-01", "T-AG-01", "T-AG-02", "T-TP-01", "T-DP-03"],
  },
  {
    name: "an agentic procurement assistant that can spend money without approval",
    profile: {
      riskTier: "HIGH", dataSensitivity: "CONFIDENTIAL", autonomy: "AGENTIC", exposure: "INTERNAL",
      assets: [
        asset("TOOL_CONNECTOR", "Payments connector", { capabilities: ["SPEND_MONEY"], humanApprovalRequired: false, credentialType: "SERVICE_ACCOUNT" }),
        asset("AGENT_IDENTITY", "procurement-agent", { capabilities: ["READ_INTERNAL_DATA", "SEND_MESSAGES"], credentialType: "INHERITED_USER_TOKEN", humanApprovalRequired: true }),
        asset("MODEL", "planner", { version: "2.1", notes: "checkpoint planner.pt from the research team", sha256: null }),
      ],
    },
    includes: {
      "T-EA-01": /“Payments connector” \(tool connector\) lets the system spend money without a human approving each action/i,
      "T-EA-02": /“Payments connector” \(tool connector\) and “procurement-agent” \(agent identity\) act with a service account or the user's own token/i,
      "T-EA-03": /“procurement-agent” \(agent identity\) lets the system read internal data/i,
      "T-UL-01": /“planner” \(model\) is recorded in a pickle-based format/i,
      "T-SC-01": /“planner” \(model\) has no SHA-256 digest recorded/i,
      "T-MT-02": /no SHA-256 digest/i,
      "T-TP-01": /tool connector: “Payments connector”/i,
      "T-TP-02": /the system is agentic/i,
      "T-AG-01": /agent identity: “procurement-agent”/i,
      "T-AG-02": /the system is agentic/i,
      "T-CM-02": /agentic/i,
      "T-LG-01": /agentic/i,
      "T-CR-01": /agent identity/i,
      "T-OR-02": /agentic/i,
      "T-DS-02": /spend money/i,
    },
    excludes: ["T-CM-01", "T-VS-01", "T-DP-02", "T-MT-01", "T-DP-03"],
  },
  {
    name: "an agent that writes memory and browses the web, with a pending MCP server",
    profile: {
      riskTier: "MEDIUM", dataSensitivity: "INTERNAL", autonomy: "AGENTIC", exposure: "INTERNET_FACING",
      assets: [
        asset("TOOL_CONNECTOR", "web-research MCP server", { capabilities: ["BROWSE_WEB", "WRITE_MEMORY"], dueDiligence: "IN_PROGRESS", humanApprovalRequired: false }),
        asset("DATASET", "feedback corpus"),
      ],
    },
    includes: {
      "T-CM-01": /“web-research MCP server” \(tool connector\) lets the system write to persistent memory/i,
      "T-SC-04": /has not passed due diligence/i,
      "T-PI-02": /browse the web/i,
      "T-DP-03": /internet-facing; it has a dataset: “feedback corpus”/i,
      "T-TP-02": /browse the web/i,
    },
    excludes: ["T-EA-01", "T-UL-01", "T-UL-02", "T-VS-01"],
  },
];

describe("[THREATS] suggestion rules: profiles → expected suggestions", () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const suggestions = suggestThreats(library, row.profile);
      const byId = new Map(suggestions.map((s) => [s.threatId, s]));
      if (row.exactly) expect([...byId.keys()].sort()).toEqual([...row.exactly].sort());
      for (const [id, pattern] of Object.entries(row.includes ?? {})) {
        expect(byId.has(id), `${id} suggested`).toBe(true);
        expect(byId.get(id)!.reason, id).toMatch(pattern);
      }
      for (const id of row.excludes ?? []) expect(byId.has(id), `${id} not suggested`).toBe(false);
      for (const s of suggestions) {
        expect(s.reason.length, s.threatId).toBeGreaterThan(10);
        expect(s.likelihood).toBeGreaterThanOrEqual(1);
        expect(s.impact).toBeLessThanOrEqual(5);
      }
    });
  }

  it("raises the starting impact when an aggravating capability is present and says so", () => {
    const base: ThreatProfile = {
      riskTier: "MEDIUM", dataSensitivity: "INTERNAL", autonomy: "AGENTIC", exposure: "INTERNAL",
      assets: [asset("TOOL_CONNECTOR", "crm")],
    };
    const plain = suggestThreats(library, base).find((s) => s.threatId === "T-TP-01")!;
    const worse = suggestThreats(library, { ...base, assets: [asset("TOOL_CONNECTOR", "crm", { capabilities: ["EXECUTE_CODE"] })] }).find((s) => s.threatId === "T-TP-01")!;
    expect(worse.impact).toBe(Math.min(5, plain.impact + 1));
    expect(worse.aggravators).toEqual(["EXECUTE_CODE"]);
    expect(worse.reason).toMatch(/impact raised because it can execute code/);
    expect(plain.aggravators).toEqual([]);
  });

  it("prefills affected assets: the ones named by the reasons and those of the entry's kinds", () => {
    const vs = asset("VECTOR_STORE", "kb");
    const ds = asset("DATASET", "kb-source");
    const s = suggestThreats(library, { riskTier: "LOW", dataSensitivity: "INTERNAL", autonomy: "ASSISTIVE", exposure: "INTERNAL", assets: [vs, ds] }).find(
      (x) => x.threatId === "T-DP-02",
    )!;
    expect(s.assetIds.sort()).toEqual([vs.id, ds.id].sort());
  });

  it("keeps added and dismissed suggestions out of the open list, dismissed ones with their reason", () => {
    const suggestions = suggestThreats(library, ROWS[1].profile);
    const { open, dismissed } = openSuggestions(suggestions, ["T-PI-01"], [{ threatId: "T-VS-02", reason: "Index holds public articles only." }]);
    expect(open.some((s) => s.threatId === "T-PI-01")).toBe(false);
    expect(open.some((s) => s.threatId === "T-VS-02")).toBe(false);
    expect(dismissed).toEqual([expect.objectContaining({ threatId: "T-VS-02", dismissReason: "Index holds public articles only." })]);
    expect(open.length).toBe(suggestions.length - 2);
  });

  it("recognises pickle-based model files by name, version or notes", () => {
    for (const name of ["model.pt", "weights.pth", "clf.pkl", "pipeline.joblib", "pytorch_model.bin", "ckpt/epoch-3.ckpt"]) {
      expect(looksPickleBased({ name }), name).toBe(true);
    }
    expect(looksPickleBased({ name: "planner", notes: "saved with torch.save" })).toBe(true);
    for (const name of ["model.safetensors", "llama.gguf", "scorer.onnx", "gpt-4o", "prompt template"]) expect(looksPickleBased({ name }), name).toBe(false);
  });
});
