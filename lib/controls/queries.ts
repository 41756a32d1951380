import "server-only";
import { z } from "zod";
import { zText } from "@/lib/validation/fields";
import type { Prisma } from "@/generated/prisma/client";
import { assertCan } from "@/lib/authz/policy";
import { NotFoundError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { describeRule, type ApplicabilityRule } from "./applicability";
import { ATLAS_IDS, FRAMEWORK_KEYS, FRAMEWORK_LABELS, OWASP_AGENTIC, OWASP_LLM, type FrameworkKey } from "./identifiers";
import { PILLAR_IDS, PRINCIPLE_ID_PATTERN, ZControlLibrary, type TMappingSource } from "./library-schema";
import { compareVersions } from "./store";

const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;
const MAX_SEARCH_WORDS = 8;

/** Filters of the library page; the same schema parses the page's GET parameters. */
export const ZControlFilter = z.object({
  version: z.string().trim().regex(VERSION_PATTERN, "Use a version like 1.0.0.").optional(),
  pillar: z.enum(PILLAR_IDS).optional(),
  principle: z.string().trim().regex(PRINCIPLE_ID_PATTERN, "Principle IDs look like DES-1.").optional(),
  mapping: zText({ max: 40, label: "The mapping" }).optional(),
  q: zText({ max: 200, label: "The search" }).optional(),
  reviewerOnly: z.union([z.boolean(), z.stringbool()]).optional(),
});
export type TControlFilter = z.infer<typeof ZControlFilter>;
export type TControlFilterInput = z.input<typeof ZControlFilter>;

export type MappingChip = { id: string; name: string | null };
export type ControlMappingGroup = { framework: FrameworkKey; label: string; source: TMappingSource | null; ids: MappingChip[] };

export type LibraryControlView = {
  code: string;
  title: string;
  guidance: string;
  evidence: string;
  evidenceRequired: boolean;
  reviewerOnly: boolean;
  /** describeRule() of the applicability rule, e.g. "Agentic systems only". */
  applicability: string;
  mappings: ControlMappingGroup[];
};

export type LibraryPrincipleGroup = { id: string; title: string; controls: LibraryControlView[] };
export type LibraryPillarGroup = { id: string; title: string; principles: LibraryPrincipleGroup[] };

export type LibraryVersionSummary = { version: string; publishedAt: string; isCurrent: boolean };

export type ControlListing = {
  /** Null when no library has been published yet. */
  library: LibraryVersionSummary | null;
  filter: TControlFilter;
  /** Controls in the version, before filtering. */
  total: number;
  /** Controls that match the filter. */
  matched: number;
  groups: LibraryPillarGroup[];
  facets: {
    pillars: { id: string; title: string }[];
    principles: { id: string; title: string; pillar: string }[];
    /** Every mapping ID used by the version, sorted. */
    mappingIds: string[];
  };
};

/** The title of a framework ID, where this product knows it (OWASP and ATLAS). */
export function mappingName(framework: FrameworkKey, id: string): string | null {
  const names: Record<string, string> | null =
    framework === "owaspLlm" ? OWASP_LLM : framework === "owaspAgentic" ? OWASP_AGENTIC : framework === "atlas" ? ATLAS_IDS : null;
  return names?.[id] ?? null;
}

/**
 * Does a control mapped to `id` match the mapping filter? IDs match exactly (ignoring case);
 * an ATLAS technique also matches its sub-techniques, so "AML.T0051" finds "AML.T0051.001".
 */
export function mappingMatches(filter: string, framework: FrameworkKey, id: string): boolean {
  const wanted = filter.trim().toUpperCase();
  const actual = id.toUpperCase();
  if (actual === wanted) return true;
  return framework === "atlas" && actual.startsWith(`${wanted}.`);
}

type StoredMappings = Partial<Record<FrameworkKey, string[]>> & { source?: Partial<Record<FrameworkKey, TMappingSource>> };

function mappingGroups(stored: unknown): ControlMappingGroup[] {
  const mappings = (stored ?? {}) as StoredMappings;
  return FRAMEWORK_KEYS.flatMap((framework) => {
    const ids = mappings[framework] ?? [];
    if (ids.length === 0) return [];
    return [
      {
        framework,
        label: FRAMEWORK_LABELS[framework],
        source: mappings.source?.[framework] ?? null,
        ids: ids.map((id) => ({ id, name: mappingName(framework, id) })),
      },
    ];
  });
}

async function findVersion(db: ServiceContext["db"], version: string | undefined) {
  const select = { id: true, version: true, publishedAt: true, isCurrent: true } as const;
  if (!version) return db.controlLibraryVersion.findFirst({ where: { isCurrent: true }, select });
  const found = await db.controlLibraryVersion.findUnique({ where: { version }, select });
  if (!found) throw new NotFoundError(`There is no control library version ${version}.`);
  return found;
}

/** Every library version, newest first, with how many controls it has and checklists use it. */
export async function listLibraryVersions({ actor, db }: ServiceContext) {
  assertCan(actor, "library:read");
  const versions = await db.controlLibraryVersion.findMany({
    select: {
      id: true,
      version: true,
      publishedAt: true,
      publishedById: true,
      isCurrent: true,
      notes: true,
      _count: { select: { controls: true, checklists: true } },
    },
  });
  const publisherIds = [...new Set(versions.flatMap((v) => (v.publishedById ? [v.publishedById] : [])))];
  const publishers = new Map(
    (await db.user.findMany({ where: { id: { in: publisherIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  return versions
    .sort((a, b) => compareVersions(b.version, a.version))
    .map((v) => ({
      id: v.id,
      version: v.version,
      publishedAt: v.publishedAt.toISOString(),
      isCurrent: v.isCurrent,
      notes: v.notes,
      publishedBy: v.publishedById ? (publishers.get(v.publishedById) ?? "Deleted user") : null,
      controlCount: v._count.controls,
      checklistCount: v._count.checklists,
    }));
}
export type LibraryVersionRow = Awaited<ReturnType<typeof listLibraryVersions>>[number];

/**
 * The controls of one library version (the current one by default) that match the filter,
 * grouped by pillar and principle in library order, plus the facets the filter form offers.
 */
export async function listControls({ actor, db }: ServiceContext, rawFilter: TControlFilterInput = {}): Promise<ControlListing> {
  assertCan(actor, "library:read");
  const filter = parseOrThrow(ZControlFilter, rawFilter, "Some library filters are not valid.");
  const library = await findVersion(db, filter.version);
  if (!library) {
    return { library: null, filter, total: 0, matched: 0, groups: [], facets: { pillars: [], principles: [], mappingIds: [] } };
  }

  const where: Prisma.ControlWhereInput = { libraryVersionId: library.id };
  const and: Prisma.ControlWhereInput[] = [];
  if (filter.pillar) and.push({ pillar: filter.pillar });
  if (filter.principle) and.push({ principleId: filter.principle });
  if (filter.reviewerOnly) and.push({ reviewerOnly: true });
  // searchText is lower-cased and holds every mapping ID: a cheap pre-filter, refined below.
  if (filter.mapping) and.push({ searchText: { contains: likeLiteral(filter.mapping.toLowerCase()) } });
  for (const word of searchWords(filter.q)) and.push({ searchText: { contains: likeLiteral(word) } });
  if (and.length) where.AND = and;

  const [facetRows, rows] = await Promise.all([
    db.control.findMany({
      where: { libraryVersionId: library.id },
      orderBy: { position: "asc" },
      select: { pillar: true, pillarTitle: true, principleId: true, principleTitle: true, mappings: true },
    }),
    db.control.findMany({
      where,
      orderBy: { position: "asc" },
      select: {
        code: true,
        pillar: true,
        pillarTitle: true,
        principleId: true,
        principleTitle: true,
        title: true,
        guidance: true,
        evidenceExpectation: true,
        evidenceRequired: true,
        reviewerOnly: true,
        applicability: true,
        mappings: true,
      },
    }),
  ]);

  const groups: LibraryPillarGroup[] = [];
  let matched = 0;
  for (const row of rows) {
    const mappings = mappingGroups(row.mappings);
    if (filter.mapping && !mappings.some((g) => g.ids.some((chip) => mappingMatches(filter.mapping!, g.framework, chip.id)))) continue;
    matched++;
    let pillar = groups[groups.length - 1];
    if (pillar?.id !== row.pillar) groups.push((pillar = { id: row.pillar, title: row.pillarTitle, principles: [] }));
    let principle = pillar.principles[pillar.principles.length - 1];
    if (principle?.id !== row.principleId) pillar.principles.push((principle = { id: row.principleId, title: row.principleTitle, controls: [] }));
    principle.controls.push({
      code: row.code,
      title: row.title,
      guidance: row.guidance,
      evidence: row.evidenceExpectation,
      evidenceRequired: row.evidenceRequired,
      reviewerOnly: row.reviewerOnly,
      applicability: describeRule(row.applicability as ApplicabilityRule),
      mappings,
    });
  }

  return {
    library: { version: library.version, publishedAt: library.publishedAt.toISOString(), isCurrent: library.isCurrent },
    filter,
    total: facetRows.length,
    matched,
    groups,
    facets: facets(facetRows),
  };
}

/** Prisma passes `contains` to LIKE unescaped: make "%", "_" and "\\" match themselves. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Lower-cased, de-duplicated words of a search; every one must occur in a control. */
function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(q.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, MAX_SEARCH_WORDS);
}

function facets(rows: { pillar: string; pillarTitle: string; principleId: string; principleTitle: string; mappings: unknown }[]) {
  const pillars = new Map<string, string>();
  const principles = new Map<string, { id: string; title: string; pillar: string }>();
  const ids = new Set<string>();
  for (const row of rows) {
    pillars.set(row.pillar, row.pillarTitle);
    if (!principles.has(row.principleId)) principles.set(row.principleId, { id: row.principleId, title: row.principleTitle, pillar: row.pillar });
    for (const group of mappingGroups(row.mappings)) for (const chip of group.ids) ids.add(chip.id);
  }
  return {
    pillars: [...pillars].map(([id, title]) => ({ id, title })),
    principles: [...principles.values()],
    mappingIds: [...ids].sort((a, b) => a.localeCompare(b, "en", { numeric: true })),
  };
}

/**
 * The stored document of a version, for "download as JSON". Re-parsed with the library schema
 * so keys come back in the schema's order (PostgreSQL's jsonb does not keep key order).
 */
export async function getLibraryDocument({ actor, db }: ServiceContext, version: string) {
  assertCan(actor, "library:read");
  if (!VERSION_PATTERN.test(version)) throw new NotFoundError(`There is no control library version ${version}.`);
  const row = await db.controlLibraryVersion.findUnique({ where: { version }, select: { version: true, document: true } });
  if (!row) throw new NotFoundError(`There is no control library version ${version}.`);
  const parsed = ZControlLibrary.safeParse(row.document);
  return { version: row.version, document: parsed.success ? parsed.data : row.document };
}
