import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { queryRows, utc } from "@/lib/db/sql";
import type { DbOrTx } from "@/lib/service-context";
import type { GateApproval } from "./evaluate";

/**
 * The approval the gate judges for a system and environment (data from lib/approvals): the
 * newest APPROVED request whose expiry is after `now` when there is one; otherwise the most
 * recently changed request that is not a draft or withdrawn, whatever its state, so the gate
 * can name why it denies (stale with its reason, revoked, expired, still awaiting review).
 * Pinned digests come as `sha256:<hex>` (the SHA-256 rows of ApprovalDigest).
 *
 * One indexed query (ApprovalRequest by system, environment, state; digests by request id),
 * run on the pool directly (lib/db/sql.ts), because it runs on every gate call.
 */
export async function findGateApproval(db: DbOrTx, where: { systemId: string; environment: string }, now: Date = new Date()): Promise<GateApproval | null> {
  const rows = await queryRows<{ id: string; state: string; expiresAt: Date | null; stateReason: string | null; digests: string[] }>(
    db,
    Prisma.sql`
    SELECT r."id", r."state"::text AS "state", r."expiresAt", r."stateReason",
      ARRAY(SELECT 'sha256:' || d."value" FROM "ApprovalDigest" d WHERE d."requestId" = r."id" AND d."algorithm" = 'SHA_256' ORDER BY d."value") AS "digests"
    FROM "ApprovalRequest" r
    WHERE r."systemId" = ${where.systemId} AND r."environment" = ${where.environment}
      AND r."state" NOT IN ('DRAFT', 'WITHDRAWN')
    ORDER BY (r."state" = 'APPROVED' AND r."expiresAt" > ${utc(now)}) DESC,
      CASE WHEN r."state" = 'APPROVED' AND r."expiresAt" > ${utc(now)} THEN r."approvedAt" END DESC NULLS LAST,
      r."updatedAt" DESC, r."id" DESC
    LIMIT 1`,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    state: row.state,
    expiresAt: row.expiresAt,
    digests: row.digests,
    staleReason: row.state === "STALE" ? row.stateReason : null,
  };
}
