import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { secretHashOf } from "./authenticate";
import { scopesWithinRole } from "@/lib/authz/scopes";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, utcDatePlusDays, ZCreateTokenInput } from "./schema";
import { displayPrefix, generateTokenSecret } from "./secret";

/** A new token: its id, name, display prefix, scopes, expiry (ISO) and the secret (shown once). */
export type CreatedToken = { id: string; name: string; prefix: string; scopes: string[]; expiresAt: string; secret: string };

/**
 * Creates an API token owned by the acting admin. The secret is returned here, once, and never
 * stored (only its keyed hash, see ./secret.ts). The token acts as its owner narrowed by its
 * scopes, so an admin's token with `systems:read` reads but never writes.
 *
 * @param rawInput `ZCreateTokenInput`: name, scopes (each within the admin's role,
 *   `scopesWithinRole`), optional `expiresOn` (YYYY-MM-DD, the last day it works, UTC; default
 *   `TOKEN_DEFAULT_DAYS` from today, at most `TOKEN_MAX_DAYS`), optional `rateLimitPerMinute`
 *   (default 600).
 * @throws ForbiddenError (not an admin), ValidationError (bad input, a scope beyond the role,
 *   expiry in the past or too far ahead).
 */
export async function createApiToken(ctx: ServiceContext, rawInput: unknown, now = new Date()): Promise<CreatedToken> {
  const { actor, meta } = ctx;
  assertCan(actor, "token:manage");
  if (actor.kind !== "user") throw new ValidationError("API tokens are created by a signed-in admin, not by another token or a job.");
  const input = parseOrThrow(ZCreateTokenInput, rawInput);
  const allowed = scopesWithinRole(actor.role);
  const beyond = input.scopes.filter((s) => !allowed.includes(s));
  if (beyond.length) throw new ValidationError("A token cannot do more than its owner's role.", { scopes: [`Your role does not include ${beyond.join(", ")}.`] });
  // The token works through the whole expiry day (UTC).
  const expiresAt = new Date(`${input.expiresOn ?? utcDatePlusDays(now, TOKEN_DEFAULT_DAYS)}T23:59:59.999Z`);
  if (expiresAt <= now) throw new ValidationError("The expiry date must be in the future.", { expiresOn: ["Choose a future date."] });
  if (input.expiresOn && input.expiresOn > utcDatePlusDays(now, TOKEN_MAX_DAYS)) {
    throw new ValidationError(`A token works for at most ${TOKEN_MAX_DAYS} days.`, { expiresOn: [`Choose a date no later than ${utcDatePlusDays(now, TOKEN_MAX_DAYS)}.`] });
  }
  const secret = generateTokenSecret();
  const secretHash = secretHashOf(secret)!;
  return withTransaction(ctx, async ({ db: tx }) => {
    const token = await tx.apiToken.create({
      data: { name: input.name, prefix: displayPrefix(secret), secretHash, scopes: input.scopes, ownerId: actor.id, expiresAt, rateLimitPerMinute: input.rateLimitPerMinute },
      select: { id: true, name: true, prefix: true, scopes: true, expiresAt: true },
    });
    await appendAudit(
      tx,
      actor,
      {
        action: "token.created",
        entityType: "ApiToken",
        entityId: token.id,
        summary: { name: token.name, prefix: token.prefix, scopes: token.scopes, expiresAt: expiresAt.toISOString(), rateLimitPerMinute: input.rateLimitPerMinute },
      },
      meta,
    );
    return { ...token, expiresAt: expiresAt.toISOString(), secret };
  });
}
