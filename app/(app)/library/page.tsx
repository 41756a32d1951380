import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { ControlRow } from "@/components/library/control-row";
import { ControlUsageLine } from "@/components/library/control-usage";
import { LibraryFilters } from "@/components/library/library-filters";
import { Alert } from "@/components/ui/alert";
import { IgnoredParamsNotice } from "@/components/ui/ignored-params";
import { Badge } from "@/components/ui/badge";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/authz/permissions";
import { requireActor } from "@/lib/auth/session";
import { controlUsageAcrossSystems } from "@/lib/checklists/control-usage";
import { mappingName, listControls, listLibraryVersions, type ControlListing, ZControlFilter } from "@/lib/controls/queries";
import { FRAMEWORK_KEYS } from "@/lib/controls/identifiers";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { paramsObject, parseListParams, type ParamWords } from "@/lib/search-params";

export const metadata: Metadata = { title: "Control library" };

/** What the library shows instead of a filter value it cannot use (the notice's words). */
const LIBRARY_PARAM_WORDS: ParamWords = {
  version: { fallback: "showing the current version" },
  pillar: { fallback: "showing all pillars" },
  principle: { fallback: "showing all principles" },
  mapping: { fallback: "showing controls whatever their mappings" },
  q: { label: "search", fallback: "showing every control" },
  reviewerOnly: { label: "reviewer-only filter", fallback: "showing every control" },
};

