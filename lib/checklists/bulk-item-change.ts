import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit, type AuditActor } from "@/lib/audit/append";
import type { RequestMeta } from "@/lib/authz/actor";
import { ConflictError, ValidationError } from "@/lib/errors";
import type { Tx } from "@/lib/service-context";

/**
 * One field's change as the audit log records it: the value before and after (JSON-safe); for
 * the owner also the people's names as they were at write time (`fromName`, `toName`), so the
 * audit sentence never reads mutable names when it renders.
 */
export type FieldChange = { from: string | null; to: string | null; fromName?: string | null; toName?: string | null };

/**
 * Optimistic concurrency for bulk changes, like a single item save's `expectedVersion`: call it
 * with the locked, re-read items. When any selected item's `rowVersion` differs from the one the
 * page saw (`versions[i]` for `itemIds[i]`), refuses the whole change, naming how many items and
 * who changed them (from their latest audit events). No `versions`: nothing is checked.
 *
 * @throws ValidationError when `versions` and `itemIds` differ in length; ConflictError (409)
 *   "2 of 6 items were changed by Daniel Okafor since you loaded the page; reload to see the changes."
 */
export async function assertBulkVersions(
  tx: Tx,
  items: readonly { id: string; rowVersion: number }[],
  itemIds: readonly string[],
  versions: readonly number[] | undefined,
) {
  if (!versions) return;
  if (versions.length !== itemIds.length) throw new ValidationError("Send one row version per selected item.", { versions: ["Send one row version per selected item."] });
  const seen = new Map(itemIds.map((id, i) => [id, versions[i]!]));
  const stale = items.filter((item) => seen.get(item.id) !== item.rowVersion).map((item) => item.id);
  if (stale.length === 0) return;
  const events = await tx.auditEvent.findMany({
    where: { entityType: "ChecklistItem", entityId: { in: stale } },
    orderBy: { id: "desc" },
    distinct: ["entityId"],
    select: { actorId: true, actorLabel: true },
  });
  const people = await tx.user.findMany({ where: { id: { in: events.flatMap((e) => (e.actorId ? [e.actorId] : [])) } }, select: { id: true, name: true } });
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const who = [...new Set(events.map((e) => (e.actorId && nameOf.get(e.actorId)) || e.actorLabel))];
  const by = who.length === 0 ? "someone else" : who.length <= 2 ? who.join(" and ") : `${who.slice(0, 2).join(", ")} and others`;
  const total = new Set(itemIds).size;
  throw new ConflictError(
    `${stale.length} of ${total} ${total === 1 ? "item was" : "items were"} changed by ${by} since you loaded the page; reload to see the changes. Nothing was changed.`,
  );
}

/**
 * Writes one item of a bulk checklist change and its audit event, in the caller's transaction:
 * updates the item with `data` (the row version is always incremented) and appends
 * `checklist.item_updated` with `{ systemId, control, bulk: true, changes }`, the payload the
 * audit sentence (components/audit/sentences.ts) renders with "(one of N items changed at once)" when `bulkCount` > 1.
 * Callers (bulk owner, due date and status) have already checked permission, locked the rows
 * and decided the item really changes.
 *
 * @param item the item's id, its system's id and its control's code.
 * @param data the columns to write (without `rowVersion`).
 * @param changes per changed field, `{ from, to }` (dates as `YYYY-MM-DD`; owner names too).
 * @param bulkCount how many items this bulk change changes (the sentence says "one of N" when N > 1).
 */
export async function writeBulkItemChange(
  tx: Tx,
  actor: AuditActor,
  item: { id: string; systemId: string; controlCode: string },
  data: Omit<Prisma.ChecklistItemUncheckedUpdateInput, "rowVersion">,
  changes: Record<string, FieldChange>,
  meta?: RequestMeta,
  bulkCount?: number,
) {
  await tx.checklistItem.update({ where: { id: item.id }, data: { ...data, rowVersion: { increment: 1 } } });
  await appendAudit(
    tx,
    actor,
    {
      action: "checklist.item_updated",
      entityType: "ChecklistItem",
      entityId: item.id,
      summary: { systemId: item.systemId, control: item.controlCode, bulk: true, ...(bulkCount ? { bulkCount } : {}), changes },
    },
    meta,
  );
}
