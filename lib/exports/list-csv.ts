import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { toCsvRow, UTF8_BOM } from "@/lib/assets/rules/csv";
import { appendAudit } from "@/lib/audit/append";
import { auditWhere, PERIOD_ORDER_MESSAGE, periodInOrder, ZAuditFilterFields } from "@/lib/audit/queries";
import type { Actor } from "@/lib/authz/actor";
import { assertCan, can, systemScopeWhere } from "@/lib/authz/policy";
import { BadRequestError, NotFoundError } from "@/lib/errors";
import { withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { zId } from "@/lib/validation/fields";
import { loadSystemFacts } from "@/lib/systems/access";
import { PACK_TABLES, type PackTable } from "./pack/tables";
import { loadSystemsData, type ControlCache } from "./system-data";

/**
 * CSV downloads of the list pages, one table each, formula-safe (the same neutraliser as the
 * inventory export and the evidence pack: lib/assets/rules/csv.ts) and streamed a batch at a
 * time. Record tables share their columns with the evidence pack's csv/ files (./pack/tables.ts).
 */
export const LIST_CSV_TABLES = ["systems", "assets", "checklist-items", "evidence", "threats", "audit-log"] as const;
export type ListCsvTable = (typeof LIST_CSV_TABLES)[number];

const PERMISSIONS = {
  systems: ["inventory:export"],
  assets: ["inventory:export"],
  "checklist-items": ["inventory:export", "checklist:read"],
  evidence: ["inventory:export", "evidence:read"],
  threats: ["inventory:export", "threat:read"],
  "audit-log": ["audit:read"],
} as const;

/** Whether the actor may download this list as CSV (the pages show the link only then). */
export function canExportListCsv(actor: Actor | null | undefined, table: ListCsvTable): boolean {
  return PERMISSIONS[table].every((permission) => can(actor, permission));
}

const BATCH = 200;

export type ListCsv = { fileName: string; lines: AsyncGenerator<string> };

function csvCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

async function* recordLines(db: DbOrTx, table: PackTable, systemIds: readonly string[]): AsyncGenerator<string> {
  yield UTF8_BOM + toCsvRow(table.columns.map(([header]) => header));
  const controls: ControlCache = new Map();
  for (let start = 0; start < systemIds.length; start += BATCH) {
    const batch = await loadSystemsData(db, systemIds.slice(start, start + BATCH), { controls });
    const rows = await table.rows(batch, { db, range: {} });
    let text = "";
    for (const row of rows) text += toCsvRow(table.columns.map(([, cell]) => csvCell(cell(row))));
    if (text) yield text;
  }
}

const AUDIT_COLUMNS = ["id", "occurredAt", "actorLabel", "actorType", "action", "entityType", "entityId", "summary", "requestMeta", "prevHash", "hash"] as const;

async function* auditLines(db: DbOrTx, where: Prisma.AuditEventWhereInput): AsyncGenerator<string> {
  yield UTF8_BOM + toCsvRow([...AUDIT_COLUMNS]);
  let before: bigint | undefined;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: before === undefined ? where : { AND: [where, { id: { lt: before } }] }, orderBy: { id: "desc" }, take: 2_000 });
    if (!rows.length) return;
    let text = "";
    for (const r of rows) {
      text += toCsvRow([String(r.id), r.occurredAt.toISOString(), r.actorLabel, r.actorType, r.action, r.entityType, r.entityId, JSON.stringify(r.summary), r.requestMeta === null ? null : JSON.stringify(r.requestMeta), r.prevHash, r.hash]);
    }
    yield text;
    before = rows[rows.length - 1]!.id;
  }
}

/**
 * Opens one list as CSV: `systemId` narrows a record table to one system (the system's tabs);
 * without it, every system the actor may see (product owners: their own). The audit log
 * takes the audit page's filters (person, system, actor text, entity type and id, action, from,
 * to; lib/audit/queries.ts auditWhere). The download
 * is audited (`export.list_exported`) before the first line is produced.
 * @throws ForbiddenError; NotFoundError (system); BadRequestError (unknown table or filter).
 */
export async function exportListCsv(ctx: ServiceContext, table: string, query: Record<string, unknown> = {}): Promise<ListCsv> {
  if (!(LIST_CSV_TABLES as readonly string[]).includes(table)) throw new BadRequestError(`Unknown list "${table}".`);
  const name = table as ListCsvTable;
  for (const permission of PERMISSIONS[name]) assertCan(ctx.actor, permission);
  const stamp = new Date().toISOString().slice(0, 10);
  const systemId = typeof query.systemId === "string" && query.systemId ? query.systemId : undefined;
  // An id that cannot be one names no system (and never reaches PostgreSQL).
  if (systemId !== undefined && !zId().safeParse(systemId).success) throw new NotFoundError("System not found.");

  if (name === "audit-log") {
    const parsed = ZAuditFilterFields.omit({ before: true, limit: true }).refine(periodInOrder, { message: PERIOD_ORDER_MESSAGE, path: ["to"] }).safeParse(query);
    if (!parsed.success) throw new BadRequestError(`Invalid audit log filter: ${parsed.error.issues[0]?.message ?? "check the parameters."}`);
    const f = parsed.data;
    const where = auditWhere(f);
    await audit(ctx, name, { filter: f });
    return { fileName: `audit-log-${stamp}.csv`, lines: auditLines(ctx.db, where) };
  }

  if (systemId) await loadSystemFacts(ctx.db, ctx.actor, systemId);
  const systems = systemId
    ? [systemId]
    : (await ctx.db.aiSystem.findMany({ where: systemScopeWhere(ctx.actor), orderBy: { slug: "asc" }, select: { id: true } })).map((s) => s.id);
  const packTable = PACK_TABLES.find((t) => t.name === name)!;
  await audit(ctx, name, { systemId: systemId ?? null, systems: systems.length });
  return { fileName: `${name}${systemId ? "-system" : ""}-${stamp}.csv`, lines: recordLines(ctx.db, packTable, systems) };
}

async function audit(ctx: ServiceContext, table: ListCsvTable, summary: Record<string, unknown>) {
  await withTransaction(ctx, ({ db: tx }) =>
    appendAudit(tx, ctx.actor, { action: "export.list_exported", entityType: "Export", entityId: randomUUID(), summary: { format: "csv", table, ...summary } }, ctx.meta),
  );
}
