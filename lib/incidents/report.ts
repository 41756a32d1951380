import "server-only";
import { assertCan } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext, type Tx } from "@/lib/service-context";
import { notify } from "@/lib/notifications/notify";
import { loadSystemFacts } from "@/lib/systems/access";
import { parseOrThrow } from "@/lib/validation";
import { CATEGORY_LABELS, incidentRef, SEVERITY_DEFINITIONS } from "./catalog";
import { appendEntry } from "./entries";
import { deadlineFrom, dutiesFor } from "./rules";
import { splitTags, ZReportIncident } from "./schema";
import { getNotificationRules } from "./settings";

/**
 * Checks that the lead is an active security reviewer or admin.
 * @throws ValidationError on `leadId`.
 */
export async function assertLead(tx: Tx, leadId: string) {
  const lead = await tx.user.findUnique({ where: { id: leadId }, select: { role: true, disabled: true } });
  if (!lead || lead.disabled || (lead.role !== "SECURITY_REVIEWER" && lead.role !== "ADMIN")) {
    throw new ValidationError("The incident lead must be an active security reviewer or admin.", { leadId: ["Choose a security reviewer or admin."] });
  }
}

/**
 * Checks that every asset belongs to one of the affected systems.
 * @throws ValidationError on `assetIds`.
 */
export async function assertAssets(tx: Tx, systemIds: readonly string[], assetIds: readonly string[]) {
  if (!assetIds.length) return;
  const found = await tx.asset.count({ where: { id: { in: [...assetIds] }, systemId: { in: [...systemIds] } } });
  if (found !== assetIds.length) throw new ValidationError("Choose assets of the affected systems only.", { assetIds: ["Choose assets of the affected systems only."] });
}

/**
 * Reports an incident. Anyone who may report incidents (`incident:report`) and can see every
 * named system may do so; archived systems are refused. Creates the incident (status OPEN),
 * its notification duties from the rules in force (deadline = detection time + hours), the
 * first timeline entry and the `incident.reported` audit event, in one transaction.
 * @param rawInput `ZReportIncident` (title, category, severity, systemIds, assetIds, detectedAt
 *   as `YYYY-MM-DDTHH:mm` UTC or ISO, leadId?, description, impact, tags).
 * @returns `{ id, number }`.
 * @throws ForbiddenError, NotFoundError (a system not visible), ValidationError.
 */
export async function reportIncident(ctx: ServiceContext, rawInput: unknown) {
  assertCan(ctx.actor, "incident:report");
  const input = parseOrThrow(ZReportIncident, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    for (const systemId of input.systemIds) {
      const facts = await loadSystemFacts(tx, ctx.actor, systemId).catch(() => {
        throw new ValidationError("Choose systems you have access to.", { systemIds: ["One of the chosen systems was not found."] });
      });
      if (facts.archivedAt) throw new ValidationError("An archived system cannot be named in a new incident.", { systemIds: ["Restore the archived system first."] });
    }
    await assertAssets(tx, input.systemIds, input.assetIds);
    if (input.leadId) await assertLead(tx, input.leadId);
    const reporterId = ctx.actor.kind === "system" ? null : ctx.actor.id;
    if (!reporterId) throw new ValidationError("Incidents are reported by people.");

    const incident = await tx.incident.create({
      data: {
        title: input.title,
        category: input.category,
        severity: input.severity,
        detectedAt: input.detectedAt,
        reporterId,
        leadId: input.leadId,
        description: input.description,
        impact: input.impact,
        ...splitTags(input.tags),
        systems: { create: input.systemIds.map((systemId) => ({ systemId })) },
        assets: { create: input.assetIds.map((assetId) => ({ assetId })) },
      },
      select: { id: true, number: true },
    });
    const { rules } = await getNotificationRules(tx);
    const duties = dutiesFor(rules, input.severity);
    if (duties.length) {
      await tx.incidentNotification.createMany({
        data: duties.map((d) => ({ incidentId: incident.id, party: d.party, ruleHours: d.hours, dueAt: deadlineFrom(input.detectedAt, d.hours) })),
      });
    }
    await appendEntry(
      tx,
      ctx,
      incident.id,
      {
        kind: "REPORTED",
        body: `${incidentRef(incident.number)} reported as ${SEVERITY_DEFINITIONS[input.severity].label} (${CATEGORY_LABELS[input.category]}).`,
        data: { systems: input.systemIds, assets: input.assetIds.length, duties: duties.map((d) => d.party) },
      },
      "incident.reported",
      { number: incident.number, title: input.title, severity: input.severity, category: input.category, systemIds: input.systemIds, detectedAt: input.detectedAt.toISOString() },
    );
    // Reviewers and each affected system's team hear of it in the same transaction (a reviewer
    // is told once per incident: the notice's de-duplication key is the incident).
    for (const systemId of input.systemIds) {
      await notify(tx, { kind: "incident.reported", actorId: reporterId, systemId, incidentId: incident.id, href: `/incidents/${incident.id}`, severity: input.severity, title: `${incidentRef(incident.number)} ${input.title}` });
    }
    return incident;
  });
}
