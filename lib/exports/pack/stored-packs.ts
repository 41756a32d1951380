import "server-only";
import { Writable } from "node:stream";
import pg from "pg";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/authz/actor";
import { assertCan, can, systemScopeWhere } from "@/lib/authz/policy";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { outsideTransaction, withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { resolvePackScope } from "./create-pack";
import { writeEvidencePack, type PackProgress, type PackScope, type PackSigner } from "./write-pack";

/** Hours a finished pack stays downloadable (EXPORT_RETENTION_HOURS, default 24), then it is deleted. */
export function retentionHours(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.EXPORT_RETENTION_HOURS ?? 24);
  return Number.isInteger(value) && value >= 1 && value <= 24 * 90 ? value : 24;
}

/** Bytes per stored piece of a finished pack. */
const PIECE_BYTES = 1024 * 1024;

export type ExportPackDto = {
  id: string;
  status: "QUEUED" | "RUNNING" | "DONE" | "FAILED" | "EXPIRED";
  progress: number;
  phase: string | null;
  systemCount: number;
  all: boolean;
  from: string | null;
  to: string | null;
  sizeBytes: number | null;
  manifestSha256: string | null;
  keyFingerprint: string | null;
  fileName: string;
  error: string | null;
  requestedBy: string;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
};

type ExportPackRow = Prisma.ExportPackGetPayload<object>;

