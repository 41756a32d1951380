import "server-only";
import { can, assertCan } from "@/lib/authz/policy";
import { Prisma } from "@/generated/prisma/client";
import { batcherPerClient, createBatcher } from "@/lib/db/batcher";
import { queryRows } from "@/lib/db/sql";
import type { Db } from "@/lib/db/create-client";
import { incidentRef } from "@/lib/incidents/catalog";
import type { ServiceContext } from "@/lib/service-context";
import { findGateApproval } from "./approval-source";
import type { GateCheckRow } from "./batch";
import { deployOnFirstAllow } from "./deploy";
import { evaluateGate, gateAllowDeploys, type GateSystem } from "./evaluate";
import { scheduleGateFold } from "./fold";
import type { TGateQuery, TGateResponse } from "./schema";

/**
 * Answers one deployment-gate call and records it. The hot path is: one query for the system
 * and whether the caller may see it, the approval source's query, the pure decision
 * (./evaluate.ts) and ONE insert into the append-only GateCheck table. Sealing that row into
 * the audit hash chain (which is serialised by a lock) happens off the request, in batches
 * (./fold.ts). If the insert fails the call fails (500): no unrecorded answer is given.
 * Only the first allow for a production environment of an APPROVED system does more: it moves
 * the system to DEPLOYED (./deploy.ts); if that fails the answer stands and the next allow
 * tries again.
 *
 * @param base absolute origin for the fix links (e.g. https://aigov.example.com).
 * @throws ForbiddenError without `gate:read`.
 */
export async function checkGate(ctx: ServiceContext & { db: Db }, query: TGateQuery, base: string, now = new Date()): Promise<TGateResponse> {
  assertCan(ctx.actor, "gate:read");
  const { actor, db } = ctx;
  // A paused system names the incident that paused it (the latest SYSTEM_PAUSED entry on it);
  // the sub-query runs only for a PAUSED system. An open SEV1/SEV2 incident on the system (not
  // RESOLVED or CLOSED; IncidentSystem is indexed by system) is named, oldest first. Whether the
  // requested environment is a production one (its `production` flag, by primary key) decides
  // whether an allow may deploy the system; an unknown environment is not.
  const rows = await queryRows<{
    id: string;
    slug: string;
    lifecycle: string;
    archived: boolean;
    mine: boolean;
    pausedBy: { id: string; number: number } | null;
    severe: { id: string; number: number; others: number } | null;
    production: boolean;
  }>(
    db,
    Prisma.sql`
    SELECT s."id", s."slug", s."lifecycle"::text AS "lifecycle", s."archivedAt" IS NOT NULL AS "archived",
      (s."ownerId" = ${actor.id} OR EXISTS (SELECT 1 FROM "SystemContributor" c WHERE c."systemId" = s."id" AND c."userId" = ${actor.id})) AS "mine",
      CASE WHEN s."lifecycle" = 'PAUSED' THEN (
        SELECT json_build_object('id', i."id", 'number', i."number") FROM "IncidentEntry" e JOIN "Incident" i ON i."id" = e."incidentId"
        WHERE e."systemId" = s."id" AND e."kind" = 'SYSTEM_PAUSED' ORDER BY e."at" DESC, e."id" DESC LIMIT 1
      ) END AS "pausedBy",
      (SELECT json_build_object('id', i."id", 'number', i."number", 'others', count(*) OVER () - 1) FROM "IncidentSystem" x JOIN "Incident" i ON i."id" = x."incidentId"
        WHERE x."systemId" = s."id" AND i."severity" IN ('SEV1', 'SEV2') AND i."status" NOT IN ('RESOLVED', 'CLOSED') ORDER BY i."number" LIMIT 1) AS "severe",
      COALESCE((SELECT d."production" FROM "DeploymentEnvironment" d WHERE d."key" = ${query.environment}), false) AS "production"
    FROM "AiSystem" s WHERE s."slug" = ${query.system}`,
  );
  const row = rows[0];
  const visible = Boolean(row) && can(actor, "system:read") && (actor.role !== "PRODUCT_OWNER" || row!.mine);
  const system: GateSystem | null = row
    ? {
        id: row.id,
        slug: row.slug,
        lifecycle: row.lifecycle,
        archived: row.archived,
        visible,
        pausedBy: visible && row.pausedBy ? { id: row.pausedBy.id, ref: incidentRef(row.pausedBy.number) } : null,
        severeIncident: visible && row.severe ? { id: row.severe.id, ref: incidentRef(row.severe.number), others: row.severe.others } : null,
      }
    : null;
  const approval = system?.visible ? await findGateApproval(db, { systemId: system.id, environment: query.environment }) : null;
  const decision = evaluateGate({ systemSlug: query.system, environment: query.environment, system, approval, digests: query.digest, now, caller: actor.kind === "user" ? "user" : "token" });

  const checkId = await recordGateCheck(db)({
    checkedAt: now.toISOString(),
    actorId: actor.id,
    tokenId: actor.kind === "token" ? actor.token.id : null,
    systemSlug: query.system,
    systemId: system?.visible ? system.id : null,
    environment: query.environment,
    digests: query.digest,
    allow: decision.allow,
    reasons: decision.reasons.map((r) => r.code),
    approvalId: decision.approvalId,
    ip: ctx.meta?.ip ?? null,
    requestId: ctx.meta?.requestId ?? null,
  });
  scheduleGateFold(db);
  if (gateAllowDeploys(decision, system, row?.production === true)) {
    await deployOnFirstAllow(db, actor, system!.id, { approvalId: decision.approvalId!, environment: query.environment, meta: ctx.meta }).catch((error: unknown) =>
      console.error("gate: moving the system to DEPLOYED after its first allow failed; the next allow retries", error),
    );
  }
  return {
    ...decision,
    reasons: decision.reasons.map((r) => ({ ...r, fix: r.fix ? `${base}${r.fix}` : null })),
    checkId,
  };
}

