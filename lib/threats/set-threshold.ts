import "server-only";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { settingVersion, writeSetting, zSettingVersion } from "@/lib/instance-settings";
import { withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { getResidualThreshold, RESIDUAL_THRESHOLD_KEY, ZResidualThreshold } from "./settings";

const ZInput = z.object({ threshold: ZResidualThreshold, settingVersion: zSettingVersion });

/** The version the threshold form must send back (see lib/instance-settings.ts). */
export function residualThresholdVersion(db: DbOrTx): Promise<string> {
  return settingVersion(db, RESIDUAL_THRESHOLD_KEY);
}

/**
 * Sets the residual-risk threshold (admins only): threats whose residual score (inherent until
 * a residual is set) is above it need a valid treatment before a version can be reviewed.
 * `rawInput.settingVersion` is the version the form was opened at (`residualThresholdVersion`).
 * @throws ValidationError (not a whole number 1-24), ForbiddenError, ConflictError when another
 *   admin saved in between.
 */
export async function setResidualThreshold(ctx: ServiceContext, rawInput: unknown) {
  const { actor, meta } = ctx;
  assertCan(actor, "settings:manage");
  const { threshold, settingVersion: expected } = parseOrThrow(ZInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    const before = await getResidualThreshold(tx);
    await writeSetting(tx, RESIDUAL_THRESHOLD_KEY, { threshold }, expected, "The residual-risk threshold");
    await appendAudit(tx, actor, { action: "settings.updated", entityType: "InstanceSetting", entityId: RESIDUAL_THRESHOLD_KEY, summary: { from: before, to: threshold } }, meta);
    return { threshold };
  });
}
