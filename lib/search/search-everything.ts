import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { AssetKind, EvidenceKind, RiskTier } from "@/generated/prisma/enums";
import { assertCan, can, systemScope } from "@/lib/authz/policy";
import { queryRows } from "@/lib/db/sql";
import type { ServiceContext } from "@/lib/service-context";
import { containsPattern, scopeSql } from "@/lib/systems/list-sql";
import { parseOrThrow } from "@/lib/validation";
import { ZSearchQuery } from "./schema";

const { sql } = Prisma;

/** Hits shown per kind; the rest are counted and reached through the group's `seeAllHref`. */
export const SEARCH_GROUP_LIMIT = 5;

export type SystemHit = { id: string; name: string; slug: string; riskTier: RiskTier; archived: boolean; href: string };
export type AssetHit = { id: string; name: string; kind: AssetKind; version: string | null; system: { id: string; name: string }; href: string };
export type ControlHit = { code: string; title: string; pillarTitle: string; href: string };
export type EvidenceHit = { id: string; title: string; kind: EvidenceKind; system: { id: string; name: string }; href: string };

/** One kind of result: the first SEARCH_GROUP_LIMIT hits, how many match in all, and the list page that shows them all (null where none exists). */
export type SearchGroup<K extends string, H> = { kind: K; total: number; hits: H[]; seeAllHref: string | null };

export type SearchResults = {
  /** The parsed search; null when nothing was searched (empty or only spaces). */
  q: string | null;
  /** In this order; a kind the actor may not read is absent (e.g. a token without the library scope). */
  groups: (
    | SearchGroup<"systems", SystemHit>
    | SearchGroup<"assets", AssetHit>
    | SearchGroup<"controls", ControlHit>
    | SearchGroup<"evidence", EvidenceHit>
  )[];
};

type Counted = { total: number };

/**
 * Searches system names (and short IDs and purposes, as the inventory's own search does), asset
 * names, control codes and titles of the current library version, and evidence titles, by
 * case-insensitive substring (ILIKE served by pg_trgm GIN indexes: migrations
 * 20261122031000_search_trgm and 20261202020000_search_everywhere_trgm).
 *
 * Access is the list pages' own rule: systems, assets and evidence only of systems in the
 * actor's `systemScope` (product owners: systems they own or contribute to), through the same
 * SQL condition as the systems list (`scopeSql`); evidence needs evidence:read, controls
 * library:read. Deleted evidence (a record of a deletion) is not found. Archived systems are
 * found and marked.
 *
 * @param rawQuery `{ q }` from a URL (see ZSearchQuery).
 * @returns `q` (null: nothing searched, then no groups) and one group per kind the actor may read,
 *   best matches first (exact name, then trigram similarity, then name).
 * @throws ForbiddenError without system:read; ValidationError for a hostile or overlong `q`.
 */
export async function searchEverything({ actor, db }: ServiceContext, rawQuery: unknown): Promise<SearchResults> {
  assertCan(actor, "system:read");
  const { q } = parseOrThrow(ZSearchQuery, rawQuery, "The search is not valid.");
  if (!q) return { q: null, groups: [] };
  const pattern = containsPattern(q);
  const scope = scopeSql(systemScope(actor));
  const limit = SEARCH_GROUP_LIMIT;
  const encoded = encodeURIComponent(q);

  const [systems, assets, controls, evidence] = await Promise.all([
    queryRows<Omit<SystemHit, "href"> & Counted>(
      db,
      sql`SELECT s."id", s."name", s."slug", s."riskTier"::text AS "riskTier", s."archivedAt" IS NOT NULL AS "archived", count(*) OVER ()::int AS "total"
        FROM "AiSystem" s
        WHERE ${scope} AND (s."name" ILIKE ${pattern} OR s."slug" ILIKE ${pattern} OR s."purpose" ILIKE ${pattern})
        ORDER BY lower(s."name") = lower(${q}) DESC, similarity(s."name", ${q}) DESC, s."name", s."id"
        LIMIT ${limit}`,
    ),
    queryRows<{ id: string; name: string; kind: AssetKind; version: string | null; systemId: string; systemName: string } & Counted>(
      db,
      sql`SELECT a."id", a."name", a."kind"::text AS "kind", a."version", s."id" AS "systemId", s."name" AS "systemName", count(*) OVER ()::int AS "total"
        FROM "Asset" a JOIN "AiSystem" s ON s."id" = a."systemId"
        WHERE ${scope} AND a."name" ILIKE ${pattern}
        ORDER BY lower(a."name") = lower(${q}) DESC, similarity(a."name", ${q}) DESC, a."name", a."id"
        LIMIT ${limit}`,
    ),
    can(actor, "library:read")
      ? queryRows<Omit<ControlHit, "href"> & Counted>(
          db,
          sql`SELECT c."code", c."title", c."pillarTitle", count(*) OVER ()::int AS "total"
            FROM "Control" c JOIN "ControlLibraryVersion" v ON v."id" = c."libraryVersionId" AND v."isCurrent"
            WHERE c."code" ILIKE ${pattern} OR c."title" ILIKE ${pattern}
            ORDER BY lower(c."code") = lower(${q}) DESC, similarity(c."title", ${q}) DESC, c."position"
            LIMIT ${limit}`,
        )
      : null,
    can(actor, "evidence:read")
      ? queryRows<{ id: string; title: string; kind: EvidenceKind; systemId: string; systemName: string } & Counted>(
          db,
          sql`SELECT e."id", e."title", e."kind"::text AS "kind", s."id" AS "systemId", s."name" AS "systemName", count(*) OVER ()::int AS "total"
            FROM "Evidence" e JOIN "AiSystem" s ON s."id" = e."systemId"
            WHERE ${scope} AND e."deletedAt" IS NULL AND e."title" ILIKE ${pattern}
            ORDER BY lower(e."title") = lower(${q}) DESC, similarity(e."title", ${q}) DESC, e."createdAt" DESC, e."id"
            LIMIT ${limit}`,
        )
      : null,
  ]);

  const total = (rows: Counted[]) => rows[0]?.total ?? 0;
  const groups: SearchResults["groups"] = [
    {
      kind: "systems",
      total: total(systems),
      hits: systems.map(({ total: _total, ...s }) => ({ ...s, href: `/systems/${s.id}` })),
      // The inventory hides archived systems by default; the search found them too.
      seeAllHref: `/systems?q=${encoded}&archived=all`,
    },
    {
      kind: "assets",
      total: total(assets),
      hits: assets.map((a) => ({
        id: a.id,
        name: a.name,
        kind: a.kind,
        version: a.version,
        system: { id: a.systemId, name: a.systemName },
        href: `/systems/${a.systemId}/assets#asset-${a.id}`,
      })),
      seeAllHref: null,
    },
  ];
  if (controls) {
    groups.push({
      kind: "controls",
      total: total(controls),
      hits: controls.map(({ total: _total, ...c }) => ({ ...c, href: `/library#${encodeURIComponent(c.code)}` })),
      seeAllHref: `/library?q=${encoded}`,
    });
  }
  if (evidence) {
    groups.push({
      kind: "evidence",
      total: total(evidence),
      hits: evidence.map((e) => ({
        id: e.id,
        title: e.title,
        kind: e.kind,
        system: { id: e.systemId, name: e.systemName },
        href: `/systems/${e.systemId}/evidence?evidence=${e.id}#evidence-${e.id}`,
      })),
      seeAllHref: null,
    });
  }
  return { q, groups };
}
