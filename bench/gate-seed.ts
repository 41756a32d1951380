/**
 * Approvals for bench:gate, written straight into the approvals feature's tables
 * (ApprovalRequest with its pinned ApprovalDigest rows) when they exist: per system, one
 * APPROVED production approval pinning the model's digest, and a second request for staging
 * (every 4th one STALE, to vary the deny path), until `approvals` rows. Before the approvals
 * schema is on main there is nothing to seed: the gate's approval source answers "none" and
 * every call is a NO_APPROVAL deny, which the bench prints.
 */
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/create-client";

/** The approved model digest (hex) of bench system n. */
export function benchDigestOf(n: number): string {
  return createHash("sha256").update(`bench-model-${n}`).digest("hex");
}

export async function seedBenchApprovals(db: Db, counts: { systems: number; approvals: number }): Promise<{ seeded: number; note: string | null; digestOf: (n: number) => string }> {
  const [{ exists }] = await db.$queryRawUnsafe<{ exists: boolean }[]>(`SELECT to_regclass('"ApprovalRequest"') IS NOT NULL AS "exists"`);
  if (!exists) {
    return { seeded: 0, note: "approvals feature not on main yet: every call is a NO_APPROVAL deny, without the approval query", digestOf: benchDigestOf };
  }
  await db.$executeRawUnsafe(`INSERT INTO "DeploymentEnvironment" ("key", "label", "position") VALUES ('production', 'Production', 2), ('staging', 'Staging', 1) ON CONFLICT DO NOTHING`);
  const perSystem = Math.max(1, Math.ceil(counts.approvals / counts.systems));
  // Request k (1-based) belongs to system ((k - 1) % systems) + 1; the first round is production.
  await db.$executeRawUnsafe(`
    INSERT INTO "ApprovalRequest" ("id", "systemId", "releaseLabel", "environment", "requesterId", "state", "round", "submittedAt", "approvedAt", "expiresAt", "stateReason", "updatedAt")
    SELECT 'apr' || k, 'sys' || s, 'r' || k, CASE WHEN k <= ${counts.systems} THEN 'production' ELSE 'staging' END, 'bench-admin',
      (CASE WHEN k > ${counts.systems} AND k % 4 = 0 THEN 'STALE' ELSE 'APPROVED' END)::"ApprovalState", 1,
      now() - interval '2 days', now() - interval '1 day', now() + interval '90 days',
      CASE WHEN k > ${counts.systems} AND k % 4 = 0 THEN 'bench: model digest changed' END, now()
    FROM generate_series(1, ${Math.min(counts.approvals, counts.systems * perSystem)}) k, LATERAL (SELECT ((k - 1) % ${counts.systems}) + 1 AS s) x`);
  const digests = Array.from({ length: counts.systems }, (_, i) => benchDigestOf(i + 1));
  await db.$executeRawUnsafe(
    `INSERT INTO "ApprovalDigest" ("requestId", "assetId", "assetKind", "assetName", "algorithm", "value")
     SELECT r."id", 'asset' || x.s, 'MODEL', 'model', 'SHA_256', ($1::text[])[x.s]
     FROM "ApprovalRequest" r, LATERAL (SELECT substring(r."systemId" from 4)::int AS s) x`,
    digests,
  );
  const [{ n }] = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "ApprovalRequest"`);
  return { seeded: Number(n), note: null, digestOf: benchDigestOf };
}