export default async function LibraryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!hasPermission(actor.role, "library:read")) return <Forbidden message="Your role may not read the control library." />;
  const ctx = { actor, db };
  const { params: raw, ignored } = parseListParams(ZControlFilter, paramsObject(await searchParams), LIBRARY_PARAM_WORDS);

  let listing: ControlListing;
  let warning: string | null = null;
  try {
    listing = await listControls(ctx, raw);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    // A well-formed version that was never published: the other filters still apply.
    warning = `${error.message} Showing the current version.`;
    delete raw.version;
    listing = await listControls(ctx, raw);
  }
  const [versions, usage] = await Promise.all([
    listLibraryVersions(ctx),
    hasPermission(actor.role, "checklist:read") ? controlUsageAcrossSystems(ctx) : null,
  ]);
  const { library, filter } = listing;

  if (!library) {
    return (
      <>
        <PageHeader title="Control library" />
        <Card>
          <EmptyState
            title="No control library has been published yet"
            description="An admin publishes the control library under Library versions; checklists are built from it."
          />
        </Card>
      </>
    );
  }

  const current = versions.find((v) => v.isCurrent);
  // Links and forms carry the version only when it is not the current one.
  const pinned = library.isCurrent ? undefined : library.version;
  const filtered = Boolean(filter.q || filter.pillar || filter.principle || filter.mapping || filter.reviewerOnly);
  const mappingTitle = filter.mapping ? mappingTitleOf(filter.mapping) : null;
  const keep = Object.entries(raw).filter(([key]) => key !== "version" && typeof raw[key] === "string") as [string, string][];

  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            Control library
            <Badge tone="blue" className="font-mono">v{library.version}</Badge>
            {library.isCurrent ? <Badge tone="green">Current</Badge> : <Badge tone="amber">Older version</Badge>}
          </span>
        }
        description="Controls for the CISA / UK NCSC Guidelines for Secure AI System Development, by pillar and principle, with what evidence each expects, which systems it applies to, and how it maps to OWASP, MITRE ATLAS, NIST and ISO/IEC 42001."
        actions={
          <>
            <form method="get" action="/library" className="flex items-center gap-2" aria-label="Choose a library version">
              {keep.map(([key, value]) => (
                <input key={key} type="hidden" name={key} value={value} />
              ))}
              <label htmlFor="version" className="text-sm font-medium text-slate-600">Version</label>
              <Select id="version" name="version" defaultValue={library.version} className="w-40" key={library.version}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>{`${v.version}${v.isCurrent ? " (current)" : ""}`}</option>
                ))}
              </Select>
              <button type="submit" className={buttonClass("secondary")}>Show</button>
            </form>
            <a href={`/api/library/${library.version}`} download className={buttonClass("secondary")}>Download JSON</a>
          </>
        }
      />
      <IgnoredParamsNotice ignored={ignored} className="mb-4" />
      {warning ? <Alert tone="warning" className="mb-4">{warning}</Alert> : null}
      {!library.isCurrent && current ? (
        <Alert tone="info" className="mb-4">
          You are viewing version {library.version}. New checklists use the current version {current.version};{" "}
          <Link href="/library" className="font-medium underline">show the current version</Link>.
        </Alert>
      ) : null}

      <LibraryFilters key={JSON.stringify(filter)} listing={listing} version={pinned} />

      <div className="mb-4 mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
        <p className="text-slate-600" data-testid="library-count">
          <span className="font-medium text-slate-900">{listing.total}</span> controls
          {filtered ? (
            <>
              {" · "}
              <span className="font-medium text-slate-900">{listing.matched}</span> match
              {filter.mapping ? (
                <>
                  {" "}
                  mapped to <span className="font-mono text-slate-900">{filter.mapping}</span>
                  {mappingTitle ? <span className="text-slate-500"> ({mappingTitle})</span> : null}
                </>
              ) : null}
            </>
          ) : (
            <> in {listing.groups.length} pillars</>
          )}
        </p>
        <p className="flex items-center gap-3 text-xs text-slate-500">
          <span className="inline-flex items-center gap-1.5">
            <span className="rounded-full border border-solid border-slate-500 bg-white px-2 py-0.5 font-mono text-[11px] leading-4 text-slate-800" aria-hidden>ID</span>
            published crosswalk
          </span>
          <span className="inline-flex items-center gap-1.5">
            <span className="rounded-full border border-dashed border-slate-400 px-2 py-0.5 font-mono text-[11px] leading-4 text-slate-600" aria-hidden>ID</span>
            inferred by this project
          </span>
        </p>
      </div>

      {listing.groups.length === 0 ? (
        <Card>
          <EmptyState
            title="No controls match these filters"
            description={filter.mapping ? `No control in version ${library.version} is mapped to ${filter.mapping}. Check the ID, or pick one from the list.` : "Try other words or remove some filters."}
            action={<ButtonLink variant="secondary" href={pinned ? `/library?version=${pinned}` : "/library"}>Clear filters</ButtonLink>}
          />
        </Card>
      ) : (
        <div className="space-y-6">
          {listing.groups.map((pillar) => (
            <Card key={pillar.id} className="overflow-hidden">
              <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-5 py-3.5">
                <h2 className="flex items-center gap-2 text-base font-semibold text-slate-900">
                  <span className="font-mono text-xs font-semibold text-slate-500">{pillar.id}</span>
                  {pillar.title}
                </h2>
                <span className="text-xs text-slate-500">{countLabel(pillar.principles.reduce((n, p) => n + p.controls.length, 0))}</span>
              </div>
              {pillar.principles.map((principle) => (
                <section key={principle.id} aria-labelledby={`principle-${principle.id}`}>
                  <h3 id={`principle-${principle.id}`} className="border-b border-slate-100 bg-slate-50 px-5 py-2 text-sm font-medium text-slate-700">
                    <span className="mr-2 font-mono text-xs text-slate-500">{principle.id}</span>
                    {principle.title}
                  </h3>
                  <ul className="divide-y divide-slate-100">
                    {principle.controls.map((control) => (
                      <ControlRow
                        key={control.code}
                        control={control}
                        activeMapping={filter.mapping}
                        version={pinned}
                        usage={usage ? <ControlUsageLine code={control.code} usage={usage[control.code]} /> : undefined}
                      />
                    ))}
                  </ul>
                </section>
              ))}
            </Card>
          ))}
        </div>
      )}
    </>
  );
}

function countLabel(n: number) {
  return `${n} ${n === 1 ? "control" : "controls"}`;
}

/** "Prompt Injection" for LLM01:2025, whichever framework the ID belongs to. */
function mappingTitleOf(id: string): string | null {
  for (const framework of FRAMEWORK_KEYS) {
    const name = mappingName(framework, id.toUpperCase());
    if (name) return name;
  }
  return null;
}
