import "server-only";
import { assertCan } from "@/lib/authz/policy";
import { lockRows } from "@/lib/db/locks";
import { ConflictError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadVisibleIncident } from "./access";
import { SEVERITIES, SEVERITY_DEFINITIONS } from "./catalog";
import { appendEntry } from "./entries";
import { afterIncidentEscalated } from "./escalation-hook";
import { assertAssets, assertLead } from "./report";
import { deadlineFrom, dutiesFor } from "./rules";
import { splitTags, ZUpdateIncident } from "./schema";
import { getNotificationRules } from "./settings";

/** True when `to` is more severe than `from` (SEV1 is the most severe). */
export function isEscalation(from: string, to: string): boolean {
  return SEVERITIES.indexOf(to as (typeof SEVERITIES)[number]) < SEVERITIES.indexOf(from as (typeof SEVERITIES)[number]);
}

/**
 * Updates an incident's details: title, category, severity, lead, description, impact, tags and
 * affected assets (reviewers and admins: `incident:manage`). Optimistic concurrency: the
 * caller's `expectedVersion` must be the incident's `rowVersion`, else ConflictError (two tabs
 * cannot overwrite each other). A closed incident is refused (reopen it first).
 *
 * A severity change adds the duties the new severity calls for (parties not yet listed, rules
 * of lib/incidents/settings.ts) and moves the deadline of open duties to the rule in force;
 * done duties never change. Writes one DETAILS_UPDATED timeline entry naming the changed
 * fields with its audit event in the same transaction: `incident.escalated` when the severity
 * is raised (then `afterIncidentEscalated`, the notification hook point, runs too), else
 * `incident.updated`.
 * @param rawInput `ZUpdateIncident`.
 * @returns `{ changed, escalated }`: the changed field names ([] when nothing changed: nothing is written).
 * @throws ForbiddenError, NotFoundError, ConflictError, ValidationError.
 */
export async function updateIncident(ctx: ServiceContext, incidentId: string, rawInput: unknown) {
  assertCan(ctx.actor, "incident:manage");
  const input = parseOrThrow(ZUpdateIncident, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    await lockRows(tx, "Incident", [incidentId]);
    const incident = await loadVisibleIncident(tx, ctx.actor, incidentId);
    if (incident.rowVersion !== input.expectedVersion) throw new ConflictError("Someone else changed this incident after you opened it. Reload to see their change; your input is kept.");
    if (incident.status === "CLOSED") throw new ValidationError("A closed incident cannot be edited. Reopen it first.");
    const systemIds = incident.systems.map((s) => s.systemId);
    await assertAssets(tx, systemIds, input.assetIds);
    if (input.leadId && input.leadId !== incident.leadId) await assertLead(tx, input.leadId);
    const tags = splitTags(input.tags);
    const before = await tx.incidentAsset.findMany({ where: { incidentId }, select: { assetId: true } });
    const changed = [
      input.title !== incident.title && "title",
      input.category !== incident.category && "category",
      input.severity !== incident.severity && "severity",
      input.leadId !== incident.leadId && "lead",
      input.description !== incident.description && "description",
      input.impact !== incident.impact && "impact",
      [...tags.atlas, ...tags.owaspLlm, ...tags.owaspAgentic].sort().join() !== [...incident.atlas, ...incident.owaspLlm, ...incident.owaspAgentic].sort().join() && "tags",
      before.map((a) => a.assetId).sort().join() !== [...input.assetIds].sort().join() && "assets",
    ].filter((x): x is string => Boolean(x));
    const escalated = isEscalation(incident.severity, input.severity);
    if (!changed.length) return { changed, escalated: false };

    await tx.incident.update({
      where: { id: incidentId },
      data: { title: input.title, category: input.category, severity: input.severity, leadId: input.leadId, description: input.description, impact: input.impact, ...tags, rowVersion: { increment: 1 } },
    });
    if (changed.includes("assets")) {
      await tx.incidentAsset.deleteMany({ where: { incidentId } });
      if (input.assetIds.length) await tx.incidentAsset.createMany({ data: input.assetIds.map((assetId) => ({ incidentId, assetId })) });
    }
    if (changed.includes("severity")) {
      const { rules } = await getNotificationRules(tx);
      const existing = await tx.incidentNotification.findMany({ where: { incidentId } });
      for (const duty of dutiesFor(rules, input.severity)) {
        const have = existing.find((e) => e.party === duty.party);
        if (!have) {
          await tx.incidentNotification.create({ data: { incidentId, party: duty.party, ruleHours: duty.hours, dueAt: deadlineFrom(incident.detectedAt, duty.hours) } });
        } else if (!have.doneAt && have.ruleHours !== null) {
          await tx.incidentNotification.update({ where: { id: have.id }, data: { ruleHours: duty.hours, dueAt: deadlineFrom(incident.detectedAt, duty.hours), rowVersion: { increment: 1 } } });
        }
      }
    }
    const body = changed.includes("severity")
      ? `${escalated ? "Escalated" : "De-escalated"}: severity ${incident.severity} → ${input.severity} (${SEVERITY_DEFINITIONS[input.severity].label}). Changed: ${changed.join(", ")}.`
      : `Changed: ${changed.join(", ")}.`;
    await appendEntry(
      tx,
      ctx,
      incidentId,
      { kind: "DETAILS_UPDATED", body, data: { changed, ...(changed.includes("severity") ? { from: incident.severity, to: input.severity, escalated } : {}) } },
      escalated ? "incident.escalated" : "incident.updated",
      { changed, severity: { from: incident.severity, to: input.severity } },
    );
    if (escalated) {
      await afterIncidentEscalated(tx, {
        incidentId,
        number: incident.number,
        title: input.title,
        from: incident.severity,
        to: input.severity,
        systemIds,
        actorId: ctx.actor.kind === "system" ? null : ctx.actor.id,
        leadId: input.leadId,
      });
    }
    return { changed, escalated };
  });
}
