import "server-only";
import { assertCan } from "@/lib/authz/policy";
import { lockRows } from "@/lib/db/locks";
import { ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext, type Tx } from "@/lib/service-context";
import { isPausableLifecycle, transitionLifecycle } from "@/lib/systems/lifecycle";
import { parseOrThrow } from "@/lib/validation";
import { loadVisibleIncident } from "./access";
import { incidentRef } from "./catalog";
import { appendEntry } from "./entries";
import { ZPauseSystem } from "./schema";

/**
 * Pauses an affected DEPLOYED or APPROVED system from the incident (reviewers and admins; an
 * APPROVED system is paused so a SEV1 stops its first deployment too): the lifecycle change
 * (→ PAUSED, through the lifecycle module, which writes its own audit event), the SYSTEM_PAUSED
 * timeline entry (its `data.from` keeps the state paused from, which resuming returns to) and
 * its audit event commit together, so the deployment gate denies the system from that moment,
 * naming the incident.
 * @param rawInput `ZPauseSystem`: systemId, comment (the reason).
 * @throws ForbiddenError, NotFoundError, ValidationError (not affected, neither deployed nor
 *   approved, incident closed).
 */
export async function pauseSystemFromIncident(ctx: ServiceContext, incidentId: string, rawInput: unknown) {
  assertCan(ctx.actor, "incident:manage");
  const input = parseOrThrow(ZPauseSystem, rawInput, "Give the reason for pausing: it is kept in the timeline and the audit log.");
  return withTransaction(ctx, async ({ db: tx }) => {
    await lockRows(tx, "Incident", [incidentId]);
    const incident = await loadVisibleIncident(tx, ctx.actor, incidentId);
    if (!incident.systems.some((s) => s.systemId === input.systemId)) throw new ValidationError("Only an affected system can be paused from this incident.");
    if (incident.status === "CLOSED") throw new ValidationError("This incident is closed: reopen it to pause a system from it.");
    await lockRows(tx, "AiSystem", [input.systemId]);
    const system = await tx.aiSystem.findUniqueOrThrow({ where: { id: input.systemId }, select: { name: true, lifecycle: true } });
    const from = system.lifecycle;
    if (!isPausableLifecycle(from)) throw new ValidationError(`${system.name} is ${from.toLowerCase().replace("_", " ")}, neither deployed nor approved: there is nothing to pause.`);
    const ref = incidentRef(incident.number);
    await transitionLifecycle(tx, ctx.actor, input.systemId, "PAUSED", { reason: `Paused for incident ${ref}: ${input.comment}`, cause: { kind: "incident", id: incidentId }, meta: ctx.meta });
    await appendEntry(tx, { ...ctx, db: tx }, incidentId, { kind: "SYSTEM_PAUSED", body: `Paused ${system.name}: ${input.comment}`, systemId: input.systemId, data: { from } }, "incident.system_paused", { from, to: "PAUSED" });
    return { lifecycle: "PAUSED" as const };
  });
}

/**
 * The state a PAUSED system was paused from: `data.from` of its latest SYSTEM_PAUSED entry
 * (whichever incident paused it). Entries written before APPROVED systems could be paused
 * carry no `from`; they all paused a DEPLOYED system.
 */
export async function pausedFromState(tx: Tx, systemId: string): Promise<"APPROVED" | "DEPLOYED"> {
  const entry = await tx.incidentEntry.findFirst({ where: { systemId, kind: "SYSTEM_PAUSED" }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { data: true } });
  const from = (entry?.data as { from?: unknown } | null)?.from;
  return from === "APPROVED" ? "APPROVED" : "DEPLOYED";
}

/**
 * Resumes a PAUSED affected system from the incident, back to the state it was paused from
 * (PAUSED → DEPLOYED, or PAUSED → APPROVED for a system paused before its first deployment;
 * see `pausedFromState`): a reviewer or admin,
 * with a comment saying why it is safe again (also once the incident is closed: closing often
 * comes before the fix is trusted). Same single transaction as pausing.
 * @throws ForbiddenError, NotFoundError, ValidationError (not affected, not paused, no comment).
 */
export async function resumeSystemFromIncident(ctx: ServiceContext, incidentId: string, rawInput: unknown) {
  assertCan(ctx.actor, "incident:manage");
  const input = parseOrThrow(ZPauseSystem, rawInput, "A comment is required: say why the system is safe to run again.");
  return withTransaction(ctx, async ({ db: tx }) => {
    await lockRows(tx, "Incident", [incidentId]);
    const incident = await loadVisibleIncident(tx, ctx.actor, incidentId);
    if (!incident.systems.some((s) => s.systemId === input.systemId)) throw new ValidationError("Only an affected system can be resumed from this incident.");
    await lockRows(tx, "AiSystem", [input.systemId]);
    const system = await tx.aiSystem.findUniqueOrThrow({ where: { id: input.systemId }, select: { name: true, lifecycle: true } });
    if (system.lifecycle !== "PAUSED") throw new ValidationError(`${system.name} is not paused.`);
    const ref = incidentRef(incident.number);
    const to = await pausedFromState(tx, input.systemId);
    await transitionLifecycle(tx, ctx.actor, input.systemId, to, { reason: `Resumed after incident ${ref}: ${input.comment}`, cause: { kind: "incident", id: incidentId }, meta: ctx.meta });
    await appendEntry(tx, { ...ctx, db: tx }, incidentId, { kind: "SYSTEM_RESUMED", body: `Resumed ${system.name}: ${input.comment}`, systemId: input.systemId }, "incident.system_resumed", { from: "PAUSED", to });
    return { lifecycle: to };
  });
}
