import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import type { Prisma } from "@/generated/prisma/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { assertSystemAssets, loadEditableModel } from "./access";
import { ZDataFlowInput, ZDeleteInput, ZUpdateDataFlowInput } from "./schema";

/** Most data flows one version holds (the diagram stays readable well below this). */
export const MAX_FLOWS = 200;

/**
 * Adds a data flow (source → target carrying data, crossing a trust boundary or not, with
 * the inventory assets involved) to a draft.
 * @throws ValidationError (bad input, assets of another system, too many flows), ForbiddenError, NotFoundError.
 */
export async function addDataFlow(ctx: ServiceContext, modelId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "threat:edit");
  const input = parseOrThrow(ZDataFlowInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    const { model } = await loadEditableModel(tx, actor, modelId);
    await assertSystemAssets(tx, model.systemId, input.assetIds);
    const count = await tx.dataFlow.count({ where: { threatModelId: modelId } });
    if (count >= MAX_FLOWS) throw new ValidationError(`A threat model holds at most ${MAX_FLOWS} data flows.`);
    const flow = await tx.dataFlow.create({ data: { ...input, threatModelId: modelId, position: count } });
    await appendAudit(
      tx,
      actor,
      { action: "threat_model.flow_added", entityType: "ThreatModel", entityId: modelId, summary: { systemId: model.systemId, flowId: flow.id, source: flow.source, target: flow.target, crossesTrustBoundary: flow.crossesTrustBoundary } },
      meta,
    );
    return { id: flow.id };
  });
}

/**
 * Changes a data flow of a draft; `expectedVersion` is the flow's row version.
 * @throws ValidationError, ConflictError (changed by someone else meanwhile), ForbiddenError, NotFoundError.
 */
export async function updateDataFlow(ctx: ServiceContext, flowId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "threat:edit");
  const input = parseOrThrow(ZUpdateDataFlowInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    const flow = await findFlow(tx, flowId);
    const { model } = await loadEditableModel(tx, actor, flow.threatModelId);
    await assertSystemAssets(tx, model.systemId, input.assetIds);
    const { expectedVersion, ...data } = input;
    const { count } = await tx.dataFlow.updateMany({ where: { id: flowId, rowVersion: expectedVersion }, data: { ...data, rowVersion: { increment: 1 } } });
    if (count === 0) throw new ConflictError("Someone else changed this data flow after you opened it. Nothing was saved: review it and apply your change again.", flow);
    await appendAudit(
      tx,
      actor,
      { action: "threat_model.flow_updated", entityType: "ThreatModel", entityId: model.id, summary: { systemId: model.systemId, flowId, source: data.source, target: data.target, crossesTrustBoundary: data.crossesTrustBoundary } },
      meta,
    );
  });
}

/** Removes a data flow from a draft. @throws ConflictError, ForbiddenError, NotFoundError, ValidationError. */
export async function deleteDataFlow(ctx: ServiceContext, flowId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "threat:edit");
  const input = parseOrThrow(ZDeleteInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    const flow = await findFlow(tx, flowId);
    const { model } = await loadEditableModel(tx, actor, flow.threatModelId);
    const { count } = await tx.dataFlow.deleteMany({ where: { id: flowId, rowVersion: input.expectedVersion } });
    if (count === 0) throw new ConflictError("Someone else changed this data flow after you opened it: review it before deleting.", flow);
    await appendAudit(
      tx,
      actor,
      { action: "threat_model.flow_deleted", entityType: "ThreatModel", entityId: model.id, summary: { systemId: model.systemId, flowId, source: flow.source, target: flow.target } },
      meta,
    );
  });
}

async function findFlow(tx: Prisma.TransactionClient, flowId: string) {
  const flow = await tx.dataFlow.findUnique({ where: { id: flowId } });
  if (!flow) throw new NotFoundError("Data flow not found.");
  return flow;
}
