import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { lockRequest } from "./access";
import { settleSystemAfterApprovalEnded } from "./lifecycle-sync";

/**
 * Turns every APPROVED request whose expiry has passed (`expiresAt <= now`) into EXPIRED, one
 * transaction per request, with an audit event; an APPROVED system with no other approval goes
 * back to IN_REVIEW. Meant for a daily scheduled job (running it more often is harmless; the
 * gate also treats a passed expiry as expired on its own). Needs `approval:decide` (the job's
 * system actor lists it). Run daily by the `expire-approvals` job (./jobs.ts).
 *
 * @returns the number of requests expired.
 */
export async function expireApprovals(ctx: ServiceContext, now: Date = new Date(), opts: { batch?: number } = {}): Promise<{ expired: number }> {
  assertCan(ctx.actor, "approval:decide");
  const due = await ctx.db.approvalRequest.findMany({
    where: { state: "APPROVED", expiresAt: { lte: now } },
    orderBy: { expiresAt: "asc" },
    take: opts.batch ?? 500,
    select: { id: true, systemId: true },
  });
  let expired = 0;
  for (const { id, systemId } of due) {
    const done = await withTransaction(ctx, async ({ db: tx, actor, meta }) => {
      const request = await lockRequest(tx, systemId, id);
      if (request.state !== "APPROVED" || !request.expiresAt || request.expiresAt > now) return false;
      const reason = `Validity ended on ${request.expiresAt.toISOString().slice(0, 10)}.`;
      await settleSystemAfterApprovalEnded(tx, actor, systemId, { requestId: id, reason: `Approval for ${request.environment} expired.`, meta });
      await tx.approvalRequest.update({ where: { id }, data: { state: "EXPIRED", closedAt: now, stateReason: reason, rowVersion: { increment: 1 } } });
      await appendAudit(
        tx,
        actor,
        { action: "approval.expired", entityType: "ApprovalRequest", entityId: id, summary: { systemId, environment: request.environment, expiresAt: request.expiresAt.toISOString() } },
        meta,
      );
      return true;
    });
    if (done) expired++;
  }
  return { expired };
}
