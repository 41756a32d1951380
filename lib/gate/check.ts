import "server-only";
import { can, assertCan } from "@/lib/authz/policy";
import type { Db } from "@/lib/db/create-client";
import { incidentRef } from "@/lib/incidents/catalog";
import type { ServiceContext } from "@/lib/service-context";
import { findGateApproval } from "./approval-source";
import { evaluateGate, type GateSystem } from "./evaluate";
import { scheduleGateFold } from "./fold";
import type { TGateQuery, TGateResponse } from "./schema";

/**
 * Answers one deployment-gate call and records it. The hot path is: one query for the system
 * and whether the caller may see it, the approval source's query, the pure decision
 * (./evaluate.ts) and ONE insert into the append-only GateCheck table. Sealing that row into
 * the audit hash chain (which is serialised by a lock) happens off the request, in batches
 * (./fold.ts). If the insert fails the call fails (500): no unrecorded answer is given.
 *
 * @param base absolute origin for the fix links (e.g. https://aigov.example.com).
 * @throws ForbiddenError without `gate:read`.
 */
export async function checkGate(ctx: ServiceContext & { db: Db }, query: TGateQuery, base: string, now = new Date()): Promise<TGateResponse> {
  assertCan(ctx.actor, "gate:read");
  const { actor, db } = ctx;
  // A paused system names the incident that paused it (the latest SYSTEM_PAUSED entry on it);
  // the sub-query runs only for a PAUSED system.
  const rows = await db.$queryRaw<{ id: string; slug: string; lifecycle: string; archived: boolean; mine: boolean; pausedBy: { id: string; number: number } | null }[]>`
    SELECT s."id", s."slug", s."lifecycle"::text AS "lifecycle", s."archivedAt" IS NOT NULL AS "archived",
      (s."ownerId" = ${actor.id} OR EXISTS (SELECT 1 FROM "SystemContributor" c WHERE c."systemId" = s."id" AND c."userId" = ${actor.id})) AS "mine",
      CASE WHEN s."lifecycle" = 'PAUSED' THEN (
        SELECT json_build_object('id', i."id", 'number', i."number") FROM "IncidentEntry" e JOIN "Incident" i ON i."id" = e."incidentId"
        WHERE e."systemId" = s."id" AND e."kind" = 'SYSTEM_PAUSED' ORDER BY e."at" DESC, e."id" DESC LIMIT 1
      ) END AS "pausedBy"
    FROM "AiSystem" s WHERE s."slug" = ${query.system}`;
  const row = rows[0];
  const visible = Boolean(row) && can(actor, "system:read") && (actor.role !== "PRODUCT_OWNER" || row!.mine);
  const system: GateSystem | null = row
    ? { id: row.id, slug: row.slug, lifecycle: row.lifecycle, archived: row.archived, visible, pausedBy: visible && row.pausedBy ? { id: row.pausedBy.id, ref: incidentRef(row.pausedBy.number) } : null }
    : null;
  const approval = system?.visible ? await findGateApproval(db, { systemId: system.id, environment: query.environment }) : null;
  const decision = evaluateGate({ systemSlug: query.system, environment: query.environment, system, approval, digests: query.digest, now });

  const inserted = await db.$queryRaw<{ id: bigint }[]>`
    INSERT INTO "GateCheck" ("checkedAt", "actorId", "tokenId", "systemSlug", "systemId", "environment", "digests", "allow", "reasons", "approvalId", "ip", "requestId")
    VALUES (${now}, ${actor.id}, ${actor.kind === "token" ? actor.token.id : null}, ${query.system}, ${system?.visible ? system.id : null}, ${query.environment},
      ${query.digest}::text[], ${decision.allow}, ${decision.reasons.map((r) => r.code)}::text[], ${decision.approvalId}, ${ctx.meta?.ip ?? null}, ${ctx.meta?.requestId ?? null})
    RETURNING "id"`;
  scheduleGateFold(db);
  return {
    ...decision,
    reasons: decision.reasons.map((r) => ({ ...r, fix: r.fix ? `${base}${r.fix}` : null })),
    checkId: inserted[0]!.id.toString(),
  };
}
