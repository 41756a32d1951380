import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ConflictError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadEditableModel } from "./access";
import { ZUpdateModelInput } from "./schema";

/**
 * Saves a draft's scope and assumptions (one assumption per entry).
 * @param rawInput `ZUpdateModelInput`: scope, assumptions, expectedVersion (the model's row version).
 * @throws ValidationError, ConflictError (someone saved the model after you opened it), ForbiddenError, NotFoundError.
 */
export async function updateThreatModel(ctx: ServiceContext, modelId: string, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "threat:edit");
  const input = parseOrThrow(ZUpdateModelInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    const { model } = await loadEditableModel(tx, actor, modelId);
    const { count } = await tx.threatModel.updateMany({
      where: { id: modelId, rowVersion: input.expectedVersion },
      data: { scope: input.scope, assumptions: input.assumptions, rowVersion: { increment: 1 } },
    });
    if (count === 0) {
      throw new ConflictError("Someone else changed the scope or assumptions after you opened them. Nothing was saved: review the current text and apply your change again.", {
        scope: model.scope,
        assumptions: model.assumptions,
        rowVersion: model.rowVersion,
      });
    }
    await appendAudit(
      tx,
      actor,
      {
        action: "threat_model.updated",
        entityType: "ThreatModel",
        entityId: modelId,
        summary: { systemId: model.systemId, version: model.version, scopeChanged: model.scope !== input.scope, assumptions: input.assumptions.length },
      },
      meta,
    );
    return { rowVersion: model.rowVersion + 1 };
  });
}
