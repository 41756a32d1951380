import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { mappingMatches, type ControlMappingGroup, type LibraryControlView } from "@/lib/controls/queries";

/** Where a mapping chip links: the library filtered to that ID (in the version being browsed). */
export function mappingHref(id: string, version?: string) {
  const params = new URLSearchParams();
  if (version) params.set("version", version);
  params.set("mapping", id);
  return `/library?${params.toString()}`;
}

/**
 * One control as a row: code, title, guidance, expected evidence, who it applies to, and its
 * framework mappings as chips (solid border: published crosswalk; dashed: our own inference).
 */
export function ControlRow({ control, activeMapping, version, usage }: { control: LibraryControlView; activeMapping?: string; version?: string; usage?: ReactNode }) {
  return (
    <li id={control.code} className="grid scroll-mt-6 gap-x-5 gap-y-2 px-5 py-4 md:grid-cols-[5.5rem_1fr]" data-testid={`control-${control.code}`}>
      <div>
        <span className="inline-flex rounded-md bg-slate-900 px-2 py-0.5 font-mono text-xs font-semibold text-white">{control.code}</span>
      </div>
      <div className="min-w-0 space-y-2">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h4 className="text-sm font-semibold text-slate-900">{control.title}</h4>
          <div className="flex flex-wrap gap-1.5">
            {control.reviewerOnly ? (
              <span title="Only a security reviewer or an admin may mark this control met or not applicable.">
                <Badge tone="violet">Reviewer decision</Badge>
              </span>
            ) : null}
            {!control.evidenceRequired ? (
              <span title="A note is enough to mark this control met; no evidence item is required.">
                <Badge tone="slate">Note is enough</Badge>
              </span>
            ) : null}
          </div>
        </div>
        <p className="text-sm leading-6 text-slate-700">{control.guidance}</p>
        <p className="text-sm leading-6 text-slate-600">
          <span className="font-medium text-slate-800">Evidence:</span> {control.evidence}
        </p>
        <p className="text-xs text-slate-500">
          <span className="font-medium text-slate-600">Applies to:</span> {control.applicability}
        </p>
        {usage}
        {control.mappings.length ? (
          <dl className="space-y-1.5 pt-1">
            {control.mappings.map((group) => (
              <MappingLine key={group.framework} group={group} activeMapping={activeMapping} version={version} />
            ))}
          </dl>
        ) : null}
      </div>
    </li>
  );
}

function MappingLine({ group, activeMapping, version }: { group: ControlMappingGroup; activeMapping?: string; version?: string }) {
  const inferred = group.source !== "published";
  return (
    <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:gap-3">
      <dt className="shrink-0 text-xs text-slate-500 sm:w-64">
        {group.label}
        <span className="sr-only">{inferred ? " (inferred mapping)" : " (published mapping)"}</span>
      </dt>
      <dd className="flex flex-wrap gap-1.5">
        {group.ids.map((chip) => {
          const active = activeMapping ? mappingMatches(activeMapping, group.framework, chip.id) : false;
          const title = [chip.name ? `${chip.id}: ${chip.name}` : chip.id, inferred ? "mapping inferred by this project" : "published crosswalk"].join(" · ");
          return (
            <Link
              key={chip.id}
              href={mappingHref(chip.id, version)}
              title={title}
              aria-label={`Controls mapped to ${chip.id}${chip.name ? ` (${chip.name})` : ""}`}
              data-testid="mapping-chip"
              className={cn(
                "inline-flex items-center rounded-full border px-2 py-0.5 font-mono text-[11px] leading-4 transition-colors",
                inferred ? "border-dashed" : "border-solid",
                active
                  ? "border-brand-500 bg-brand-50 text-brand-700"
                  : inferred
                    ? "border-slate-400 bg-transparent text-slate-600 hover:border-brand-500 hover:bg-brand-50 hover:text-brand-700"
                    : "border-slate-500 bg-white text-slate-800 hover:border-brand-500 hover:bg-brand-50 hover:text-brand-700",
              )}
            >
              {chip.id}
            </Link>
          );
        })}
      </dd>
    </div>
  );
}
