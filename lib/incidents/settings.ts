import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { DEFAULT_NOTIFICATION_RULES, normaliseRules, type NotificationRules } from "./rules";
import { ZNotificationRules } from "./schema";

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

/**
 * Saves the organisation's notification rules (admins: `settings:manage`). Applies to duties
 * created from now on; existing duties keep their deadlines.
 * @param rawInput `{ SEV1: { REGULATOR: "72" | "" , ... }, ... }` (hours; empty = no duty).
 * @throws ForbiddenError, ValidationError.
 */
export async function setNotificationRules(ctx: ServiceContext, rawInput: unknown) {
  assertCan(ctx.actor, "settings:manage");
  const parsed = parseOrThrow(ZNotificationRules, rawInput);
  const rules = normaliseRules(parsed);
  return withTransaction(ctx, async ({ db: tx }) => {
    const before = await getNotificationRules(tx);
    await tx.instanceSetting.upsert({
      where: { key: NOTIFICATION_RULES_KEY },
      create: { key: NOTIFICATION_RULES_KEY, value: rules as unknown as Prisma.InputJsonValue },
      update: { value: rules as unknown as Prisma.InputJsonValue },
    });
    await appendAudit(tx, ctx.actor, { action: "settings.updated", entityType: "InstanceSetting", entityId: NOTIFICATION_RULES_KEY, summary: { from: before.rules, to: rules } }, ctx.meta);
    return { rules };
  });
}
