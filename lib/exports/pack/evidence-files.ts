import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import type { DbOrTx } from "@/lib/service-context";

/** Chunks fetched per query when a pack reads a stored file (16 × 128 KiB = 2 MiB). */
const CHUNKS_PER_QUERY = 16;

type ChunkRow = { seq: number; data: Uint8Array };

/**
 * Where a pack reads stored file content from. Prisma's client converts large `bytea` values
 * slowly (measured: ~10× slower than `pg` on 128 KiB chunks), so packs read chunks over a
 * plain `pg` connection of their own when a database URL is known, and fall back to Prisma.
 */
export type ChunkSource = { read(evidenceId: string, afterSeq: number, limit: number): Promise<ChunkRow[]>; close(): Promise<void> };

export async function openChunkSource(db: DbOrTx, databaseUrl: string | undefined): Promise<ChunkSource> {
  if (!databaseUrl) {
    return {
      read: (evidenceId, afterSeq, limit) =>
        db.evidenceChunk.findMany({ where: { evidenceId, seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take: limit, select: { seq: true, data: true } }),
      close: async () => undefined,
    };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return {
    read: async (evidenceId, afterSeq, limit) =>
      (await client.query<ChunkRow>('SELECT seq, data FROM "EvidenceChunk" WHERE "evidenceId" = $1 AND seq > $2 ORDER BY seq LIMIT $3', [evidenceId, afterSeq, limit])).rows,
    close: () => client.end(),
  };
}

/**
 * A stored evidence file's bytes in order, a few chunks per query (never the whole file),
 * re-hashed on the way: content that does not match the recorded size and SHA-256 throws at
 * the end instead of slipping into a pack that would then not verify.
 * @throws Error naming the evidence when the stored content is damaged or purged.
 */
export async function* storedFileChunks(source: ChunkSource, evidenceId: string, size: number, sha256: string): AsyncGenerator<Buffer> {
  const hash = createHash("sha256");
  let read = 0;
  let after = -1;
  for (;;) {
    const rows = await source.read(evidenceId, after, CHUNKS_PER_QUERY);
    for (const row of rows) {
      const data = Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
      hash.update(data);
      read += data.byteLength;
      yield data;
    }
    if (rows.length < CHUNKS_PER_QUERY) break;
    after = rows[rows.length - 1]!.seq;
  }
  if (read !== size || hash.digest("hex") !== sha256) {
    throw new Error(`Stored content of evidence ${evidenceId} does not match its recorded size and SHA-256.`);
  }
}
