import "server-only";
import type { IncidentSeverity } from "@/generated/prisma/enums";
import { notify } from "@/lib/notifications/notify";
import type { Tx } from "@/lib/service-context";
import { incidentRef } from "./catalog";

/** What an escalation hands to whoever wants to hear about it (see `afterIncidentEscalated`). */
export type IncidentEscalation = {
  incidentId: string;
  /** INC-nnnn number. */
  number: number;
  title: string;
  from: IncidentSeverity;
  to: IncidentSeverity;
  /** Every affected system (not only those the actor sees). */
  systemIds: string[];
  /** The person who raised the severity (null for a job). */
  actorId: string | null;
  leadId: string | null;
};

/**
 * Escalation notices. `updateIncident` calls it inside its transaction, after the severity,
 * duties, timeline entry and `incident.escalated` audit event are written, whenever the
 * severity is raised (e.g. SEV3 → SEV1): reviewers, admins, each affected system's team and the
 * lead are notified (`incident.escalated`, one `notify` per affected system; the fan-out rules
 * of lib/notifications/rules.ts de-duplicate per incident and severity). Throwing here rolls
 * the escalation back.
 */
export async function afterIncidentEscalated(tx: Tx, escalation: IncidentEscalation): Promise<void> {
  for (const systemId of escalation.systemIds) {
    await notify(tx, {
      kind: "incident.escalated",
      actorId: escalation.actorId,
      systemId,
      incidentId: escalation.incidentId,
      href: `/incidents/${escalation.incidentId}`,
      severity: escalation.to,
      from: escalation.from,
      title: `${incidentRef(escalation.number)} ${escalation.title}`.slice(0, 300),
      leadId: escalation.leadId,
    });
  }
}
