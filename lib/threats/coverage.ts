/**
 * Coverage of OWASP Top 10 for LLM Applications 2025 and MITRE ATLAS techniques by one
 * threat-model version: which items its threats address and with which linked controls, and
 * which were not considered at all. Pure.
 */
import { ATLAS_TECHNIQUES, OWASP_LLM, type AtlasId } from "@/lib/controls/identifiers";
import type { TThreatLibrary } from "./library-schema";

export type CoverageThreat = { id: string; title: string; owaspLlm: readonly string[]; atlas: readonly string[]; controlCodes: readonly string[] };
export type CoverageControl = { code: string; title: string; status: string | null };

/**
 * ADDRESSED: at least one threat maps to the item and at least one of them has a linked
 * control; CONSIDERED: threats map to it but none has a control linked yet; NOT_CONSIDERED:
 * no threat of this version maps to it.
 */
export type CoverageState = "ADDRESSED" | "CONSIDERED" | "NOT_CONSIDERED";

export type CoverageRow = {
  id: string;
  title: string;
  state: CoverageState;
  threats: { id: string; title: string }[];
  controls: CoverageControl[];
};

export type Coverage = {
  owaspLlm: CoverageRow[];
  atlas: CoverageRow[];
  totals: Record<"owaspLlm" | "atlas", Record<CoverageState, number>>;
};

function rows(
  universe: readonly { id: string; title: string }[],
  threats: readonly CoverageThreat[],
  ids: (t: CoverageThreat) => readonly string[],
  controls: ReadonlyMap<string, CoverageControl>,
): CoverageRow[] {
  return universe.map(({ id, title }) => {
    const matching = threats.filter((t) => ids(t).includes(id));
    const codes = [...new Set(matching.flatMap((t) => t.controlCodes))].sort();
    const linked = codes.map((code) => controls.get(code) ?? { code, title: "(not on this system's checklist)", status: null });
    const state: CoverageState = matching.length === 0 ? "NOT_CONSIDERED" : linked.length ? "ADDRESSED" : "CONSIDERED";
    return { id, title, state, threats: matching.map((t) => ({ id: t.id, title: t.title })), controls: linked };
  });
}

function totals(list: readonly CoverageRow[]): Record<CoverageState, number> {
  const out: Record<CoverageState, number> = { ADDRESSED: 0, CONSIDERED: 0, NOT_CONSIDERED: 0 };
  for (const row of list) out[row.state]++;
  return out;
}

/**
 * @param threats the version's threats with their linked control codes.
 * @param controls the system's checklist controls by code (title and live status).
 * @param library the threat library: its ATLAS techniques form the ATLAS universe shown
 *   (plus any technique a custom threat names), in ID order.
 */
export function computeCoverage(threats: readonly CoverageThreat[], controls: ReadonlyMap<string, CoverageControl>, library: TThreatLibrary): Coverage {
  const owaspUniverse = Object.entries(OWASP_LLM).map(([id, title]) => ({ id, title }));
  const atlasIds = new Set<string>([...library.threats.flatMap((t) => t.atlas), ...threats.flatMap((t) => t.atlas)]);
  const atlasUniverse = [...atlasIds]
    .filter((id) => id in ATLAS_TECHNIQUES)
    .sort()
    .map((id) => ({ id, title: ATLAS_TECHNIQUES[id as keyof typeof ATLAS_TECHNIQUES] as string }));
  const owaspLlm = rows(owaspUniverse, threats, (t) => t.owaspLlm, controls);
  const atlas = rows(atlasUniverse, threats, (t) => t.atlas, controls);
  return { owaspLlm, atlas, totals: { owaspLlm: totals(owaspLlm), atlas: totals(atlas) } };
}

export type { AtlasId };
