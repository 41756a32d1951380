"use client";

import { Background, BaseEdge, EdgeLabelRenderer, Handle, MarkerType, Position, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type EdgeProps, type Node, type NodeProps } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useEffect, useMemo, useRef } from "react";
import type { DiagramLayout } from "@/lib/threats/diagram";
import { cn } from "@/components/ui/cn";
import { label } from "@/lib/labels";

type ElementData = { label: string; kind: string | null };
type FlowData = { label: string; crosses: boolean; points: { x: number; y: number }[]; labelX: number; labelY: number };

/** A smooth path through dagre's route points: straight ends, quadratic bends in between. */
function routePath(points: readonly { x: number; y: number }[]): string {
  if (points.length < 2) return "";
  let d = `M ${points[0].x} ${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i];
    const next = points[i + 1];
    d += ` Q ${p.x} ${p.y} ${(p.x + next.x) / 2} ${(p.y + next.y) / 2}`;
  }
  const last = points[points.length - 1];
  return `${d} L ${last.x} ${last.y}`;
}

const STORE_KINDS = new Set(["DATASET", "VECTOR_STORE", "EVAL_SUITE"]);

function ElementNode({ data }: NodeProps<Node<ElementData>>) {
  const store = data.kind !== null && STORE_KINDS.has(data.kind);
  return (
    <div
      className={cn(
        "flex h-full w-full flex-col justify-center bg-white px-3 text-center shadow-sm",
        store ? "border-y-[3px] border-x-0 border-slate-500" : data.kind ? "rounded-lg border-2 border-brand-500" : "rounded-md border-2 border-dashed border-slate-400 bg-slate-50",
      )}
    >
      <Handle type="target" position={Position.Left} className="!opacity-0" isConnectable={false} />
      <span className="text-[10px] font-semibold uppercase tracking-wide text-slate-500">{data.kind ? label(data.kind) : "External / other"}</span>
      <span className="truncate text-sm font-medium text-slate-900" title={data.label}>{data.label}</span>
      <Handle type="source" position={Position.Right} className="!opacity-0" isConnectable={false} />
    </div>
  );
}

function FlowEdge({ id, data, markerEnd }: EdgeProps<Edge<FlowData>>) {
  const path = routePath(data?.points ?? []);
  const labelX = data?.labelX ?? 0;
  const labelY = data?.labelY ?? 0;
  const crosses = data?.crosses ?? false;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={{ stroke: crosses ? "#dc2626" : "#64748b", strokeWidth: crosses ? 2.25 : 1.5, strokeDasharray: crosses ? "6 4" : undefined }} />
      <EdgeLabelRenderer>
        <div
          className={cn(
            "nodrag nopan absolute max-w-[180px] rounded px-1.5 py-0.5 text-center text-[11px] leading-tight shadow-sm",
            crosses ? "border border-red-300 bg-red-50 text-red-800" : "border border-slate-200 bg-white text-slate-700",
          )}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          {crosses ? <span aria-label="crosses a trust boundary">⚠ </span> : null}
          {data?.label}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

const nodeTypes = { element: ElementNode };
const edgeTypes = { flow: FlowEdge };

/** Refits the diagram when its box changes size (window resize, print layout). */
function FitOnResize({ target }: { target: React.RefObject<HTMLDivElement | null> }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const fit = () => void fitView({ padding: 0.08, duration: 0 });
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    window.addEventListener("beforeprint", fit);
    return () => {
      observer.disconnect();
      window.removeEventListener("beforeprint", fit);
    };
  }, [fitView, target]);
  return null;
}

/**
 * The data-flow diagram, drawn by React Flow from the layout computed on the server
 * (lib/threats/diagram.ts). Read-only: elements are the flows' sources and targets (shaped by
 * the inventory asset kind they match), arrows the flows; red dashed arrows cross a trust boundary.
 */
export function DataFlowDiagram({ layout, className }: { layout: DiagramLayout; className?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const nodes = useMemo<Node<ElementData>[]>(
    () => layout.nodes.map((n) => ({ id: n.id, type: "element", position: { x: n.x, y: n.y }, width: n.width, height: n.height, data: { label: n.label, kind: n.kind }, draggable: false, selectable: false })),
    [layout.nodes],
  );
  const edges = useMemo<Edge<FlowData>[]>(
    () =>
      layout.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        type: "flow",
        data: { label: e.label, crosses: e.crossesTrustBoundary, points: e.points, labelX: e.labelX, labelY: e.labelY },
        markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: e.crossesTrustBoundary ? "#dc2626" : "#64748b" },
        selectable: false,
      })),
    [layout.edges],
  );
  const height = Math.max(260, Math.min(620, layout.height + 40));
  return (
    <div
      ref={box}
      className={cn("relative w-full overflow-hidden rounded-lg border border-slate-200 bg-slate-50 print:break-inside-avoid", className)}
      style={{ height }}
      role="img"
      aria-label={`Data-flow diagram: ${layout.nodes.length} elements and ${layout.edges.length} data flows, ${layout.edges.filter((e) => e.crossesTrustBoundary).length} crossing a trust boundary.`}
      data-testid="data-flow-diagram"
    >
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          fitView
          fitViewOptions={{ padding: 0.08 }}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          zoomOnScroll={false}
          preventScrolling={false}
          minZoom={0.2}
          maxZoom={1.5}
        >
          <Background gap={20} color="#e2e8f0" />
          <FitOnResize target={box} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}

export function DiagramLegend() {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-600">
      <li className="flex items-center gap-1.5"><span className="inline-block h-3 w-5 rounded border-2 border-brand-500 bg-white" aria-hidden /> Inventory asset</li>
      <li className="flex items-center gap-1.5"><span className="inline-block h-3 w-5 border-y-[3px] border-slate-500 bg-white" aria-hidden /> Data store</li>
      <li className="flex items-center gap-1.5"><span className="inline-block h-3 w-5 rounded border-2 border-dashed border-slate-400 bg-slate-50" aria-hidden /> Not in the inventory</li>
      <li className="flex items-center gap-1.5"><span className="inline-block w-6 border-t-2 border-slate-500" aria-hidden /> Data flow</li>
      <li className="flex items-center gap-1.5"><span className="inline-block w-6 border-t-2 border-dashed border-red-600" aria-hidden /> Crosses a trust boundary</li>
    </ul>
  );
}
