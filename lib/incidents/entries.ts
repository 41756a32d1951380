import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { IncidentEntryKind } from "@/generated/prisma/enums";
import type { AuditAction } from "@/lib/audit/action-names";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext, type Tx } from "@/lib/service-context";
import { lockRows } from "@/lib/db/locks";
import { parseOrThrow } from "@/lib/validation";
import { canManageIncidents, loadVisibleIncident } from "./access";
import { ZAddEntry } from "./schema";

export type EntryInput = {
  kind: IncidentEntryKind;
  body: string;
  evidenceId?: string | null;
  systemId?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Appends one timeline entry and its audit event inside the caller's transaction. Entries are
 * never changed or removed (a database trigger refuses UPDATE and DELETE on IncidentEntry).
 * @param action the audit action recorded for this entry (e.g. `incident.status_changed`).
 * @returns the entry id (as a string: the column is a bigint).
 */
export async function appendEntry(tx: Tx, ctx: ServiceContext, incidentId: string, entry: EntryInput, action: AuditAction, summary: Record<string, unknown> = {}): Promise<string> {
  const row = await tx.incidentEntry.create({
    data: {
      incidentId,
      authorId: ctx.actor.kind === "system" ? null : ctx.actor.id,
      authorName: ctx.actor.kind === "system" ? `job:${ctx.actor.job}` : ctx.actor.name,
      kind: entry.kind,
      body: entry.body,
      evidenceId: entry.evidenceId ?? null,
      systemId: entry.systemId ?? null,
      data: (entry.data ?? undefined) as Prisma.InputJsonValue | undefined,
    },
    select: { id: true },
  });
  const entryId = row.id.toString();
  await appendAudit(
    tx,
    ctx.actor,
    { action, entityType: "Incident", entityId: incidentId, summary: { entryId, kind: entry.kind, evidenceId: entry.evidenceId ?? null, systemId: entry.systemId ?? null, ...summary } },
    ctx.meta,
  );
  return entryId;
}

/**
 * Checks that evidence may be attached to this incident: it exists, is not deleted, and
 * belongs to one of the incident's affected systems.
 * @throws ValidationError naming the field.
 */
export async function assertIncidentEvidence(tx: Tx, systemIds: readonly string[], evidenceId: string, field = "evidenceId") {
  const evidence = await tx.evidence.findUnique({ where: { id: evidenceId }, select: { systemId: true, deletedAt: true, title: true } });
  if (!evidence || !systemIds.includes(evidence.systemId)) throw new ValidationError("Choose evidence of an affected system.", { [field]: ["Choose evidence of an affected system."] });
  if (evidence.deletedAt) throw new ValidationError("That evidence was deleted.", { [field]: ["That evidence was deleted."] });
  return evidence;
}

/**
 * Adds a note or an "action taken" to the timeline, optionally with evidence of an affected
 * system (added through the evidence component first). Reviewers and admins on any incident;
 * anyone else who may report incidents on the incidents they can see (e.g. the system's
 * product owner adding what they observed).
 * @param rawInput `ZAddEntry`: kind NOTE | ACTION, body, evidenceId?.
 * @throws ForbiddenError, NotFoundError, ValidationError.
 */
export async function addIncidentEntry(ctx: ServiceContext, incidentId: string, rawInput: unknown) {
  assertCan(ctx.actor, "incident:report");
  const input = parseOrThrow(ZAddEntry, rawInput);
  if (input.kind === "ACTION" && !canManageIncidents(ctx.actor)) throw new ValidationError("Only the incident team records actions taken; add a note instead.", { kind: ["Choose note."] });
  return withTransaction(ctx, async ({ db: tx }) => {
    const incident = await loadVisibleIncident(tx, ctx.actor, incidentId);
    await lockRows(tx, "Incident", [incident.id]);
    const systemIds = incident.systems.map((s) => s.systemId);
    if (input.evidenceId) await assertIncidentEvidence(tx, systemIds, input.evidenceId);
    const entryId = await appendEntry(tx, ctx, incident.id, { kind: input.kind, body: input.body, evidenceId: input.evidenceId }, "incident.entry_added");
    await tx.incident.update({ where: { id: incident.id }, data: { updatedAt: new Date() } });
    return { entryId };
  });
}
