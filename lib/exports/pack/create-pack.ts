import "server-only";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, systemScopeWhere } from "@/lib/authz/policy";
import { NotFoundError } from "@/lib/errors";
import { withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { zBool, zId, zOptionalDate } from "@/lib/validation/fields";
import { loadTimelines } from "./timeline";
import { writeEvidencePack, type PackProgress, type PackResult, type PackScope, type PackSigner } from "./write-pack";

/** Most systems one pack may name explicitly (an organisation-wide pack uses `all`). */
export const MAX_PACK_SYSTEMS = 1_000;

/**
 * What an auditor asks for: some systems (`systemIds`) or every system (`all: true`), and
 * optionally a period (`from`/`to`, inclusive days, UTC).
 */
export const ZPackRequest = z
  .object({
    systemIds: z.array(zId("A system id")).max(MAX_PACK_SYSTEMS, `Name at most ${MAX_PACK_SYSTEMS} systems, or export all.`).optional().default([]),
    all: zBool("All systems").optional().default(false),
    from: zOptionalDate("The start date"),
    to: zOptionalDate("The end date"),
  })
  .superRefine((v, ctx) => {
    if (!v.all && v.systemIds.length === 0) ctx.addIssue({ code: "custom", path: ["systemIds"], message: "Choose at least one system, or all systems." });
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date must not be before the start date." });
  });
export type TPackRequest = z.input<typeof ZPackRequest>;

/**
 * Checks the request and who asks (export:run: auditors, reviewers, admins, tokens with the
 * export:run scope) and resolves it to system ids in slug order. An id the actor cannot see
 * is refused as not found.
 * @throws ForbiddenError; ValidationError naming the field; NotFoundError.
 */
export async function resolvePackScope(ctx: ServiceContext, raw: unknown): Promise<PackScope> {
  assertCan(ctx.actor, "export:run");
  const request = parseOrThrow(ZPackRequest, raw);
  const ids = [...new Set(request.systemIds)];
  const systems = await ctx.db.aiSystem.findMany({
    where: { AND: [systemScopeWhere(ctx.actor), request.all ? {} : { id: { in: ids } }] },
    orderBy: { slug: "asc" },
    select: { id: true },
  });
  if (!request.all && systems.length !== ids.length) throw new NotFoundError("One of the chosen systems does not exist or is not visible to you.");
  return { systemIds: systems.map((s) => s.id), all: request.all, range: { from: request.from, to: request.to } };
}

/**
 * Writes a pack for a resolved scope to `output` and records the export in the audit trail
 * (who, scope, manifest digest, key fingerprint) once the manifest is signed.
 */
export async function createEvidencePack(
  ctx: ServiceContext,
  scope: PackScope,
  output: NodeJS.WritableStream,
  opts: { signer: PackSigner; packId?: string; onProgress?: (p: PackProgress) => void; db?: DbOrTx; databaseUrl?: string },
): Promise<PackResult> {
  assertCan(ctx.actor, "export:run");
  const db = opts.db ?? ctx.db;
  const result = await writeEvidencePack(db, scope, output, {
    packId: opts.packId,
    createdBy: { id: ctx.actor.kind === "system" ? null : ctx.actor.id, label: ctx.actor.kind === "system" ? `job:${ctx.actor.job}` : ctx.actor.email },
    signer: opts.signer,
    onProgress: opts.onProgress,
    databaseUrl: opts.databaseUrl ?? process.env.DATABASE_URL,
    loadExtras: (ids) => loadTimelines(db, ids, scope.range).then((timelines) => ({ timelines })),
  });
  await withTransaction(ctx, async ({ db: tx }) => {
    await appendAudit(
      tx,
      ctx.actor,
      {
        action: "export.pack_created",
        entityType: "Export",
        entityId: result.manifest.packId,
        summary: {
          ...(scope.systemIds.length === 1 && !scope.all ? { systemId: scope.systemIds[0] } : {}),
          scope: { all: scope.all, systems: scope.systemIds.length, systemIds: scope.all ? null : scope.systemIds.slice(0, 50), from: scope.range.from ?? null, to: scope.range.to ?? null },
          manifestSha256: result.manifestSha256,
          keyFingerprint: result.manifest.key.fingerprint,
          files: result.manifest.totals.files,
          bytes: result.bytes,
        },
      },
      ctx.meta,
    );
  });
  return result;
}
