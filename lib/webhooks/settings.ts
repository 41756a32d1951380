import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { getConfig } from "@/lib/config";
import { withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { ZAllowPrivateInput } from "./schema";

/** InstanceSetting key of the admin toggle "allow private targets". */
export const ALLOW_PRIVATE_KEY = "webhooks.allowPrivate";

/**
 * Whether webhooks may reach non-public addresses (loopback, private, link-local, CGNAT…), and
 * why. `WEBHOOKS_ALLOW_PRIVATE=true` in the environment allows them whatever the toggle says
 * (an operator's choice, e.g. for receivers inside the company network); otherwise the admin
 * toggle on /admin/webhooks decides (default off).
 */
export async function privateTargetPolicy(db: DbOrTx): Promise<{ allowPrivate: boolean; byEnvironment: boolean; bySetting: boolean }> {
  const byEnvironment = getConfig().WEBHOOKS_ALLOW_PRIVATE;
  const row = await db.instanceSetting.findUnique({ where: { key: ALLOW_PRIVATE_KEY }, select: { value: true } });
  const bySetting = (row?.value as { allowPrivate?: unknown } | null)?.allowPrivate === true;
  return { allowPrivate: byEnvironment || bySetting, byEnvironment, bySetting };
}

/**
 * Turns the "allow private targets" toggle on or off (admins; audited as `settings.updated`).
 * Turning it off takes effect for deliveries already queued too: each delivery checks the
 * target again before it connects.
 * @param rawInput `{ allowPrivate }` (boolean or form value).
 * @throws ForbiddenError, ValidationError.
 */
export async function setAllowPrivateTargets(ctx: ServiceContext, rawInput: unknown): Promise<{ allowPrivate: boolean }> {
  assertCan(ctx.actor, "webhook:manage");
  const { allowPrivate } = parseOrThrow(ZAllowPrivateInput, rawInput);
  return withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const before = (await privateTargetPolicy(tx)).bySetting;
    await tx.instanceSetting.upsert({ where: { key: ALLOW_PRIVATE_KEY }, create: { key: ALLOW_PRIVATE_KEY, value: { allowPrivate } }, update: { value: { allowPrivate } } });
    await appendAudit(tx, actor, { action: "settings.updated", entityType: "InstanceSetting", entityId: ALLOW_PRIVATE_KEY, summary: { from: before, to: allowPrivate } }, meta);
    return { allowPrivate };
  });
}
