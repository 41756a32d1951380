import "server-only";
import { assertCan, systemScopeWhere } from "@/lib/authz/policy";
import type { ServiceContext } from "@/lib/service-context";

/** Headline numbers for the overview page, over the systems the actor may see. */
export async function inventoryOverview({ actor, db }: ServiceContext, today = new Date()) {
  assertCan(actor, "system:read");
  const scope = { AND: [systemScopeWhere(actor), { archivedAt: null }] };
  const day = new Date(today.toISOString().slice(0, 10));
  const in30 = new Date(day.getTime() + 30 * 86_400_000);
  const [byTier, byLifecycle, agenticExposed, overdue, upcoming, assets] = await Promise.all([
    db.aiSystem.groupBy({ by: ["riskTier"], where: scope, _count: { _all: true } }),
    db.aiSystem.groupBy({ by: ["lifecycle"], where: scope, _count: { _all: true } }),
    db.aiSystem.count({ where: { AND: [scope, { autonomy: "AGENTIC", exposure: "INTERNET_FACING" }] } }),
    db.aiSystem.count({ where: { AND: [scope, { nextReviewDue: { lt: day } }] } }),
    db.aiSystem.findMany({
      where: { AND: [scope, { nextReviewDue: { lte: in30 } }] },
      orderBy: [{ nextReviewDue: "asc" }, { id: "asc" }],
      take: 6,
      select: { id: true, name: true, riskTier: true, nextReviewDue: true },
    }),
    db.asset.count({ where: { system: scope } }),
  ]);
  const total = byTier.reduce((n, g) => n + g._count._all, 0);
  return {
    total,
    assets,
    agenticExposed,
    overdue,
    byTier: Object.fromEntries(byTier.map((g) => [g.riskTier, g._count._all])) as Record<string, number>,
    byLifecycle: Object.fromEntries(byLifecycle.map((g) => [g.lifecycle, g._count._all])) as Record<string, number>,
    upcoming: upcoming.map((s) => ({ ...s, nextReviewDue: s.nextReviewDue!.toISOString().slice(0, 10), overdue: s.nextReviewDue! < day })),
  };
}
