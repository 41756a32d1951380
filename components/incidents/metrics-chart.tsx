"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Row = { label: string; medianHoursToContain: number | null; medianHoursToClose: number | null };

/**
 * Median hours to contain and to close, one pair of bars per group. Decorative for screen
 * readers: the same figures are in the table next to it. Hidden from them, so nothing in it may
 * take focus either: recharts' keyboard layer (a focusable chart surface) is off.
 */
export function MetricsChart({ rows, title }: { rows: Row[]; title: string }) {
  const data = rows.slice(0, 12).map((r) => ({ name: r.label.length > 22 ? `${r.label.slice(0, 21)}…` : r.label, contain: r.medianHoursToContain ?? 0, close: r.medianHoursToClose ?? 0 }));
  return (
    <figure aria-hidden className="h-72 w-full" data-testid="metrics-chart">
      <figcaption className="sr-only">{title}</figcaption>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 40, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="name" tick={{ fontSize: 11, fill: "#475569" }} interval={0} angle={-25} textAnchor="end" height={60} />
          <YAxis tick={{ fontSize: 11, fill: "#475569" }} unit=" h" width={56} />
          <Tooltip formatter={(v) => `${v} h`} />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="contain" name="Median hours to contain" fill="#f59e0b" radius={[3, 3, 0, 0]} />
          <Bar dataKey="close" name="Median hours to close" fill="#4f46e5" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
