import "server-only";
import { assertCan } from "@/lib/authz/policy";
import { lockRows } from "@/lib/db/locks";
import { ConflictError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadVisibleIncident } from "./access";
import { STATUS_LABELS } from "./catalog";
import { appendEntry } from "./entries";
import { decideIncidentTransition, STEP_TIMESTAMP, type IncidentEvent } from "./rules";
import { ZTransitionIncident } from "./schema";

/**
 * Moves an incident one step along INCIDENT_TRANSITIONS (reviewers and admins:
 * `incident:manage`). Triage makes the actor the lead when none is set. Closing needs a root cause and lessons learned (given here or already
 * stored); reopening needs a reason and clears the resolved/closed times. Each step writes a
 * timeline entry and its audit event (`incident.status_changed` or `incident.reopened`) in the
 * same transaction as the status change.
 * @param rawInput `ZTransitionIncident`: expectedVersion, comment?, rootCause?, lessonsLearned?.
 * @throws ForbiddenError, NotFoundError, ConflictError (stale version), ValidationError (refused step).
 */
export async function transitionIncident(ctx: ServiceContext, incidentId: string, event: IncidentEvent, rawInput: unknown, now: Date = new Date()) {
  assertCan(ctx.actor, "incident:manage");
  const input = parseOrThrow(ZTransitionIncident, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    await lockRows(tx, "Incident", [incidentId]);
    const incident = await loadVisibleIncident(tx, ctx.actor, incidentId);
    if (incident.rowVersion !== input.expectedVersion) {
      throw new ConflictError(`This incident changed after you opened it (it is now ${STATUS_LABELS[incident.status].toLowerCase()}). Reload and try again.`);
    }
    const rootCause = input.rootCause ?? incident.rootCause;
    const lessonsLearned = input.lessonsLearned ?? incident.lessonsLearned;
    const decision = decideIncidentTransition({ status: incident.status, event, rootCause, lessonsLearned, comment: input.comment });
    if (!decision.ok) throw new ValidationError(decision.reason, event === "close" ? { rootCause: rootCause ? [] : ["Required to close."], lessonsLearned: lessonsLearned ? [] : ["Required to close."] } : { comment: [decision.reason] });

    const stamp = event === "reopen" ? null : STEP_TIMESTAMP[event];
    await tx.incident.update({
      where: { id: incident.id },
      data: {
        status: decision.to,
        rowVersion: { increment: 1 },
        rootCause,
        lessonsLearned,
        ...(stamp && !incident[stamp] ? { [stamp]: now } : {}),
        ...(event === "reopen" ? { resolvedAt: null, closedAt: null, reopenCount: { increment: 1 } } : {}),
        // Whoever triages an incident without a lead leads it.
        ...(event === "triage" && !incident.leadId && ctx.actor.kind !== "system" ? { leadId: ctx.actor.id } : {}),
      },
    });
    const body =
      event === "reopen"
        ? `Reopened (was ${STATUS_LABELS[incident.status].toLowerCase()}): ${input.comment}`
        : `${STATUS_LABELS[incident.status]} → ${STATUS_LABELS[decision.to]}${input.comment ? `: ${input.comment}` : "."}`;
    await appendEntry(
      tx,
      ctx,
      incident.id,
      { kind: "STATUS_CHANGED", body, data: { from: incident.status, to: decision.to, event } },
      event === "reopen" ? "incident.reopened" : "incident.status_changed",
      { from: incident.status, to: decision.to, comment: input.comment, ...(event === "close" ? { rootCause: true, lessonsLearned: true } : {}) },
    );
    return { status: decision.to };
  });
}
