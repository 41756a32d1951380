"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartSegment = { key: string; label: string; count: number; href: string };
export type ChartRow = { key: string; label: string; href: string; total: number; segments: ChartSegment[] };
export type ChartSeries = { key: string; label: string; color: string; href?: string };

/**
 * Horizontal stacked bars (recharts). Every segment is a link to the list it counts (mouse,
 * Enter or Space), and the same figures are offered as a table (`Show as table`) for screen
 * readers and keyboard users.
 */
export function StackedBars({ id, caption, rows, series, unit = "systems" }: { id: string; caption: string; rows: ChartRow[]; series: ChartSeries[]; unit?: string }) {
  const router = useRouter();
  const data = rows.map((r) => ({ name: r.label, rowKey: r.key, ...Object.fromEntries(r.segments.map((s) => [s.key, s.count])) }));
  const segment = (rowIndex: number, key: string) => rows[rowIndex]?.segments.find((s) => s.key === key);
  const height = rows.length * 34 + 24;
  return (
    <div>
      <ul className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend">
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} aria-hidden />
            {s.href ? <Link href={s.href} className="hover:underline">{s.label}</Link> : s.label}
          </li>
        ))}
      </ul>
      {/* A named group, not role="img": its segments are links (an image may hold nothing interactive). */}
      <div role="group" aria-label={`${caption}. The same figures are in the table below.`} data-testid={`chart-${id}`} style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }} barCategoryGap={6} accessibilityLayer={false}>
            <XAxis type="number" hide allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={118} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: "#475569" }} interval={0} />
            <Tooltip cursor={{ fill: "rgba(148,163,184,0.12)" }} formatter={(value, name) => [`${Number(value).toLocaleString("en")} ${unit}`, series.find((s) => s.key === name)?.label ?? String(name)]} />
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                stackId="stack"
                fill={s.color}
                isAnimationActive={false}
                shape={(props: { x?: number; y?: number; width?: number; height?: number; index?: number }) => {
                  const seg = segment(props.index ?? -1, s.key);
                  const row = rows[props.index ?? -1];
                  if (!seg || !row || !seg.count || !props.width || props.width <= 0) return <g />;
                  const open = () => router.push(seg.href);
                  return (
                    <rect
                      x={props.x}
                      y={props.y}
                      width={props.width}
                      height={props.height}
                      fill={s.color}
                      role="link"
                      tabIndex={0}
                      aria-label={`${row.label}, ${s.label}: ${seg.count} ${unit}`}
                      data-testid={`segment-${id}-${row.key}-${s.key}`}
                      data-count={seg.count}
                      data-href={seg.href}
                      className="cursor-pointer outline-none hover:opacity-80 focus-visible:stroke-slate-900 focus-visible:stroke-2"
                      onClick={open}
                      onKeyDown={(e) => {
                        if (e.key === "Enter" || e.key === " ") {
                          e.preventDefault();
                          open();
                        }
                      }}
                    />
                  );
                }}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-xs font-medium text-slate-600 hover:text-slate-900">Show as table</summary>
        <div className="relative mt-2 overflow-x-auto">
          <table className="min-w-full text-xs" data-testid={`table-${id}`}>
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-500">
                <th scope="col" className="py-1.5 pr-3 font-medium"> </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="px-2 py-1.5 text-right font-medium">{s.label}</th>
                ))}
                <th scope="col" className="py-1.5 pl-2 text-right font-medium">Total</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className="border-b border-slate-100">
                  <th scope="row" className="py-1.5 pr-3 text-left font-medium text-slate-700">{r.label}</th>
                  {series.map((s) => {
                    const seg = r.segments.find((x) => x.key === s.key);
                    return (
                      <td key={s.key} className="px-2 py-1.5 text-right tabular-nums">
                        {seg ? <Link href={seg.href} className="text-brand-700 hover:underline">{seg.count.toLocaleString("en")}</Link> : "—"}
                      </td>
                    );
                  })}
                  <td className="py-1.5 pl-2 text-right tabular-nums">
                    <Link href={r.href} className="font-medium text-slate-900 hover:underline">{r.total.toLocaleString("en")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
