import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ConflictError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { assertSystemAssets, loadEditableThreat } from "./access";
import { checklistControlCodes } from "./add-threats";
import { isoDay, refuseAcceptance, refuseResidual } from "./rules";
import { ZDeleteInput, ZUpdateThreatInput } from "./schema";

const CONFLICT = "Someone else changed this threat after you opened it. Nothing was saved: review its current state and apply your change again.";

/**
 * Saves one threat of a draft: description, affected assets, inherent and residual scores,
 * linked mitigating controls (by checklist control code) and free-text notes, and treatment.
 * With treatment ACCEPT and a rationale and expiry, the acting reviewer accepts the residual
 * risk (never the system's owner; see refuseAcceptance); another treatment drops any acceptance.
 *
 * @param rawInput `ZUpdateThreatInput`, with `expectedVersion` = the threat's row version.
 * @throws ValidationError (field errors), ConflictError (stale version; carries the current
 *   threat), ForbiddenError, NotFoundError.
 */
export async function updateThreat(ctx: ServiceContext, threatId: string, rawInput: unknown, today: string = isoDay()) {
  const { actor, meta } = ctx;
  assertCan(actor, "threat:edit");
  const input = parseOrThrow(ZUpdateThreatInput, rawInput);
  const residualProblem = refuseResidual(input.likelihood, input.impact, input.residualLikelihood, input.residualImpact);
  if (residualProblem) throw new ValidationError(residualProblem, { residualLikelihood: [residualProblem] });

  return withTransaction(ctx, async ({ db: tx }) => {
    const { model, system, threat } = await loadEditableThreat(tx, actor, threatId);
    if (threat.rowVersion !== input.expectedVersion) throw new ConflictError(CONFLICT, { ...threat, mitigations: threat.mitigations.map((m) => m.controlCode) });
    await assertSystemAssets(tx, model.systemId, input.assetIds);
    const known = await checklistControlCodes(tx, model.systemId, false);
    const unknown = input.controlCodes.filter((c) => !known.has(c));
    if (unknown.length) throw new ValidationError(`Not on this system's checklist: ${unknown.join(", ")}.`, { controlCodes: [`Choose controls from this system's checklist.`] });

    // Acceptance: a new or renewed one when the reviewer gives a rationale or an expiry.
    let accepted: { rationale: string; expiresOn: string } | null = null;
    if (input.treatment === "ACCEPT" && (input.acceptanceRationale || input.acceptanceExpiresOn)) {
      const refusal = refuseAcceptance({
        actor,
        systemOwnerId: system.ownerId,
        rationale: input.acceptanceRationale ?? "",
        expiresOn: input.acceptanceExpiresOn ?? "",
        today,
      });
      const field = refusal?.field === "acceptedBy" ? "treatment" : refusal?.field === "rationale" ? "acceptanceRationale" : "acceptanceExpiresOn";
      if (refusal) throw new ValidationError(refusal.message, { [field]: [refusal.message] });
      accepted = { rationale: input.acceptanceRationale!, expiresOn: input.acceptanceExpiresOn! };
    }

    const { expectedVersion, controlCodes, acceptanceRationale: _r, acceptanceExpiresOn: _e, ...fields } = input;
    const { count } = await tx.threat.updateMany({ where: { id: threatId, rowVersion: expectedVersion }, data: { ...fields, rowVersion: { increment: 1 } } });
    if (count === 0) throw new ConflictError(CONFLICT);

    const before = new Set(threat.mitigations.map((m) => m.controlCode));
    const after = new Set(controlCodes);
    const removed = [...before].filter((c) => !after.has(c));
    const addedControls = [...after].filter((c) => !before.has(c));
    if (removed.length) await tx.threatMitigation.deleteMany({ where: { threatId, controlCode: { in: removed } } });
    if (addedControls.length) await tx.threatMitigation.createMany({ data: addedControls.map((controlCode) => ({ threatId, controlCode, linkedById: actor.id })) });

    if (input.treatment !== "ACCEPT" && threat.acceptance) await tx.riskAcceptance.delete({ where: { threatId } });
    if (accepted) {
      const data = { acceptedById: actor.id, rationale: accepted.rationale, expiresOn: new Date(`${accepted.expiresOn}T00:00:00Z`), acceptedAt: new Date() };
      await tx.riskAcceptance.upsert({ where: { threatId }, create: { threatId, ...data }, update: data });
    }

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ["title", "stride", "likelihood", "impact", "residualLikelihood", "residualImpact", "treatment"] as const) {
      if (threat[key] !== fields[key]) changes[key] = { from: threat[key], to: fields[key] };
    }
    if (threat.description !== fields.description) changes.description = { from: "(previous)", to: fields.description.slice(0, 200) };
    if (threat.mitigationNotes !== fields.mitigationNotes) changes.mitigationNotes = { from: threat.mitigationNotes ? "(previous)" : null, to: fields.mitigationNotes?.slice(0, 200) ?? null };
    if (threat.assetIds.join() !== fields.assetIds.join()) changes.assetIds = { from: threat.assetIds, to: fields.assetIds };
    if (removed.length || addedControls.length) changes.controls = { from: [...before], to: [...after] };
    await appendAudit(
      tx,
      actor,
      { action: "threat.updated", entityType: "Threat", entityId: threatId, summary: { systemId: model.systemId, threatModelId: model.id, version: model.version, changes } },
      meta,
    );
    if (accepted) {
      await appendAudit(
        tx,
        actor,
        {
          action: "threat.risk_accepted",
          entityType: "Threat",
          entityId: threatId,
          summary: { systemId: model.systemId, threatModelId: model.id, title: fields.title, expiresOn: accepted.expiresOn, rationale: accepted.rationale.slice(0, 300) },
        },
        meta,
      );
    }
    return { rowVersion: threat.rowVersion + 1 };
  });
}

/** Removes a threat from a draft. @throws ConflictError (stale version), ForbiddenError, NotFoundError, ValidationError. */
export async function removeThreat(ctx: ServiceContext, threatId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "threat:edit");
  const input = parseOrThrow(ZDeleteInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    const { model, threat } = await loadEditableThreat(tx, actor, threatId);
    const { count } = await tx.threat.deleteMany({ where: { id: threatId, rowVersion: input.expectedVersion } });
    if (count === 0) throw new ConflictError(CONFLICT);
    await appendAudit(
      tx,
      actor,
      { action: "threat.removed", entityType: "Threat", entityId: threatId, summary: { systemId: model.systemId, threatModelId: model.id, version: model.version, title: threat.title, libraryRef: threat.libraryRef } },
      meta,
    );
  });
}
