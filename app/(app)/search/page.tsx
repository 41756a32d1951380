import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { label, lowerLabel } from "@/components/labels";
import { TierBadge } from "@/components/status-badges";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { SEARCH_MAX_LENGTH, SEARCH_ONE_AT_A_TIME } from "@/lib/search/schema";
import { searchEverything, type SearchResults } from "@/lib/search/search-everything";
import { seeAllText } from "@/lib/search/see-all";
import { paramsObject } from "@/lib/search-params";

export const metadata: Metadata = { title: "Search" };

const GROUP_TITLES = { systems: "AI systems", assets: "Assets", controls: "Controls", evidence: "Evidence" } as const;
const EVIDENCE_KIND = { FILE: "File", LINK: "Link", NOTE: "Note" } as const;

type Group = SearchResults["groups"][number];

/** One hit: a link (its title) and a line of context under it. */
function Hit({ href, title, children, badge }: { href: string; title: ReactNode; children?: ReactNode; badge?: ReactNode }) {
  return (
    <li className="px-5 py-3" data-testid="search-hit">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={href} className="font-medium text-brand-700 underline decoration-brand-200 underline-offset-2 [overflow-wrap:anywhere] hover:text-brand-900">
          {title}
        </Link>
        {badge}
      </div>
      {children ? <p className="mt-0.5 text-xs text-slate-600 [overflow-wrap:anywhere]">{children}</p> : null}
    </li>
  );
}

function hits(group: Group) {
  switch (group.kind) {
    case "systems":
      return group.hits.map((s) => (
        <Hit key={s.id} href={s.href} title={s.name} badge={<>{<TierBadge tier={s.riskTier} />}{s.archived ? <Badge tone="slate">Archived</Badge> : null}</>}>
          Short ID {s.slug}
        </Hit>
      ));
    case "assets":
      return group.hits.map((a) => (
        <Hit key={a.id} href={a.href} title={a.name} badge={<Badge tone="slate">{label(a.kind)}</Badge>}>
          {a.version ? `Version ${a.version} · ` : ""}on {a.system.name}
        </Hit>
      ));
    case "controls":
      return group.hits.map((c) => (
        <Hit key={c.code} href={c.href} title={<><span className="font-mono">{c.code}</span> {c.title}</>}>
          {c.pillarTitle}
        </Hit>
      ));
    case "evidence":
      return group.hits.map((e) => (
        <Hit key={e.id} href={e.href} title={e.title} badge={<Badge tone="slate">{EVIDENCE_KIND[e.kind]}</Badge>}>
          Evidence on {e.system.name}
        </Hit>
      ));
  }
}

function GroupCard({ group, q }: { group: Group; q: string }) {
  const title = GROUP_TITLES[group.kind];
  const more = group.total - group.hits.length;
  return (
    <Card className="overflow-hidden">
      <section aria-labelledby={`search-${group.kind}`} data-testid={`search-group-${group.kind}`}>
        <CardHeader title={<span id={`search-${group.kind}`}>{title}</span>} description={group.total === 1 ? "1 match" : `${group.total} matches`} />
        {group.hits.length ? (
          <ul className="divide-y divide-slate-100">{hits(group)}</ul>
        ) : (
          <p className="px-5 py-4 text-sm text-slate-500">No {lowerLabel(title)} match.</p>
        )}
        {more > 0 ? (
          <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
            {group.seeAllHref ? (
              <Link href={group.seeAllHref} className="font-medium text-brand-700 hover:underline">
                {seeAllText(group.kind === "systems" ? "systems" : "controls", group.total, q)}
              </Link>
            ) : (
              `${more} more not shown: search for a longer part of the name.`
            )}
          </p>
        ) : null}
      </section>
    </Card>
  );
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const raw = paramsObject(await searchParams);
  const typed = typeof raw.q === "string" ? raw.q : "";
  const { results, problem } = await searchEverything({ actor, db }, { q: raw.q }).then(
    (found) => ({ results: found, problem: null }),
    (error: unknown) => {
      if (!(error instanceof ValidationError)) throw error;
      const none: SearchResults = { q: null, groups: [] };
      return { results: none, problem: error.fieldErrors.q?.[0] ?? error.message };
    },
  );
  const found = results.groups.reduce((n, g) => n + g.total, 0);

  return (
    <>
      <PageHeader
        title={results.q ? `Search: ${results.q}` : "Search"}
        description={actor.role === "PRODUCT_OWNER" ? "Names and titles of your systems, their assets and evidence, and the controls of the library." : "Names and titles of AI systems, their assets and evidence, and the controls of the library."}
      />
      <form role="search" aria-label="Search results" action="/search" method="get" className="mb-6 flex max-w-2xl flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="search-q" className="mb-1 block text-sm font-medium text-slate-700">
            Search for
          </label>
          {/* Not the header's id: both boxes are on this page. */}
          <Input id="search-q" name="q" type="search" maxLength={SEARCH_MAX_LENGTH} defaultValue={problem ? "" : typed} placeholder="e.g. support assistant, DES-1.2, pen test" />
        </div>
        <button type="submit" className={buttonClass("primary")}>
          Search
        </button>
      </form>
      {problem ? (
        <Alert tone="warning" className="mb-4">
          {problem === SEARCH_ONE_AT_A_TIME ? problem : `${problem} Try a shorter search of plain text.`}
        </Alert>
      ) : null}
      {!results.q ? (
        <Card>
          <EmptyState
            headingLevel={2}
            title="Search across the dashboard"
            description={`Type part of a system name or short ID, an asset name (a model, dataset, tool …), a control code or title (e.g. DES-1.2 or "threat"), or an evidence title. Up to ${SEARCH_MAX_LENGTH} characters; capitals do not matter.`}
          />
        </Card>
      ) : found === 0 ? (
        <Card>
          <EmptyState
            headingLevel={2}
            title={`Nothing matches “${results.q}”`}
            description="Search looks for the text inside names and titles. Try a shorter part of the name, or check the spelling."
            action={<Link href="/systems" className={buttonClass("secondary")}>Browse the inventory</Link>}
          />
        </Card>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2" data-testid="search-results">
          {results.groups.map((group) => (
            <GroupCard key={group.kind} group={group} q={results.q ?? ""} />
          ))}
        </div>
      )}
    </>
  );
}
