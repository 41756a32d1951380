import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { secretHashOf } from "./authenticate";
import { ZCreateTokenInput } from "./schema";
import { displayPrefix, generateTokenSecret } from "./secret";

export type CreatedToken = { id: string; name: string; prefix: string; scopes: string[]; expiresAt: string | null; secret: string };

/**
 * Creates an API token owned by the acting admin. The secret is returned here, once, and never
 * stored (only its keyed hash, see ./secret.ts). The token acts as its owner narrowed by its
 * scopes, so an admin's token with `systems:read` reads but never writes.
 *
 * @param rawInput `ZCreateTokenInput`: name, scopes, optional `expiresOn` (YYYY-MM-DD, the last
 *   day it works, UTC), optional `rateLimitPerMinute` (default 600).
 * @throws ForbiddenError (not an admin), ValidationError (bad input, expiry in the past).
 */
export async function createApiToken(ctx: ServiceContext, rawInput: unknown, now = new Date()): Promise<CreatedToken> {
  const { actor, meta } = ctx;
  assertCan(actor, "token:manage");
  if (actor.kind !== "user") throw new ValidationError("API tokens are created by a signed-in admin, not by another token or a job.");
  const input = parseOrThrow(ZCreateTokenInput, rawInput);
  // The token works through the whole expiry day (UTC).
  const expiresAt = input.expiresOn ? new Date(`${input.expiresOn}T23:59:59.999Z`) : null;
  if (expiresAt && expiresAt <= now) throw new ValidationError("The expiry date must be in the future.", { expiresOn: ["Choose a future date."] });
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
        summary: { name: token.name, prefix: token.prefix, scopes: token.scopes, expiresAt: token.expiresAt?.toISOString() ?? null, rateLimitPerMinute: input.rateLimitPerMinute },
      },
      meta,
    );
    return { ...token, expiresAt: token.expiresAt?.toISOString() ?? null, secret };
  });
}
