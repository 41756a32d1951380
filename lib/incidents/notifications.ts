import "server-only";
import { assertCan } from "@/lib/authz/policy";
import { lockRows } from "@/lib/db/locks";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadVisibleIncident } from "./access";
import { PARTY_LABELS } from "./catalog";
import { appendEntry, assertIncidentEvidence } from "./entries";
import { deadlineFrom } from "./rules";
import { ZAddNotification, ZNotificationDone } from "./schema";

/**
 * Marks a notification duty done, with evidence of an affected system (e.g. the message sent
 * to the regulator). Reviewers and admins. Writes a NOTIFICATION_DONE timeline entry.
 * @param rawInput `ZNotificationDone`: expectedVersion, evidenceId, note?.
 * @throws ForbiddenError, NotFoundError, ConflictError, ValidationError (already done, bad evidence).
 */
export async function markNotificationDone(ctx: ServiceContext, notificationId: string, rawInput: unknown, now: Date = new Date()) {
  assertCan(ctx.actor, "incident:manage");
  const input = parseOrThrow(ZNotificationDone, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    const duty = await tx.incidentNotification.findUnique({ where: { id: notificationId }, select: { incidentId: true } });
    if (!duty) throw new NotFoundError("Notification duty not found.");
    await lockRows(tx, "Incident", [duty.incidentId]);
    await lockRows(tx, "IncidentNotification", [notificationId]);
    const incident = await loadVisibleIncident(tx, ctx.actor, duty.incidentId);
    const row = await tx.incidentNotification.findUniqueOrThrow({ where: { id: notificationId } });
    if (row.rowVersion !== input.expectedVersion) throw new ConflictError("This duty changed after you opened it. Reload and try again.");
    if (row.doneAt) throw new ValidationError("This duty is already marked done.");
    const evidence = await assertIncidentEvidence(tx, incident.systems.map((s) => s.systemId), input.evidenceId);
    const late = row.dueAt !== null && row.dueAt.getTime() < now.getTime();
    await tx.incidentNotification.update({ where: { id: row.id }, data: { doneAt: now, doneById: ctx.actor.id, evidenceId: input.evidenceId, note: input.note ?? row.note, rowVersion: { increment: 1 } } });
    await appendEntry(
      tx,
      ctx,
      incident.id,
      { kind: "NOTIFICATION_DONE", body: `${PARTY_LABELS[row.party]} notified${late ? " (after the deadline)" : ""}: “${evidence.title}”${input.note ? ` — ${input.note}` : ""}.`, evidenceId: input.evidenceId, data: { party: row.party, late } },
      "incident.notification_done",
      { party: row.party, dueAt: row.dueAt?.toISOString() ?? null, late },
    );
    return { late };
  });
}

/**
 * Adds a notification duty the rules did not create (e.g. "other party", or a contractual
 * duty), with hours from detection (empty = no deadline). One duty per party and incident.
 * @throws ForbiddenError, NotFoundError, ValidationError (party already listed).
 */
export async function addNotification(ctx: ServiceContext, incidentId: string, rawInput: unknown) {
  assertCan(ctx.actor, "incident:manage");
  const input = parseOrThrow(ZAddNotification, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    await lockRows(tx, "Incident", [incidentId]);
    const incident = await loadVisibleIncident(tx, ctx.actor, incidentId);
    const exists = await tx.incidentNotification.findUnique({ where: { incidentId_party: { incidentId, party: input.party } }, select: { id: true } });
    if (exists) throw new ValidationError(`${PARTY_LABELS[input.party]} is already listed.`, { party: ["Already listed."] });
    const dueAt = input.hours ? deadlineFrom(incident.detectedAt, input.hours) : null;
    const row = await tx.incidentNotification.create({ data: { incidentId, party: input.party, ruleHours: input.hours, dueAt, note: input.note } });
    await appendEntry(
      tx,
      ctx,
      incidentId,
      { kind: "NOTE", body: `Notification duty added: ${PARTY_LABELS[input.party]}${dueAt ? `, due ${dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : ", no deadline"}.` },
      "incident.notification_added",
      { party: input.party, hours: input.hours },
    );
    return { id: row.id };
  });
}
