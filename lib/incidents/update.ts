import "server-only";
import { assertCan } from "@/lib/authz/policy";
import { lockRows } from "@/lib/db/locks";
import { ConflictError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadVisibleIncident } from "./access";
import { SEVERITY_DEFINITIONS } from "./catalog";
import { appendEntry } from "./entries";
import { assertAssets, assertLead } from "./report";
import { deadlineFrom, dutiesFor } from "./rules";
import { splitTags, ZUpdateIncident } from "./schema";
import { getNotificationRules } from "./settings";

/**
 * Updates an incident's details (reviewers and admins). A severity change adds the duties the
 * new severity calls for (parties not yet listed) and moves the deadline of open duties to
 * the rule in force; done duties never change. Writes a DETAILS_UPDATED timeline entry naming
 * the changed fields, with its audit event.
 * @param rawInput `ZUpdateIncident`.
 * @throws ForbiddenError, NotFoundError, ConflictError, ValidationError.
 */
export async function updateIncident(ctx: ServiceContext, incidentId: string, rawInput: unknown) {
  assertCan(ctx.actor, "incident:manage");
  const input = parseOrThrow(ZUpdateIncident, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    await lockRows(tx, "Incident", [incidentId]);
    const incident = await loadVisibleIncident(tx, ctx.actor, incidentId);
    if (incident.rowVersion !== input.expectedVersion) throw new ConflictError("Someone else changed this incident after you opened it. Reload to see their change; your input is kept.");
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
    if (!changed.length) return { changed };

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
      ? `Severity ${incident.severity} → ${input.severity} (${SEVERITY_DEFINITIONS[input.severity].label}). Changed: ${changed.join(", ")}.`
      : `Changed: ${changed.join(", ")}.`;
    await appendEntry(tx, ctx, incidentId, { kind: "DETAILS_UPDATED", body, data: { changed } }, "incident.updated", { changed, severity: { from: incident.severity, to: input.severity } });
    return { changed };
  });
}