function toDto(row: ExportPackRow): ExportPackDto {
  const scope = row.scope as { all?: boolean; from?: string | null; to?: string | null };
  return {
    id: row.id,
    status: row.status,
    progress: row.progress,
    phase: row.phase,
    systemCount: row.systemCount,
    all: scope.all === true,
    from: scope.from ?? null,
    to: scope.to ?? null,
    sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
    manifestSha256: row.manifestSha256,
    keyFingerprint: row.keyFingerprint,
    fileName: row.fileName,
    error: row.error,
    requestedBy: row.requestedByLabel,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

/** Admins see every export; everybody else the ones they asked for. */
function visibleWhere(actor: Actor): Prisma.ExportPackWhereInput {
  return actor.kind === "user" && actor.role === "ADMIN" ? {} : { requestedById: actor.id };
}

/**
 * Records a request for an evidence pack (QUEUED) and its audit event (`export.requested`: who,
 * scope), in one transaction; `enqueue` (the job queue) is called inside it, so the job exists
 * only if the request does. The pack is built by `buildStoredPack`.
 * @throws ForbiddenError (no export:run), ValidationError, NotFoundError (see resolvePackScope).
 */
export async function requestEvidencePack(
  ctx: ServiceContext,
  raw: unknown,
  enqueue: (tx: DbOrTx, exportId: string) => Promise<unknown>,
): Promise<ExportPackDto> {
  const scope = await resolvePackScope(ctx, raw);
  return withTransaction(ctx, async ({ db: tx }) => {
    const stamp = new Date().toISOString().slice(0, 10);
    const row = await tx.exportPack.create({
      data: {
        requestedById: ctx.actor.id,
        requestedByLabel: ctx.actor.kind === "token" ? `${ctx.actor.email} (API token "${ctx.actor.token.name}")` : ctx.actor.kind === "user" ? ctx.actor.email : `job:${ctx.actor.job}`,
        scope: { all: scope.all, systemIds: scope.systemIds, from: scope.range.from ?? null, to: scope.range.to ?? null },
        systemCount: scope.systemIds.length,
        fileName: `evidence-pack-${scope.all ? "all" : scope.systemIds.length === 1 ? "system" : `${scope.systemIds.length}-systems`}-${stamp}.zip`,
      },
    });
    await appendAudit(
      tx,
      ctx.actor,
      {
        action: "export.requested",
        entityType: "Export",
        entityId: row.id,
        summary: {
          ...(scope.systemIds.length === 1 && !scope.all ? { systemId: scope.systemIds[0] } : {}),
          scope: { all: scope.all, systems: scope.systemIds.length, systemIds: scope.all ? null : scope.systemIds.slice(0, 50), from: scope.range.from ?? null, to: scope.range.to ?? null },
        },
      },
      ctx.meta,
    );
    await enqueue(tx, row.id);
    return toDto(row);
  });
}

/** The actor's exports, newest first (admins: everybody's), at most `limit`. */
export async function listEvidencePacks(ctx: ServiceContext, limit = 50): Promise<ExportPackDto[]> {
  assertCan(ctx.actor, "export:run");
  const rows = await ctx.db.exportPack.findMany({ where: visibleWhere(ctx.actor), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: Math.min(Math.max(limit, 1), 200) });
  return rows.map(toDto);
}

/** One export's status (polled by the progress bar). @throws NotFoundError for another person's export. */
export async function getEvidencePack(ctx: ServiceContext, exportId: string): Promise<ExportPackDto> {
  assertCan(ctx.actor, "export:run");
  const row = await ctx.db.exportPack.findFirst({ where: { AND: [{ id: exportId }, visibleWhere(ctx.actor)] } });
  if (!row) throw new NotFoundError("Export not found.");
  return toDto(row);
}

/** Writes a pack into ExportPackChunk rows, 1 MiB at a time, over a plain `pg` connection (fast bytea). */
class ChunkSink extends Writable {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private seq = 0;
  constructor(
    private readonly client: pg.Client,
    private readonly exportId: string,
  ) {
    super();
  }
  private async flush() {
    if (!this.pendingBytes) return;
    const data = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    await this.client.query('INSERT INTO "ExportPackChunk" ("exportId", seq, data) VALUES ($1, $2, $3)', [this.exportId, this.seq++, data]);
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
    this.pending.push(chunk);
    this.pendingBytes += chunk.byteLength;
    if (this.pendingBytes < PIECE_BYTES) return callback();
    this.flush().then(() => callback(), callback);
  }
  override _final(callback: (error?: Error | null) => void) {
    this.flush().then(() => callback(), callback);
  }
}

/** Progress (0..100) from the pack's phases: records 0-40, evidence 40-90 by bytes, audit 90-95, signing 95-100. */
export function progressPercent(p: PackProgress): number {
  const part = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const [from, span] = p.phase === "records" ? [0, 40] : p.phase === "evidence" ? [40, 50] : p.phase === "audit" ? [90, 5] : [95, 5];
  return Math.min(99, Math.floor(from + span * part));
}

/**
 * Builds a requested pack (the job's work): marks it RUNNING, writes the archive into
 * ExportPackChunk rows (a retry starts over), reports progress at most every half second,
 * then marks it DONE with its size, manifest digest and expiry, and records
 * `export.pack_created` (who asked, scope, manifest digest) in the audit trail. A failure marks
 * it FAILED with the reason and is rethrown (the queue may retry).
 * @param ctx the job's context (a system actor with export:run).
 */
export async function buildStoredPack(ctx: ServiceContext, exportId: string, opts: { signer: PackSigner; databaseUrl?: string; now?: () => Date }) {
  assertCan(ctx.actor, "export:run");
  // The pieces are written over a connection of its own while the pack is built: never inside a caller's transaction.
  outsideTransaction(ctx.db);
  const now = opts.now ?? (() => new Date());
  const row = await ctx.db.exportPack.findUnique({ where: { id: exportId } });
  if (!row) throw new NotFoundError("Export not found.");
  if (row.status === "DONE" || row.status === "EXPIRED") return toDto(row);
  const stored = row.scope as { all: boolean; systemIds: string[]; from: string | null; to: string | null };
  const scope: PackScope = { all: stored.all, systemIds: stored.systemIds, range: { from: stored.from, to: stored.to } };
  const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set");

  await ctx.db.exportPackChunk.deleteMany({ where: { exportId } });
  await ctx.db.exportPack.update({ where: { id: exportId }, data: { status: "RUNNING", startedAt: now(), progress: 0, phase: "records", error: null } });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let lastReport = 0;
  let reporting: Promise<unknown> = Promise.resolve();
  try {
    const result = await writeEvidencePack(ctx.db, scope, new ChunkSink(client, exportId), {
      packId: exportId,
      createdBy: { id: row.requestedById, label: row.requestedByLabel },
      signer: opts.signer,
      databaseUrl,
      onProgress: (p) => {
        const t = Date.now();
        if (t - lastReport < 500) return;
        lastReport = t;
        reporting = reporting.then(() => ctx.db.exportPack.update({ where: { id: exportId }, data: { progress: progressPercent(p), phase: p.phase } })).catch(() => undefined);
      },
    });
    await reporting;
    const finishedAt = now();
    const done = await withTransaction(ctx, async ({ db: tx }) => {
      const updated = await tx.exportPack.update({
        where: { id: exportId },
        data: {
          status: "DONE",
          progress: 100,
          phase: null,
          sizeBytes: result.bytes,
          manifestSha256: result.manifestSha256,
          keyFingerprint: result.manifest.key.fingerprint,
          finishedAt,
          expiresAt: new Date(finishedAt.getTime() + retentionHours() * 3_600_000),
        },
      });
      await appendAudit(tx, ctx.actor, {
        action: "export.pack_created",
        entityType: "Export",
        entityId: exportId,
        summary: {
          ...(scope.systemIds.length === 1 && !scope.all ? { systemId: scope.systemIds[0] } : {}),
          requestedById: row.requestedById,
          requestedBy: row.requestedByLabel,
          scope: { all: scope.all, systems: scope.systemIds.length, systemIds: scope.all ? null : scope.systemIds.slice(0, 50), from: scope.range.from ?? null, to: scope.range.to ?? null },
          manifestSha256: result.manifestSha256,
          keyFingerprint: result.manifest.key.fingerprint,
          files: result.manifest.totals.files,
          bytes: result.bytes,
        },
      });
      return updated;
    });
    return toDto(done);
  } catch (error) {
    await reporting;
    await ctx.db.exportPackChunk.deleteMany({ where: { exportId } }).catch(() => undefined);
    await ctx.db.exportPack
      .update({ where: { id: exportId }, data: { status: "FAILED", phase: null, error: error instanceof Error ? error.message.slice(0, 500) : "The export failed." } })
      .catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export type PackDownload = { fileName: string; size: number; manifestSha256: string; stream: ReadableStream<Uint8Array> };

/**
 * Opens a finished pack for download: its stored pieces streamed in order over a `pg`
 * connection of its own (one piece per read). The download is audited.
 * @throws NotFoundError (unknown, somebody else's); ConflictError when not (or no longer) ready.
 */
export async function openEvidencePackDownload(ctx: ServiceContext, exportId: string, databaseUrl = process.env.DATABASE_URL): Promise<PackDownload> {
  assertCan(ctx.actor, "export:run");
  const row = await ctx.db.exportPack.findFirst({ where: { AND: [{ id: exportId }, visibleWhere(ctx.actor)] } });
  if (!row) throw new NotFoundError("Export not found.");
  if (row.status === "EXPIRED") throw new ConflictError("This export has expired and was deleted. Export again.");
  if (row.status !== "DONE" || row.sizeBytes === null || !row.manifestSha256) throw new ConflictError("This export is not ready yet.");
  if (!databaseUrl) throw new Error("DATABASE_URL is not set");
  await withTransaction(ctx, ({ db: tx }) =>
    appendAudit(tx, ctx.actor, { action: "export.downloaded", entityType: "Export", entityId: row.id, summary: { manifestSha256: row.manifestSha256, bytes: Number(row.sizeBytes) } }, ctx.meta),
  );
  const client = new pg.Client({ connectionString: databaseUrl });
  let connected = false;
  let seq = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!connected) {
            await client.connect();
            connected = true;
          }
          const res = await client.query<{ data: Buffer }>('SELECT data FROM "ExportPackChunk" WHERE "exportId" = $1 AND seq = $2', [row.id, seq++]);
          const piece = res.rows[0];
          if (!piece) {
            controller.close();
            await client.end();
            return;
          }
          controller.enqueue(new Uint8Array(piece.data.buffer, piece.data.byteOffset, piece.data.byteLength));
        } catch (error) {
          controller.error(error);
          await client.end().catch(() => undefined);
        }
      },
      async cancel() {
        await client.end().catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return { fileName: row.fileName, size: Number(row.sizeBytes), manifestSha256: row.manifestSha256, stream };
}

/**
 * Deletes the content of packs past their expiry (the scheduled job's work) and marks them
 * EXPIRED; packs that failed or never ran for longer than the retention are marked EXPIRED too.
 * @returns how many exports expired.
 */
export async function expireEvidencePacks(db: DbOrTx, now = new Date()): Promise<number> {
  const stale = new Date(now.getTime() - retentionHours() * 3_600_000);
  const due = await db.exportPack.findMany({
    where: { OR: [{ status: "DONE", expiresAt: { lte: now } }, { status: { in: ["FAILED", "QUEUED"] }, createdAt: { lte: stale } }] },
    select: { id: true },
    take: 500,
  });
  for (const { id } of due) {
    await db.exportPackChunk.deleteMany({ where: { exportId: id } });
    await db.exportPack.update({ where: { id }, data: { status: "EXPIRED" } });
  }
  return due.length;
}

/** Whether the actor may use the Exports page at all (navigation, page guard). */
export function canExport(actor: Actor | null | undefined): boolean {
  return can(actor, "export:run");
}

/** Systems the actor may put in a pack, by name (the Exports form), at most `limit`. */
export async function listExportableSystems(ctx: ServiceContext, limit = 1_000): Promise<{ id: string; name: string; slug: string }[]> {
  assertCan(ctx.actor, "export:run");
  return ctx.db.aiSystem.findMany({ where: systemScopeWhere(ctx.actor), orderBy: [{ name: "asc" }, { id: "asc" }], take: limit, select: { id: true, name: true, slug: true } });
}
