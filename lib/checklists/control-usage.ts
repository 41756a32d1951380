import "server-only";
import type { ChecklistStatus } from "@/generated/prisma/enums";
import { assertCan, systemScopeWhere } from "@/lib/authz/policy";
import type { ServiceContext } from "@/lib/service-context";

/** Where one control applies, across the systems the actor may see, and its status on each. */
export type ControlUsage = {
  /** Systems (not archived) whose checklist has this control as applicable. */
  applies: number;
  /** Count per checklist status over those systems. */
  byStatus: Partial<Record<ChecklistStatus, number>>;
  /** One entry per system, by system name: the item to open on its checklist. */
  systems: { systemId: string; systemName: string; itemId: string; status: ChecklistStatus; href: string }[];
};

/**
 * For every control code, where it applies and its status across systems: the applicable
 * checklist items of non-archived systems within the actor's reach (product owners: their
 * own systems; see systemScopeWhere). Controls are matched by code, so systems whose checklist
 * is on an older library version count too. One query.
 *
 * @returns a map from control code (e.g. "DES-1.2") to its usage; codes without any applicable
 *   item are absent.
 */
export async function controlUsageAcrossSystems(ctx: ServiceContext): Promise<Record<string, ControlUsage>> {
  const { actor, db } = ctx;
  assertCan(actor, "checklist:read");
  const rows = await db.checklistItem.findMany({
    where: { applicable: true, checklist: { system: { AND: [systemScopeWhere(actor), { archivedAt: null }] } } },
    select: {
      id: true,
      status: true,
      control: { select: { code: true } },
      checklist: { select: { system: { select: { id: true, name: true } } } },
    },
    orderBy: { checklist: { system: { name: "asc" } } },
  });
  const out: Record<string, ControlUsage> = {};
  for (const row of rows) {
    const usage = (out[row.control.code] ??= { applies: 0, byStatus: {}, systems: [] });
    usage.applies++;
    usage.byStatus[row.status] = (usage.byStatus[row.status] ?? 0) + 1;
    const system = row.checklist.system;
    usage.systems.push({ systemId: system.id, systemName: system.name, itemId: row.id, status: row.status, href: `/systems/${system.id}/checklist?item=${row.id}#item-${row.id}` });
  }
  return out;
}
