import "server-only";
import type { AuditEvent } from "@/generated/prisma/client";
import { contentOf, type AuditContent } from "@/lib/audit/chain";
import { canonicalJson } from "@/lib/canonical-json";
import type { DbOrTx } from "@/lib/service-context";

/**
 * The audit log extract of a pack (`audit/audit-log.jsonl`), one JSON object per line, in
 * chain order, covering every event from the first in scope to the last in scope:
 * - an event in scope: `{"id","prevHash","hash","content"}` where `content` is exactly what
 *   was hashed, so SHA-256(prevHash + "\n" + canonical JSON of content) must equal `hash`
 *   (canonical JSON: keys sorted at every depth, no whitespace; lib/canonical-json.ts);
 * - an event out of scope (another system, another period): `{"id","prevHash","hash","withheld":true}`,
 *   its content left out but its link kept, so the chain can be walked without a gap.
 * Each line's `prevHash` must equal the previous line's `hash`; the first line's `prevHash`
 * is the anchor (recorded in the signed manifest, with the last hash and the chain head at
 * export time), which ties the extract to the instance's full chain.
 */
export type AuditScope = { systemIds: readonly string[] | "all"; from?: string | null; to?: string | null };

export type AuditAnchor = {
  /** Events written in full / as withheld links. */
  events: number;
  withheld: number;
  firstId: string | null;
  lastId: string | null;
  /** The hash before the first line (what the first line's prevHash must be). */
  anchorPrevHash: string | null;
  /** The last line's hash. */
  lastHash: string | null;
  /** The newest event of the whole chain when the pack was made. */
  chainHead: { id: string; hash: string } | null;
};

const BATCH = 2_000;

function rangeBounds(scope: AuditScope) {
  return {
    from: scope.from ? new Date(`${scope.from}T00:00:00.000Z`) : new Date("1970-01-01T00:00:00.000Z"),
    to: scope.to ? new Date(`${scope.to}T23:59:59.999Z`) : new Date("9999-12-31T23:59:59.999Z"),
  };
}

/** First and last event id in scope, or null when no event is. */
async function scopeSpan(db: DbOrTx, scope: AuditScope): Promise<{ min: bigint; max: bigint } | null> {
  const { from, to } = rangeBounds(scope);
  const rows =
    scope.systemIds === "all"
      ? await db.$queryRaw<{ min: bigint | null; max: bigint | null }[]>`
          SELECT min(id) AS min, max(id) AS max FROM "AuditEvent" WHERE "occurredAt" BETWEEN ${from} AND ${to}`
      : await db.$queryRaw<{ min: bigint | null; max: bigint | null }[]>`
          SELECT min(id) AS min, max(id) AS max FROM "AuditEvent"
          WHERE "occurredAt" BETWEEN ${from} AND ${to}
            AND (("entityType" = 'AiSystem' AND "entityId" = ANY(${[...scope.systemIds]}::text[]))
                 OR (summary->>'systemId') = ANY(${[...scope.systemIds]}::text[]))`;
  const row = rows[0];
  return row?.min != null && row.max != null ? { min: BigInt(row.min), max: BigInt(row.max) } : null;
}

type EventRow = AuditEvent;

function inScope(row: EventRow, scope: AuditScope, ids: ReadonlySet<string> | null, bounds: { from: Date; to: Date }): boolean {
  if (row.occurredAt < bounds.from || row.occurredAt > bounds.to) return false;
  if (!ids) return true;
  if (row.entityType === "AiSystem" && ids.has(row.entityId)) return true;
  const systemId = row.summary && typeof row.summary === "object" && !Array.isArray(row.summary) ? (row.summary as Record<string, unknown>).systemId : undefined;
  return typeof systemId === "string" && ids.has(systemId);
}

/**
 * Yields the extract's lines (each ending "\n") and fills `anchor` as it goes (complete when
 * the generator finishes). Reads the chain in id order, a batch at a time.
 */
export async function* auditExtractLines(db: DbOrTx, scope: AuditScope, anchor: AuditAnchor): AsyncGenerator<string> {
  const head = await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
  anchor.chainHead = head ? { id: String(head.id), hash: head.hash } : null;
  const span = await scopeSpan(db, scope);
  if (!span) return;
  const ids = scope.systemIds === "all" ? null : new Set(scope.systemIds);
  const bounds = rangeBounds(scope);
  let after = span.min - 1n;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { id: { gt: after, lte: span.max } }, orderBy: { id: "asc" }, take: BATCH });
    if (!rows.length) return;
    let text = "";
    for (const row of rows) {
      const id = String(row.id);
      if (anchor.firstId === null) {
        anchor.firstId = id;
        anchor.anchorPrevHash = row.prevHash;
      }
      if (inScope(row, scope, ids, bounds)) {
        const content = contentOf({ ...row, occurredAt: row.occurredAt.toISOString() } as AuditContent);
        text += `${JSON.stringify({ id, prevHash: row.prevHash, hash: row.hash, content: JSON.parse(canonicalJson(content)) })}\n`;
        anchor.events++;
      } else {
        text += `${JSON.stringify({ id, prevHash: row.prevHash, hash: row.hash, withheld: true })}\n`;
        anchor.withheld++;
      }
      anchor.lastId = id;
      anchor.lastHash = row.hash;
    }
    yield text;
    after = rows[rows.length - 1]!.id;
  }
}

export function emptyAnchor(): AuditAnchor {
  return { events: 0, withheld: 0, firstId: null, lastId: null, anchorPrevHash: null, lastHash: null, chainHead: null };
}
