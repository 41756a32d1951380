import "server-only";
import { z } from "zod";
import type { AuditEvent, Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/policy";
import { zDate, zInt, zText } from "@/lib/validation/fields";
import type { DbOrTx } from "@/lib/service-context";

/** The audit filter's fields, without the rule across them (for `.omit`; parse with `ZAuditFilter`). */
export const ZAuditFilterFields = z.object({
  /** Free text matched against the actor label (email); kept for old links, the page offers `person`. */
  actor: zText({ max: 200, label: "The actor" }).optional(),
  /** A user id: events that person caused. */
  person: zText({ max: 100, label: "The person" }).optional(),
  /** An AI system id: events about the system and the records under it. */
  system: zText({ max: 100, label: "The system" }).optional(),
  entityType: zText({ max: 100, label: "The entity type" }).optional(),
  entityId: zText({ max: 100, label: "The entity id" }).optional(),
  action: zText({ max: 100, label: "The action" }).optional(),
  from: zDate("The start date").optional(),
  to: zDate("The end date").optional(),
  // An audit event id (PostgreSQL bigint): digits that fit a signed 64-bit integer.
  before: z
    .string({ error: "The page marker must be a number." })
    .regex(/^\d{1,19}$/, "The page marker must be a number.")
    // Zod runs this check even when the pattern failed: only digits reach BigInt (which throws on anything else).
    .refine((v) => !/^\d{1,19}$/.test(v) || BigInt(v) <= 9_223_372_036_854_775_807n, { message: "The page marker is out of range." })
    .optional(),
  limit: zInt({ min: 1, max: 200, label: "The page size" }).default(50),
});

/** A period that ends before it starts matches nothing: refused as bad input, not answered empty. */
export function periodInOrder(filter: { from?: string; to?: string }): boolean {
  return !filter.from || !filter.to || filter.from <= filter.to;
}
export const PERIOD_ORDER_MESSAGE = "The start date is after the end date.";

/** The audit log's filter (page, CSV export): `ZAuditFilterFields` with `from` ≤ `to`. */
export const ZAuditFilter = ZAuditFilterFields.refine(periodInOrder, { message: PERIOD_ORDER_MESSAGE, path: ["to"] });
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

export type AuditRow = {
  id: string;
  occurredAt: string;
  actorLabel: string;
  actorId: string | null;
  /** "user", "token" or "system" (null on events written before actor types existed). */
  actorType: string | null;
  /** API token id or job name. */
  actorRef: string | null;
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
    actorId: r.actorId,
    actorType: r.actorType,
    actorRef: r.actorRef,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    summary: r.summary,
    requestMeta: r.requestMeta,
    hash: r.hash,
  };
}

/**
 * The WHERE clause of a filter (without the page cursor): the audit log page, its CSV export
 * (./export-csv.ts) and the list CSV (lib/exports/list-csv.ts) all narrow the same way.
 */
export function auditWhere(filter: Omit<TAuditFilter, "before" | "limit">): Prisma.AuditEventWhereInput {
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
  if (filter.person) where.actorId = filter.person;
  if (filter.system) where.OR = [{ entityType: "AiSystem", entityId: filter.system }, { summary: { path: ["systemId"], equals: filter.system } }];
  return where;
}

/**
 * Newest first, keyset-paginated by id ("before" = the last id of the previous page).
 * Filters: person (actor user id), system (events about it or records under it), action
 * prefix, entity type and id, actor label text, UTC day range.
 */
export async function listAuditEvents({ actor, db }: { actor: Actor; db: DbOrTx }, filter: TAuditFilter) {
  assertCan(actor, "audit:read");
  const where = auditWhere(filter);
  if (filter.before) where.id = { lt: BigInt(filter.before) };
  const rows = await db.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  return {
    events: page.map(toAuditRow),
    nextBefore: rows.length > filter.limit ? String(page[page.length - 1]!.id) : null,
  };
}

/**
 * Values for the filter pickers: actions and entity types that occur, the people who caused
 * events (id, name, email; by name) and the AI systems (id, name; archived ones too, by name).
 */
export async function auditFacets({ actor, db }: { actor: Actor; db: DbOrTx }) {
  assertCan(actor, "audit:read");
  const [actions, entityTypes, actorIds, systems] = await Promise.all([
    db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db.auditEvent.findMany({ distinct: ["entityType"], select: { entityType: true }, orderBy: { entityType: "asc" } }),
    db.auditEvent.findMany({ distinct: ["actorId"], where: { actorId: { not: null } }, select: { actorId: true } }),
    db.aiSystem.findMany({ select: { id: true, name: true, archivedAt: true }, orderBy: { name: "asc" } }),
  ]);
  const people = await db.user.findMany({
    where: { id: { in: actorIds.map((a) => a.actorId!) } },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
  return {
    actions: actions.map((a) => a.action),
    entityTypes: entityTypes.map((e) => e.entityType),
    people,
    systems: systems.map((s) => ({ id: s.id, name: s.name, archived: s.archivedAt !== null })),
  };
}
