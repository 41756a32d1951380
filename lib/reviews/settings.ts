import "server-only";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { zInt } from "@/lib/validation/fields";
import { settingVersion, writeSetting, zSettingVersion } from "@/lib/instance-settings";
import { DEFAULT_REVIEW_INTERVALS, type ReviewIntervals } from "./rules";

const KEY = "review.intervals";
const days = (label: string) => zInt({ label, min: 7, max: 1095 });

export const ZReviewIntervals = z.object({
  CRITICAL: days("Critical interval"),
  HIGH: days("High interval"),
  MEDIUM: days("Medium interval"),
  LOW: days("Low interval"),
});

const ZSetReviewIntervals = ZReviewIntervals.extend({ settingVersion: zSettingVersion });

/** The version the intervals form must send back (see lib/instance-settings.ts). */
export function reviewIntervalsVersion(db: DbOrTx): Promise<string> {
  return settingVersion(db, KEY);
}

/** The admin's review intervals in days per tier, or the defaults (90/180/365/365). */
export async function getReviewIntervals(db: DbOrTx): Promise<ReviewIntervals> {
  const row = await db.instanceSetting.findUnique({ where: { key: KEY } });
  const parsed = ZReviewIntervals.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_REVIEW_INTERVALS;
}

/**
 * Sets the review intervals (7 to 1095 days each). Applies to reviews recorded and changes made
 * from now on; dates already set do not move. `raw.settingVersion` is the version the form was
 * opened at (`reviewIntervalsVersion`). @throws ForbiddenError without settings:manage;
 * ValidationError naming the bad field; ConflictError when another admin saved in between.
 */
export async function setReviewIntervals(ctx: ServiceContext, raw: unknown) {
  assertCan(ctx.actor, "settings:manage");
  const { settingVersion: expected, ...input } = parseOrThrow(ZSetReviewIntervals, raw);
  return withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const before = await getReviewIntervals(tx);
    await writeSetting(tx, KEY, input, expected, "The review intervals");
    await appendAudit(tx, actor, { action: "settings.updated", entityType: "InstanceSetting", entityId: KEY, summary: { from: before, to: input } }, meta);
    return input;
  });
}
