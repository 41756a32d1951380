import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import type { ControlListing } from "@/lib/controls/queries";

const LABEL = "mb-1 block text-xs font-medium text-slate-600";

/** A plain GET form: works without JavaScript, bookmarkable, keyboard friendly. */
export function LibraryFilters({ listing, version }: { listing: ControlListing; version?: string }) {
  const { filter, facets } = listing;
  const reset = version ? `/library?version=${encodeURIComponent(version)}` : "/library";
  return (
    <form method="get" action="/library" role="search" aria-label="Filter controls" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {version ? <input type="hidden" name="version" value={version} /> : null}
      <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)_minmax(0,1.5fr)_minmax(0,1fr)]">
        <div>
          <label htmlFor="q" className={LABEL}>Search</label>
          <Input id="q" name="q" type="search" placeholder="e.g. prompt injection" defaultValue={filter.q ?? ""} />
        </div>
        <div>
          <label htmlFor="pillar" className={LABEL}>Pillar</label>
          <Select id="pillar" name="pillar" defaultValue={filter.pillar ?? ""}>
            <option value="">Any pillar</option>
            {facets.pillars.map((p) => (
              <option key={p.id} value={p.id}>{p.title}</option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="principle" className={LABEL}>Principle</label>
          <Select id="principle" name="principle" defaultValue={filter.principle ?? ""}>
            <option value="">Any principle</option>
            {facets.pillars.map((p) => (
              <optgroup key={p.id} label={p.title}>
                {facets.principles
                  .filter((pr) => pr.pillar === p.id)
                  .map((pr) => (
                    <option key={pr.id} value={pr.id}>{`${pr.id} · ${pr.title}`}</option>
                  ))}
              </optgroup>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="mapping" className={LABEL}>Mapped to</label>
          <Input id="mapping" name="mapping" list="mapping-ids" placeholder="e.g. LLM01:2025" defaultValue={filter.mapping ?? ""} autoComplete="off" />
          <datalist id="mapping-ids">
            {facets.mappingIds.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
        </div>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="reviewerOnly" value="1" defaultChecked={filter.reviewerOnly ?? false} className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500" />
          Only controls that need a reviewer decision
        </label>
        <div className="flex gap-2">
          <Link href={reset} className={buttonClass("ghost")}>Reset</Link>
          <button type="submit" className={buttonClass("primary")}>Apply</button>
        </div>
      </div>
    </form>
  );
}
