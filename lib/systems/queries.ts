import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { RiskTier } from "@/generated/prisma/enums";
import { assertCan, canArchiveSystem, canEditChecklist, canEditSystem, systemScopeWhere } from "@/lib/authz/policy";
import { hasPermission } from "@/lib/authz/permissions";
import type { ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadSystemFacts } from "./access";
import { todayUtc } from "@/lib/evidence/rules";
import { decodeCursor, encodeCursor, TIER_ORDER, type Cursor } from "./rules";
import { ZListSystemsQuery, type TListSystemsQuery } from "./schema";

const LIST_SELECT = {
  id: true,
  slug: true,
  name: true,
  riskTier: true,
  dataSensitivity: true,
  autonomy: true,
  exposure: true,
  lifecycle: true,
  nextReviewDue: true,
  archivedAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
  readiness: { select: { total: true, done: true, percent: true, reviewerWaiting: true } },
} satisfies Prisma.AiSystemSelect;

type ListRow = Prisma.AiSystemGetPayload<{ select: typeof LIST_SELECT }>;

export type SystemListItem = {
  id: string;
  slug: string;
  name: string;
  riskTier: RiskTier;
  dataSensitivity: string;
  autonomy: string;
  exposure: string;
  lifecycle: string;
  nextReviewDue: string | null;
  archived: boolean;
  updatedAt: string;
  owner: { id: string; name: string };
  assetCount: number;
  /** Checklist progress (status-based, see SystemReadiness); null without a checklist. */
  readiness: { total: number; done: number; percent: number; reviewerWaiting: number } | null;
};

function filterWhere(query: TListSystemsQuery, today: string): Prisma.AiSystemWhereInput[] {
  const and: Prisma.AiSystemWhereInput[] = [];
  if (query.q) {
    // Prisma passes `contains` to LIKE as is: escape its wildcards so "%" means a percent sign.
    const q = query.q.replace(/[\\%_]/g, "\\$&");
    and.push({
      OR: [
        { name: { contains: q, mode: "insensitive" } },
        { slug: { contains: q, mode: "insensitive" } },
        { purpose: { contains: q, mode: "insensitive" } },
      ],
    });
  }
  if (query.tier.length) and.push({ riskTier: { in: query.tier } });
  if (query.lifecycle.length) and.push({ lifecycle: { in: query.lifecycle } });
  if (query.autonomy.length) and.push({ autonomy: { in: query.autonomy } });
  if (query.sensitivity.length) and.push({ dataSensitivity: { in: query.sensitivity } });
  if (query.owner) and.push({ ownerId: query.owner });
  if (query.review === "overdue") and.push({ nextReviewDue: { lt: new Date(`${today}T00:00:00.000Z`) } });
  if (query.review === "due30") {
    const from = new Date(`${today}T00:00:00.000Z`);
    and.push({ nextReviewDue: { gte: from, lte: new Date(from.getTime() + 30 * 86_400_000) } });
  }
  if (query.band) and.push(bandWhere(query.pillar, query.band));
  else if (query.pillar) and.push({ pillarReadiness: { some: { pillar: query.pillar } } });
  if (query.archived === "active") and.push({ archivedAt: null });
  if (query.archived === "archived") and.push({ archivedAt: { not: null } });
  return and;
}

/**
 * Systems in one readiness band. NO_CHECKLIST: no checklist rows for the pillar (or none at all
 * without a pillar); the other bands need a pillar and match SystemPillarReadiness.band.
 */
function bandWhere(pillar: TListSystemsQuery["pillar"], band: NonNullable<TListSystemsQuery["band"]>): Prisma.AiSystemWhereInput {
  if (band === "NO_CHECKLIST") return pillar ? { pillarReadiness: { none: { pillar } } } : { readiness: { is: null } };
  if (!pillar) return { id: { in: [] } };
  return { pillarReadiness: { some: { pillar, band } } };
}

/** Sort key of a row, as stored in the cursor. */
function sortValue(row: ListRow, sort: TListSystemsQuery["sort"]): string | null {
  switch (sort) {
    case "name":
      return row.name;
    case "updated":
      return row.updatedAt.toISOString();
    case "tier":
      return row.riskTier;
    case "review":
      return row.nextReviewDue ? row.nextReviewDue.toISOString().slice(0, 10) : null;
    case "readiness":
      return row.readiness ? String(row.readiness.percent) : null;
  }
}

function orderBy(sort: TListSystemsQuery["sort"], dir: "asc" | "desc"): Prisma.AiSystemOrderByWithRelationInput[] {
  switch (sort) {
    case "name":
      return [{ name: dir }, { id: dir }];
    case "updated":
      return [{ updatedAt: dir }, { id: dir }];
    case "tier":
      return [{ riskTier: dir }, { id: dir }];
    case "review":
      return [{ nextReviewDue: { sort: dir, nulls: "last" } }, { id: dir }];
    case "readiness":
      // PostgreSQL's default for the joined value: systems without a checklist (null) come
      // last ascending and first descending; afterCursor follows the same order.
      return [{ readiness: { percent: dir } }, { id: dir }];
  }
}

