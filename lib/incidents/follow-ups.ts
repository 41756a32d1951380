import "server-only";
import { assertCan } from "@/lib/authz/policy";
import { lockRows } from "@/lib/db/locks";
import { updateChecklistItem } from "@/lib/checklists/update-item";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { addCustomThreat } from "@/lib/threats/add-threats";
import { startThreatModelDraft } from "@/lib/threats/start-draft";
import { parseOrThrow } from "@/lib/validation";
import { loadVisibleIncident } from "./access";
import { incidentRef } from "./catalog";
import { appendEntry } from "./entries";
import { ZFollowUp } from "./schema";

/** Impact score (1-5) a follow-up threat starts with, from the incident's severity; likelihood is 4 (it happened). */
const IMPACT_BY_SEVERITY = { SEV1: 5, SEV2: 4, SEV3: 3, SEV4: 2 } as const;

/**
 * Opens a follow-up from the incident's lessons learned on one affected system (reviewers and
 * admins), linked back to the incident:
 * - `CHECKLIST_ITEM`: the system's checklist item for `controlCode` goes back to IN_PROGRESS
 *   (from MET, NOT_APPLICABLE or NOT_STARTED; NOT_MET stays) with a note naming the incident,
 *   through the checklist's own service (its rules and audit event apply);
 * - `THREAT`: a custom threat in the system's draft threat model (a draft is started from the
 *   reviewed version when none is open), through the threat-model services.
 * Records the IncidentFollowUp, a FOLLOW_UP_OPENED timeline entry and its audit event in the
 * same transaction.
 * @param rawInput `ZFollowUp`: systemId, kind, controlCode (checklist), title, detail.
 * @throws ForbiddenError, NotFoundError, ValidationError (system not affected, unknown control,
 *   a threat-model version in review).
 */
export async function openFollowUp(ctx: ServiceContext, incidentId: string, rawInput: unknown) {
  assertCan(ctx.actor, "incident:manage");
  const input = parseOrThrow(ZFollowUp, rawInput);
  return withTransaction(
    ctx,
    async (tx) => {
      await lockRows(tx.db, "Incident", [incidentId]);
      const incident = await loadVisibleIncident(tx.db, ctx.actor, incidentId);
      if (!incident.systems.some((s) => s.systemId === input.systemId)) throw new ValidationError("Choose one of the affected systems.", { systemId: ["Choose one of the affected systems."] });
      const ref = incidentRef(incident.number);
      const note = `Follow-up from ${ref}: ${input.title} — ${input.detail}`;
      let checklistItemId: string | null = null;
      let threatId: string | null = null;
      let where = "";
      if (input.kind === "CHECKLIST_ITEM") {
        if (!input.controlCode) throw new ValidationError("Choose the checklist control.", { controlCode: ["Choose the checklist control."] });
        const item = await tx.db.checklistItem.findFirst({
          where: { checklist: { systemId: input.systemId }, control: { code: input.controlCode } },
          select: { id: true, status: true, notes: true, rowVersion: true },
        });
        if (!item) throw new ValidationError(`Control ${input.controlCode} is not on this system's checklist.`, { controlCode: ["Not on this system's checklist."] });
        const reopen = item.status === "MET" || item.status === "NOT_APPLICABLE" || item.status === "NOT_STARTED";
        await updateChecklistItem(tx, item.id, {
          expectedVersion: item.rowVersion,
          ...(reopen ? { status: "IN_PROGRESS" } : {}),
          notes: (item.notes ? `${item.notes}\n\n${note}` : note).slice(0, 4000),
        });
        checklistItemId = item.id;
        where = `checklist control ${input.controlCode}`;
      } else {
        const open = await tx.db.threatModel.findFirst({ where: { systemId: input.systemId, status: { in: ["DRAFT", "IN_REVIEW"] } }, select: { id: true, status: true, version: true } });
        if (open?.status === "IN_REVIEW") throw new ValidationError(`Threat model version ${open.version} is in review: return it to draft first, then add the follow-up.`, { kind: ["The threat model is in review."] });
        const modelId = open?.id ?? (await startThreatModelDraft(tx, input.systemId)).id;
        const threat = await addCustomThreat(tx, modelId, {
          title: input.title,
          description: `${input.detail}\n\nFollow-up from ${ref}.`.slice(0, 4000),
          likelihood: 4,
          impact: IMPACT_BY_SEVERITY[incident.severity],
          assetIds: [],
        });
        threatId = threat.id;
        where = "threat model (draft)";
      }
      const system = await tx.db.aiSystem.findUnique({ where: { id: input.systemId }, select: { name: true } });
      if (!system) throw new NotFoundError("System not found.");
      const followUp = await tx.db.incidentFollowUp.create({
        data: { incidentId, systemId: input.systemId, kind: input.kind, checklistItemId, threatId, title: input.title, createdById: ctx.actor.id },
        select: { id: true },
      });
      await appendEntry(
        tx.db,
        ctx,
        incidentId,
        { kind: "FOLLOW_UP_OPENED", body: `Follow-up opened on ${system.name}, ${where}: ${input.title}`, systemId: input.systemId, data: { followUpId: followUp.id, checklistItemId, threatId } },
        "incident.follow_up_opened",
        { followUpId: followUp.id, kind: input.kind, controlCode: input.controlCode, checklistItemId, threatId },
      );
      return { id: followUp.id, checklistItemId, threatId };
    },
    { timeoutMs: 60_000 },
  );
}

/**
 * Incident follow-ups opened on a system's checklist (for the checklist page), newest first.
 * @throws ForbiddenError, NotFoundError (system not visible).
 */
export async function followUpsForChecklist(ctx: ServiceContext, systemId: string) {
  assertCan(ctx.actor, "checklist:read");
  await loadSystemFacts(ctx.db, ctx.actor, systemId);
  const rows = await ctx.db.incidentFollowUp.findMany({
    where: { systemId, kind: "CHECKLIST_ITEM" },
    select: { id: true, title: true, checklistItemId: true, createdAt: true, incident: { select: { id: true, number: true, status: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({ id: r.id, title: r.title, checklistItemId: r.checklistItemId, createdAt: r.createdAt.toISOString(), incident: { id: r.incident.id, ref: incidentRef(r.incident.number), status: r.incident.status } }));
}
