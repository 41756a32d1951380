/**
 * Data-flow diagram layout: turns a version's data flows into positioned nodes and edges for
 * React Flow, laid out left to right by dagre. Pure (no DOM), so the layout is computed on the
 * server and tested; the client component only renders it.
 */
import { createHash } from "node:crypto";
import dagre from "@dagrejs/dagre";
import type { AssetKind } from "@/generated/prisma/enums";

export type FlowInput = { id: string; source: string; target: string; data: string; crossesTrustBoundary: boolean; assetIds: readonly string[] };
export type AssetRef = { id: string; name: string; kind: AssetKind };

export type DiagramNode = { id: string; label: string; kind: AssetKind | null; x: number; y: number; width: number; height: number };
/** `points` is dagre's route (node border to node border, around other nodes); `labelX/Y` the label centre. */
export type DiagramEdge = {
  id: string;
  source: string;
  target: string;
  label: string;
  crossesTrustBoundary: boolean;
  points: { x: number; y: number }[];
  labelX: number;
  labelY: number;
};
export type DiagramLayout = { nodes: DiagramNode[]; edges: DiagramEdge[]; width: number; height: number };

const NODE_HEIGHT = 64;
const CHAR_WIDTH = 7.4;
const LABEL_CHAR_WIDTH = 6.2;
const LABEL_MAX_WIDTH = 180;

function nodeKey(name: string): string {
  return `n-${name.trim().toLowerCase().replace(/\s+/g, " ")}`;
}

function nodeWidth(label: string): number {
  return Math.round(Math.min(240, Math.max(150, label.length * CHAR_WIDTH + 48)));
}

/**
 * Layouts already computed in this process, by a digest of exactly what the layout reads.
 * Dagre costs ~10-15 ms for a dozen flows and a reviewed version never changes, so the same
 * diagram is laid out once per process. Bounded (oldest entry dropped first).
 */
const layoutCache = new Map<string, DiagramLayout>();
const LAYOUT_CACHE_MAX = 256;

/**
 * Lays out the flows (cached per process by their content; the result is shared, so callers
 * must not mutate it). An element whose name matches an inventory asset (case-insensitive), or
 * one of the flow's own assets, takes that asset's kind (shown as its badge and shape).
 */
export function layoutDataFlows(flows: readonly FlowInput[], assets: readonly AssetRef[]): DiagramLayout {
  if (flows.length === 0) return { nodes: [], edges: [], width: 0, height: 0 };
  const key = createHash("sha256")
    .update(JSON.stringify([flows.map((f) => [f.id, f.source, f.target, f.data, f.crossesTrustBoundary, f.assetIds]), assets.map((a) => [a.id, a.name, a.kind])]))
    .digest("base64");
  const cached = layoutCache.get(key);
  if (cached) return cached;
  const layout = computeLayout(flows, assets);
  if (layoutCache.size >= LAYOUT_CACHE_MAX) layoutCache.delete(layoutCache.keys().next().value!);
  layoutCache.set(key, layout);
  return layout;
}

function computeLayout(flows: readonly FlowInput[], assets: readonly AssetRef[]): DiagramLayout {
  const byName = new Map(assets.map((a) => [a.name.trim().toLowerCase(), a]));
  const byId = new Map(assets.map((a) => [a.id, a]));
  const labels = new Map<string, string>();
  const kinds = new Map<string, AssetKind | null>();

  for (const flow of flows) {
    for (const end of [flow.source, flow.target]) {
      const key = nodeKey(end);
      if (!labels.has(key)) labels.set(key, end.trim());
      const lower = end.trim().toLowerCase();
      const match = byName.get(lower) ?? flow.assetIds.map((id) => byId.get(id)).find((a) => a && a.name.trim().toLowerCase() === lower);
      if (match) kinds.set(key, match.kind);
      else if (!kinds.has(key)) kinds.set(key, null);
    }
  }

  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 70, edgesep: 28, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const [key, label] of labels) graph.setNode(key, { width: nodeWidth(label), height: NODE_HEIGHT });
  flows.forEach((flow) => {
    // Label boxes get room in the layout, so labels never sit on top of each other.
    const lines = Math.ceil((flow.data.length * LABEL_CHAR_WIDTH) / LABEL_MAX_WIDTH);
    graph.setEdge(nodeKey(flow.source), nodeKey(flow.target), { width: Math.min(LABEL_MAX_WIDTH, flow.data.length * LABEL_CHAR_WIDTH + 24), height: 14 * lines + 10, labelpos: "c" }, flow.id);
  });
  dagre.layout(graph);

  const nodes: DiagramNode[] = [...labels.entries()].map(([key, label]) => {
    const n = graph.node(key);
    return { id: key, label, kind: kinds.get(key) ?? null, x: Math.round(n.x - n.width / 2), y: Math.round(n.y - n.height / 2), width: n.width, height: n.height };
  });
  const edges: DiagramEdge[] = flows.map((f) => {
    const e = graph.edge({ v: nodeKey(f.source), w: nodeKey(f.target), name: f.id }) as { points?: { x: number; y: number }[]; x?: number; y?: number };
    const points = (e.points ?? []).map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
    const middle = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return {
      id: f.id,
      source: nodeKey(f.source),
      target: nodeKey(f.target),
      label: f.data,
      crossesTrustBoundary: f.crossesTrustBoundary,
      points,
      labelX: Math.round(e.x ?? middle.x),
      labelY: Math.round(e.y ?? middle.y),
    };
  });
  const g = graph.graph();
  return { nodes, edges, width: Math.round(g.width ?? 0), height: Math.round(g.height ?? 0) };
}
