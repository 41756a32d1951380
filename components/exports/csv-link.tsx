import type { Actor } from "@/lib/authz/actor";
import { canExportListCsv, type ListCsvTable } from "@/lib/exports/list-csv";

/**
 * "Export CSV" for a list page (GET /api/exports/csv/<table>), shown only to people allowed to
 * export that list. `query` narrows it like the page (a system, the audit log's filters).
 */
export function CsvLink({ actor, table, query = {}, label = "Export CSV", size = "sm" }: { actor: Actor; table: ListCsvTable; query?: Record<string, string | undefined>; label?: string; size?: "sm" | "md" }) {
  if (!canExportListCsv(actor, table)) return null;
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const href = `/api/exports/csv/${table}${params.size ? `?${params}` : ""}`;
  return (
    <a
      href={href}
      download
      className={`inline-flex ${size === "sm" ? "h-8 px-3" : "h-9 px-4"} items-center whitespace-nowrap rounded-md border border-slate-300 bg-white text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50`}
    >
      {label}
    </a>
  );
}