/** Rows strictly after the cursor in (sort value, id) order. */
function afterCursor(sort: TListSystemsQuery["sort"], dir: "asc" | "desc", cursor: Cursor): Prisma.AiSystemWhereInput {
  const idAfter = dir === "asc" ? { gt: cursor.id } : { lt: cursor.id };
  const cmp = dir === "asc" ? "gt" : "lt";
  switch (sort) {
    case "name":
      return { OR: [{ name: { [cmp]: cursor.v ?? "" } }, { name: cursor.v ?? "", id: idAfter }] };
    case "updated": {
      const at = new Date(cursor.v ?? 0);
      return { OR: [{ updatedAt: { [cmp]: at } }, { updatedAt: at, id: idAfter }] };
    }
    case "tier": {
      // Enums have no gt/lt filter in Prisma: list the tiers that come after instead.
      const index = TIER_ORDER.indexOf(cursor.v as RiskTier);
      const later = dir === "asc" ? TIER_ORDER.slice(index + 1) : TIER_ORDER.slice(0, Math.max(index, 0));
      return { OR: [{ riskTier: { in: [...later] } }, { riskTier: cursor.v as RiskTier, id: idAfter }] };
    }
    case "review": {
      // Nulls sort last in both directions.
      if (cursor.v === null) return { nextReviewDue: null, id: idAfter };
      const day = new Date(`${cursor.v}T00:00:00.000Z`);
      return { OR: [{ nextReviewDue: { [cmp]: day } }, { nextReviewDue: day, id: idAfter }, { nextReviewDue: null }] };
    }
    case "readiness": {
      const isNull = { readiness: { is: null } };
      if (cursor.v === null) return dir === "asc" ? { ...isNull, id: idAfter } : { OR: [{ ...isNull, id: idAfter }, { readiness: { isNot: null } }] };
      const percent = Number(cursor.v);
      return {
        OR: [
          { readiness: { is: { percent: { [cmp]: percent } } } },
          { readiness: { is: { percent } }, id: idAfter },
          ...(dir === "asc" ? [isNull] : []),
        ],
      };
    }
  }
}

/** One page of the inventory, keyset-paginated, scoped to what the actor may see. */
export async function listSystems({ actor, db }: ServiceContext, rawQuery: unknown, today = todayUtc()) {
  assertCan(actor, "system:read");
  const query = parseOrThrow(ZListSystemsQuery, rawQuery);
  const base: Prisma.AiSystemWhereInput = { AND: [systemScopeWhere(actor), ...filterWhere(query, today)] };
  const cursor = decodeCursor(query.cursor, query.sort);
  const where: Prisma.AiSystemWhereInput = cursor ? { AND: [base, afterCursor(query.sort, query.dir, cursor)] } : base;

  const [rows, total] = await Promise.all([
    db.aiSystem.findMany({ where, orderBy: orderBy(query.sort, query.dir), take: query.limit + 1, select: LIST_SELECT }),
    db.aiSystem.count({ where: base }),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  // Counted for this page only: `_count` in the select would aggregate every asset first.
  const counts = await db.asset.groupBy({ by: ["systemId"], where: { systemId: { in: page.map((r) => r.id) } }, _count: { _all: true } });
  const assetCount = new Map(counts.map((c) => [c.systemId, c._count._all]));
  return {
    items: page.map((row) => toListItem(row, assetCount.get(row.id) ?? 0)),
    total,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ v: sortValue(last, query.sort), id: last.id }) : null,
    query,
  };
}

function toListItem(row: ListRow, assetCount: number): SystemListItem {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    riskTier: row.riskTier,
    dataSensitivity: row.dataSensitivity,
    autonomy: row.autonomy,
    exposure: row.exposure,
    lifecycle: row.lifecycle,
    nextReviewDue: row.nextReviewDue ? row.nextReviewDue.toISOString().slice(0, 10) : null,
    archived: row.archivedAt !== null,
    updatedAt: row.updatedAt.toISOString(),
    owner: row.owner,
    assetCount,
    readiness: row.readiness,
  };
}

/** Full detail of one system, with what the actor may do to it. */
export async function getSystem({ actor, db }: ServiceContext, systemId: string) {
  assertCan(actor, "system:read");
  const facts = await loadSystemFacts(db, actor, systemId);
  const system = await db.aiSystem.findUniqueOrThrow({
    where: { id: systemId },
    include: {
      owner: { select: { id: true, name: true, email: true } },
      contributors: { select: { user: { select: { id: true, name: true, email: true } } } },
      _count: { select: { assets: true } },
    },
  });
  const editable = canEditSystem(actor, facts) && system.archivedAt === null;
  return {
    id: system.id,
    slug: system.slug,
    name: system.name,
    purpose: system.purpose,
    riskTier: system.riskTier,
    dataSensitivity: system.dataSensitivity,
    autonomy: system.autonomy,
    exposure: system.exposure,
    lifecycle: system.lifecycle,
    nextReviewDue: system.nextReviewDue ? system.nextReviewDue.toISOString().slice(0, 10) : null,
    archivedAt: system.archivedAt?.toISOString() ?? null,
    rowVersion: system.rowVersion,
    createdAt: system.createdAt.toISOString(),
    updatedAt: system.updatedAt.toISOString(),
    owner: system.owner,
    contributors: system.contributors.map((c) => c.user),
    assetCount: system._count.assets,
    can: {
      edit: editable,
      archive: canArchiveSystem(actor, facts),
      editAssets: editable && hasPermission(actor.role, "asset:write"),
      /** Work the checklist and add evidence (reviewers too, not only owners). */
      editChecklist: canEditChecklist(actor, facts) && system.archivedAt === null,
    },
  };
}
export type SystemDetail = Awaited<ReturnType<typeof getSystem>>;

/** People who can own or contribute to systems (for the form pickers). */
export async function listAssignableUsers({ actor, db }: ServiceContext) {
  assertCan(actor, "system:read");
  return db.user.findMany({
    where: { disabled: false, role: { in: ["PRODUCT_OWNER", "ADMIN"] } },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
}
