import "server-only";
import type { IncidentSeverity } from "@/generated/prisma/enums";
import type { Tx } from "@/lib/service-context";

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
 * HOOK POINT for escalation notices. `updateIncident` calls it inside its transaction, after the
 * severity, duties, timeline entry and `incident.escalated` audit event are written, whenever
 * the severity is raised (e.g. SEV3 → SEV1). It deliberately sends nothing yet: the
 * notifications work (lib/notifications, event kind `incident.escalated`) replaces the body
 * with one `notify(tx, …)` per affected system. Throwing here rolls the escalation back.
 */
export async function afterIncidentEscalated(_tx: Tx, _escalation: IncidentEscalation): Promise<void> {
  // Intentionally empty: see the docstring.
}
