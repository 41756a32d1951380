import "server-only";
import type { ServiceContext } from "@/lib/service-context";
import { assertCan } from "@/lib/authz/policy";
import { loadSystemFacts } from "@/lib/systems/access";
import { toAuditRow } from "./queries";

/**
 * The audit trail of one system: events about the system itself and about its assets
 * (asset events carry `systemId` in their summary). Visible to whoever may see the system.
 */
export async function listSystemHistory({ actor, db }: ServiceContext, systemId: string, opts: { before?: string; limit?: number } = {}) {
  assertCan(actor, "system:read");
  await loadSystemFacts(db, actor, systemId);
  const limit = Math.min(opts.limit ?? 50, 200);
  const rows = await db.auditEvent.findMany({
    where: {
      AND: [
        { OR: [{ entityType: "AiSystem", entityId: systemId }, { summary: { path: ["systemId"], equals: systemId } }] },
        opts.before && /^\d+$/.test(opts.before) ? { id: { lt: BigInt(opts.before) } } : {},
      ],
    },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    events: page.map(toAuditRow),
    nextBefore: rows.length > limit ? String(page[page.length - 1]!.id) : null,
  };
}
