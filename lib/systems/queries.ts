import "server-only";
import type { RiskTier } from "@/generated/prisma/enums";
import { assertCan, canArchiveSystem, canEditChecklist, canEditSystem, systemScope } from "@/lib/authz/policy";
import { hasPermission } from "@/lib/authz/permissions";
import { queryRows } from "@/lib/db/sql";
import type { ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadSystemFacts } from "./access";
import { todayUtc } from "@/lib/evidence/rules";
import { afterCursorSql, cappedCountSql, estimateSql, filterSql, listPageSql, orderSql, scopeSql, type ListSqlRow } from "./list-sql";
import { decodeCursor, encodeCursor } from "./rules";
import { ZListSystemsQuery, type TListSystemsQuery } from "./schema";

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

/**
 * Up to this many matching systems the list's total is an exact count (a count that stops
 * after this many + 1 rows, so its cost is bounded); above it the total is PostgreSQL's planner
 * estimate and `totalExact` is false (the page says "about N"). An exact COUNT(*) over 10,000
 * systems cost more database time than the rest of the request (bench:throughput, issue 8).
 */
export const EXACT_TOTAL_UP_TO = 1000;

/** Sort key of a row, as stored in the cursor. */
function sortValue(row: ListSqlRow, sort: TListSystemsQuery["sort"]): string | null {
  switch (sort) {
    case "name":
      return row.name;
    case "updated":
      return row.updatedAt;
    case "tier":
      return row.riskTier;
    case "review":
      return row.nextReviewDue;
    case "readiness":
      return row.percent === null ? null : String(row.percent);
  }
}

/**
 * One keyset page of the inventory, scoped to what the actor may see (the scope is a condition
 * of the statement's WHERE, see lib/authz/policy.ts `systemScope`).
 *
 * @returns `items` (at most `limit`), `nextCursor` (null on the last page), `total` with
 *   `totalExact`: the exact number of matching systems up to EXACT_TOTAL_UP_TO, above it the
 *   planner's estimate (at least EXACT_TOTAL_UP_TO + 1) with `totalExact: false`; and the
 *   parsed `query`.
 * @throws ForbiddenError without system:read; ValidationError for a bad query.
 */
export async function listSystems({ actor, db }: ServiceContext, rawQuery: unknown, today = todayUtc()) {
  assertCan(actor, "system:read");
  const query = parseOrThrow(ZListSystemsQuery, rawQuery);
  const base = [scopeSql(systemScope(actor)), ...filterSql(query, today)];
  const cursor = decodeCursor(query.cursor, query.sort);
  const conditions = cursor ? [...base, afterCursorSql(query.sort, query.dir, cursor)] : base;

  const [rows, counted] = await Promise.all([
    queryRows<ListSqlRow>(db, listPageSql(conditions, orderSql(query.sort, query.dir), query.limit + 1)),
    queryRows<{ n: number }>(db, cappedCountSql(base, EXACT_TOTAL_UP_TO)),
  ]);
  let total = counted[0]!.n;
  const totalExact = total <= EXACT_TOTAL_UP_TO;
  if (!totalExact) {
    const plan = await queryRows<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(db, estimateSql(base));
    total = Math.max(EXACT_TOTAL_UP_TO + 1, Math.round(plan[0]!["QUERY PLAN"][0].Plan["Plan Rows"]));
  }
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toListItem),
    total,
    totalExact,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ v: sortValue(last, query.sort), id: last.id }) : null,
    query,
  };
}

function toListItem(row: ListSqlRow): SystemListItem {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    riskTier: row.riskTier as RiskTier,
    dataSensitivity: row.dataSensitivity,
    autonomy: row.autonomy,
    exposure: row.exposure,
    lifecycle: row.lifecycle,
    nextReviewDue: row.nextReviewDue,
    archived: row.archived,
    updatedAt: row.updatedAt,
    owner: { id: row.ownerId, name: row.ownerName },
    assetCount: row.assetCount,
    readiness: row.percent === null ? null : { total: row.total!, done: row.done!, percent: row.percent, reviewerWaiting: row.reviewerWaiting! },
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
