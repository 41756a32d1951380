import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { DEFAULT_NOTIFICATION_RULES, normaliseRules, type NotificationRules } from "./rules";
import { ZNotificationRules } from "./schema";
import { settingVersion, writeSetting, zSettingVersion } from "@/lib/instance-settings";

/** InstanceSetting key of the admin-configured notification rules (hours per severity and party). */
export const NOTIFICATION_RULES_KEY = "incidents.notificationRules";

/**
 * The notification rules in force: the stored ones, or DEFAULT_NOTIFICATION_RULES until an
 * admin saves their own. `customised` tells the UI whether to warn that defaults are in use.
 */
export async function getNotificationRules(db: DbOrTx): Promise<{ rules: NotificationRules; customised: boolean }> {
  const row = await db.instanceSetting.findUnique({ where: { key: NOTIFICATION_RULES_KEY }, select: { value: true } });
  if (!row) return { rules: DEFAULT_NOTIFICATION_RULES, customised: false };
  return { rules: normaliseRules(row.value), customised: true };
}

/** The version the rules form must send back (see lib/instance-settings.ts). */
export function notificationRulesVersion(db: DbOrTx): Promise<string> {
  return settingVersion(db, NOTIFICATION_RULES_KEY);
}

/**
 * Saves the organisation's notification rules (admins: `settings:manage`). Applies to duties
 * created from now on; existing duties keep their deadlines.
 * @param rawInput `{ SEV1: { REGULATOR: "72" | "" , ... }, ... }` (hours; empty = no duty).
 * @param version the version the form was opened at (`notificationRulesVersion`).
 * @throws ForbiddenError, ValidationError, ConflictError when another admin saved in between.
 */
export async function setNotificationRules(ctx: ServiceContext, rawInput: unknown, version: unknown) {
  assertCan(ctx.actor, "settings:manage");
  const parsed = parseOrThrow(ZNotificationRules, rawInput);
  const expected = parseOrThrow(zSettingVersion, version);
  const rules = normaliseRules(parsed);
  return withTransaction(ctx, async ({ db: tx }) => {
    const before = await getNotificationRules(tx);
    await writeSetting(tx, NOTIFICATION_RULES_KEY, rules as unknown as Prisma.InputJsonValue, expected, "The notification rules");
    await appendAudit(tx, ctx.actor, { action: "settings.updated", entityType: "InstanceSetting", entityId: NOTIFICATION_RULES_KEY, summary: { from: before.rules, to: rules } }, ctx.meta);
    return { rules };
  });
}
