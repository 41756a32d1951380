import Link from "next/link";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { relativeDay } from "@/lib/dates";

export type TaskGroupView = {
  key: string;
  title: string;
  description: string;
  dateKind: string;
  empty: string;
  count: number;
  href: string;
  items: { id: string; title: string; detail: string; href: string; date?: string | null; tone?: "red" | "amber" | "slate" }[];
};

const DATE_TONE = { red: "text-red-700 font-semibold", amber: "text-amber-700 font-medium", slate: "text-slate-500" } as const;

/** One "what needs me" list: count (links to the full list), first items (each one click away). */
export function TaskGroupCard({ group, today }: { group: TaskGroupView; today: string }) {
  return (
    <Card className="flex flex-col" >
      <div className="flex items-start justify-between gap-3 border-b border-slate-100 px-5 py-3.5" data-testid={`task-group-${group.key}`}>
        <div className="min-w-0">
          <h3 className="text-sm font-semibold text-slate-900">{group.title}</h3>
          <p className="mt-0.5 text-xs text-slate-500">{group.description}</p>
        </div>
        <Link
          href={group.href}
          className={cn(
            "shrink-0 rounded-full px-2.5 py-0.5 text-sm font-semibold tabular-nums",
            group.count ? "bg-brand-50 text-brand-700 ring-1 ring-brand-600/20 hover:bg-brand-100" : "bg-slate-100 text-slate-500",
          )}
          aria-label={`${group.count} — open the full list: ${group.title}`}
          data-testid={`task-count-${group.key}`}
        >
          {group.count.toLocaleString("en")}
        </Link>
      </div>
      {group.items.length ? (
        <ul className="flex-1 divide-y divide-slate-100">
          {group.items.map((item) => (
            <li key={item.id}>
              <Link href={item.href} className="flex items-start justify-between gap-3 px-5 py-2.5 hover:bg-slate-50 focus-visible:bg-slate-50" data-testid={`task-${group.key}-${item.id}`}>
                <span className="min-w-0">
                  <span className="block truncate text-sm font-medium text-slate-800">{item.title}</span>
                  <span className="block truncate text-xs text-slate-500">{item.detail}</span>
                </span>
                {item.date ? (
                  <span className={cn("shrink-0 pt-0.5 text-xs tabular-nums", DATE_TONE[item.tone ?? "slate"])} title={item.date}>
                    {relativeDay(item.date, today, group.dateKind)}
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="flex-1 px-5 py-6 text-sm text-slate-500">
          <span aria-hidden className="mr-1.5 text-emerald-600">✓</span>
          {group.empty}
        </p>
      )}
      {group.count > group.items.length ? (
        <div className="border-t border-slate-100 px-5 py-2.5 text-right">
          <Link href={group.href} className="text-xs font-medium text-brand-700 hover:underline">View all {group.count.toLocaleString("en")} →</Link>
        </div>
      ) : null}
    </Card>
  );
}
