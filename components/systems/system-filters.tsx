import Link from "next/link";
import { label } from "@/components/labels";
import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { AUTONOMY_LEVELS, LIFECYCLE_STATES, READINESS_BANDS, READINESS_PILLARS, RISK_TIERS, SENSITIVITIES, type TListSystemsQuery } from "@/lib/systems/schema";

const REVIEW_LABELS = { overdue: "Overdue", due30: "Due in 30 days" } as const;
const PILLAR_LABELS = { DES: "Design", DEV: "Development", DEP: "Deployment", OPS: "Operation", DEC: "Decommissioning" } as const;
const BAND_LABELS = { NO_CHECKLIST: "No checklist", NOT_STARTED: "Not started", UNDER_WAY: "Under 50 %", MOSTLY_DONE: "50 % or more", COMPLETE: "Complete" } as const;

/** A plain GET form: works without JavaScript, bookmarkable, keyboard friendly. */
export function SystemFilters({ query, owners }: { query: TListSystemsQuery; owners: { id: string; name: string }[] }) {
  return (
    <form method="get" action="/systems" role="search" aria-label="Filter AI systems" className="grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex sm:flex-wrap">
      {/* Phones: two aligned columns of full-width pickers; wider screens: one wrapping row. */}
      <div className="col-span-2 flex-1 sm:min-w-[14rem]">
        <label htmlFor="q" className="mb-1 block text-xs font-medium text-slate-600">Search</label>
        <Input id="q" name="q" type="search" placeholder="Name, short ID or purpose" defaultValue={query.q ?? ""} />
      </div>
      <Filter id="tier" label="Risk tier" values={RISK_TIERS} selected={query.tier[0]} />
      <Filter id="lifecycle" label="Lifecycle" values={LIFECYCLE_STATES} selected={query.lifecycle[0]} />
      <Filter id="autonomy" label="Autonomy" values={AUTONOMY_LEVELS} selected={query.autonomy[0]} />
      <Filter id="sensitivity" label="Data sensitivity" values={SENSITIVITIES} selected={query.sensitivity[0]} />
      <Filter id="review" label="Review" values={Object.keys(REVIEW_LABELS)} labels={REVIEW_LABELS} selected={query.review} />
      <Filter id="pillar" label="Pillar" values={READINESS_PILLARS} labels={PILLAR_LABELS} selected={query.pillar} />
      <Filter id="band" label="Pillar completion" values={READINESS_BANDS} labels={BAND_LABELS} selected={query.band} />
      {owners.length ? (
        <div className="sm:w-44">
          <label htmlFor="owner" className="mb-1 block text-xs font-medium text-slate-600">Owner</label>
          <Select id="owner" name="owner" defaultValue={query.owner ?? ""}>
            <option value="">Any owner</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </Select>
        </div>
      ) : null}
      <div className="sm:w-32">
        <label htmlFor="archived" className="mb-1 block text-xs font-medium text-slate-600">Show</label>
        <Select id="archived" name="archived" defaultValue={query.archived}>
          <option value="active">Active</option>
          <option value="archived">Archived</option>
          <option value="all">All</option>
        </Select>
      </div>
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary")}>Apply</button>
        <Link href="/systems" className={buttonClass("ghost")}>Reset</Link>
      </div>
    </form>
  );
}

function Filter({ id, label: text, values, selected, labels }: { id: string; label: string; values: readonly string[]; selected?: string; labels?: Record<string, string> }) {
  return (
    <div className="sm:w-36">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">{text}</label>
      <Select id={id} name={id} defaultValue={selected ?? ""}>
        <option value="">Any</option>
        {values.map((v) => (
          <option key={v} value={v}>{labels?.[v] ?? label(v)}</option>
        ))}
      </Select>
    </div>
  );
}