/** One GateCheck row to insert: the sealed row (./batch.ts) before the sequence gives its id, `checkedAt` as ISO 8601 UTC. */
type GateCheckInsert = Omit<GateCheckRow, "id" | "checkedAt"> & { checkedAt: string };

/**
 * Inserts GateCheck rows, many concurrent calls in ONE statement (lib/db/batcher.ts: a call
 * resolves only after the statement holding its row has committed; if it fails, every call in
 * it fails, so no answer is given unrecorded). Resolves with the row's id as a decimal string.
 *
 * Rows go in as one JSON array, inserted in array order; ids come from the table's sequence as
 * the rows are inserted, so the ascending ids returned belong to the rows in array order
 * (sorted here rather than trusting RETURNING's order).
 */
const recordGateCheck = batcherPerClient((db: Db) =>
  createBatcher<GateCheckInsert, string>(async (rows) => {
    const inserted = await queryRows<{ id: bigint }>(
      db,
      Prisma.sql`
      INSERT INTO "GateCheck" ("checkedAt", "actorId", "tokenId", "systemSlug", "systemId", "environment", "digests", "allow", "reasons", "approvalId", "ip", "requestId")
      SELECT (e->>'checkedAt')::timestamptz AT TIME ZONE 'UTC', e->>'actorId', e->>'tokenId', e->>'systemSlug', e->>'systemId', e->>'environment',
        ARRAY(SELECT d.v FROM jsonb_array_elements_text(e->'digests') WITH ORDINALITY AS d(v, i) ORDER BY d.i), (e->>'allow')::boolean,
        ARRAY(SELECT r.v FROM jsonb_array_elements_text(e->'reasons') WITH ORDINALITY AS r(v, i) ORDER BY r.i),
        e->>'approvalId', e->>'ip', e->>'requestId'
      FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS input(e, n)
      ORDER BY input.n
      RETURNING "id"`,
    );
    return inserted.map((r) => r.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
  }),
);
