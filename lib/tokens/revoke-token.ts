import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { lockRows } from "@/lib/db/locks";
import { NotFoundError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";

/**
 * Revokes an API token: its next use gets 401. Revoking a revoked token changes nothing.
 * Any admin may revoke any token (a leaked token must not wait for its owner).
 * @throws ForbiddenError (not an admin), NotFoundError.
 */
export async function revokeApiToken(ctx: ServiceContext, tokenId: string, now = new Date()) {
  const { actor, meta } = ctx;
  assertCan(actor, "token:manage");
  return withTransaction(ctx, async ({ db: tx }) => {
    await lockRows(tx, "ApiToken", [tokenId]);
    const token = await tx.apiToken.findUnique({ where: { id: tokenId }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    if (!token) throw new NotFoundError("API token not found.");
    if (token.revokedAt) return { id: token.id, revokedAt: token.revokedAt.toISOString() };
    await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: now, revokedById: actor.id } });
    await appendAudit(tx, actor, { action: "token.revoked", entityType: "ApiToken", entityId: tokenId, summary: { name: token.name, prefix: token.prefix } }, meta);
    return { id: token.id, revokedAt: now.toISOString() };
  });
}
