import "server-only";
import { z } from "zod";
import type { AuditEvent, Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/policy";
import type { DbOrTx } from "@/lib/service-context";

export const ZAuditFilter = z.object({
  actor: z.string().trim().max(200).optional(),
  entityType: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  before: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

export type AuditRow = {
  id: string;
  occurredAt: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: unknown;
  requestMeta: unknown;
  hash: string;
};

export function toAuditRow(r: AuditEvent): AuditRow {
  return {
    id: String(r.id),
    occurredAt: r.occurredAt.toISOString(),
    actorLabel: r.actorLabel,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    summary: r.summary,
    requestMeta: r.requestMeta,
    hash: r.hash,
  };
}

/** Newest first, keyset-paginated by id ("before" = the last id of the previous page). */
export async function listAuditEvents({ actor, db }: { actor: Actor; db: DbOrTx }, filter: TAuditFilter) {
  assertCan(actor, "audit:read");
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.actor) where.actorLabel = { contains: filter.actor, mode: "insensitive" };
  if (filter.entityType) where.entityType = filter.entityType;
  if (filter.entityId) where.entityId = filter.entityId;
  if (filter.action) where.action = { startsWith: filter.action };
  if (filter.from || filter.to) {
    where.occurredAt = {
      ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00.000Z`) } : {}),
      ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00.000Z`).getTime() + 86_400_000) } : {}),
    };
  }
  if (filter.before) where.id = { lt: BigInt(filter.before) };
  const rows = await db.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  return {
    events: page.map(toAuditRow),
    nextBefore: rows.length > filter.limit ? String(page[page.length - 1]!.id) : null,
  };
}

/** Distinct actions and entity types, for the filter drop-downs. */
export async function auditFacets({ actor, db }: { actor: Actor; db: DbOrTx }) {
  assertCan(actor, "audit:read");
  const [actions, entityTypes] = await Promise.all([
    db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db.auditEvent.findMany({ distinct: ["entityType"], select: { entityType: true }, orderBy: { entityType: "asc" } }),
  ]);
  return { actions: actions.map((a) => a.action), entityTypes: entityTypes.map((e) => e.entityType) };
}
