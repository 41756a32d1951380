import "server-only";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { getResidualThreshold, RESIDUAL_THRESHOLD_KEY, ZResidualThreshold } from "./settings";

const ZInput = z.object({ threshold: ZResidualThreshold });

/**
 * Sets the residual-risk threshold (admins only): threats whose residual score (inherent until
 * a residual is set) is above it need a valid treatment before a version can be reviewed.
 * @throws ValidationError (not a whole number 1-24), ForbiddenError.
 */
export async function setResidualThreshold(ctx: ServiceContext, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "settings:manage");
  const { threshold } = parseOrThrow(ZInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    const before = await getResidualThreshold(tx);
    await tx.instanceSetting.upsert({ where: { key: RESIDUAL_THRESHOLD_KEY }, create: { key: RESIDUAL_THRESHOLD_KEY, value: { threshold } }, update: { value: { threshold } } });
    await appendAudit(tx, actor, { action: "settings.updated", entityType: "InstanceSetting", entityId: RESIDUAL_THRESHOLD_KEY, summary: { from: before, to: threshold } }, meta);
    return { threshold };
  });
}
