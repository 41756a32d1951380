import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit, type AuditActor } from "@/lib/audit/append";
import type { RequestMeta } from "@/lib/authz/actor";
import type { Tx } from "@/lib/service-context";

/** One field's change as the audit log records it: the value before and after (JSON-safe). */
export type FieldChange = { from: string | null; to: string | null };

/**
 * Writes one item of a bulk checklist change and its audit event, in the caller's transaction:
 * updates the item with `data` (the row version is always incremented) and appends
 * `checklist.item_updated` with `{ systemId, control, bulk: true, changes }`, the payload the
 * audit sentence (components/audit/sentences.ts) renders as "… (several items at once)".
 * Callers (bulk owner, due date and status) have already checked permission, locked the rows
 * and decided the item really changes.
 *
 * @param item the item's id, its system's id and its control's code.
 * @param data the columns to write (without `rowVersion`).
 * @param changes per changed field, `{ from, to }` (dates as `YYYY-MM-DD`).
 */
export async function writeBulkItemChange(
  tx: Tx,
  actor: AuditActor,
  item: { id: string; systemId: string; controlCode: string },
  data: Omit<Prisma.ChecklistItemUncheckedUpdateInput, "rowVersion">,
  changes: Record<string, FieldChange>,
  meta?: RequestMeta,
) {
  await tx.checklistItem.update({ where: { id: item.id }, data: { ...data, rowVersion: { increment: 1 } } });
  await appendAudit(
    tx,
    actor,
    {
      action: "checklist.item_updated",
      entityType: "ChecklistItem",
      entityId: item.id,
      summary: { systemId: item.systemId, control: item.controlCode, bulk: true, changes },
    },
    meta,
  );
}
