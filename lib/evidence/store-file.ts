import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { assertCan } from "@/lib/authz/policy";
import { getConfig } from "@/lib/config";
import { AppError, ValidationError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadEvidenceTarget } from "./access";
import { forgetPrismaDebugArgs } from "./prisma-debug-history";
import type { EvidenceDto } from "./queries";
import { evidenceWriteError, precheckRevision, recordEvidence } from "./record-evidence";
import { formatBytes, safeFileName, sniffContentType, TEXT_SNIFF_BYTES } from "./rules";
import { ZEvidenceMeta } from "./schema";

/**
 * Stored chunk size. Smaller than the usual 1 MiB on purpose: the bytes of each insert pass
 * through several copies (base64 in Prisma's query plan, a Buffer for pg), so the chunk size
 * bounds the transient memory per round trip; 256 KiB costs ~20% more round trips than 1 MiB.
 */
export const CHUNK_BYTES = 256 * 1024;
/** The start of the file kept for content sniffing (more than TEXT_SNIFF_BYTES: see sniffContentType). */
const HEAD_BYTES = TEXT_SNIFF_BYTES * 2;
const UPLOAD_TIMEOUT_MS = 120_000;

export type EvidenceFileUpload = {
  /** As the browser named it; cleaned with safeFileName before it is stored. */
  fileName: string;
  stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;
  /** Content-Length, when the client sent one: an upload that ends short of it is refused. */
  declaredSize?: number | null;
  /** Size limit in bytes; defaults to EVIDENCE_MAX_BYTES. */
  maxBytes?: number;
};

export const tooLargeError = (maxBytes: number) => {
  const message = `The file is larger than the ${formatBytes(maxBytes)} limit.`;
  return new ValidationError(message, { file: [message] });
};

/**
 * Stores an uploaded file as evidence, streaming: the body is cut into CHUNK_BYTES pieces,
 * hashed (SHA-256) as it passes and written chunk by chunk inside ONE transaction, so a
 * refused upload (too large, empty, cut short, no permission to revise) leaves nothing behind.
 *
 * The Evidence row is immutable once inserted and its hash, size and type are only known at
 * the end, so the chunks go in first under a pre-generated id: the foreign key from
 * EvidenceChunk is DEFERRABLE and checked at commit (migration 20261122032500).
 */
export async function storeEvidenceFile(
  ctx: ServiceContext,
  systemId: string,
  rawMeta: unknown,
  upload: EvidenceFileUpload,
): Promise<EvidenceDto> {
  const { actor, db } = ctx;
  assertCan(actor, "evidence:add");
  await loadEvidenceTarget(db, actor, systemId);
  const meta = parseOrThrow(ZEvidenceMeta, rawMeta);
  const fileName = safeFileName(upload.fileName);
  const maxBytes = upload.maxBytes ?? getConfig().EVIDENCE_MAX_BYTES;
  const declared = upload.declaredSize ?? null;
  if (declared !== null && declared > maxBytes) throw tooLargeError(maxBytes);
  if (declared === 0) throw emptyFileError();
  await precheckRevision(db, systemId, meta.revisionOfId);

  const chunks = readChunks(upload.stream, maxBytes);
  const id = randomUUID();
  try {
    return await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SET CONSTRAINTS "EvidenceChunk_evidenceId_fkey" DEFERRED`;
        const hash = createHash("sha256");
        let head: Uint8Array | null = null;
        let size = 0;
        let seq = 0;
        for await (const data of chunks) {
          head ??= data.slice(0, HEAD_BYTES);
          hash.update(data);
          size += data.byteLength;
          await tx.evidenceChunk.create({ data: { evidenceId: id, seq: seq++, data }, select: { seq: true } });
          await forgetPrismaDebugArgs();
        }
        if (!head || size === 0) throw emptyFileError();
        if (declared !== null && size !== declared) {
          throw new ValidationError(`The upload was cut short (${size} of ${declared} bytes arrived). Please try again.`);
        }
        const content = { kind: "FILE" as const, fileName, contentType: sniffContentType(head, fileName), sizeBytes: size, sha256: hash.digest("hex") };
        return recordEvidence(tx, ctx, systemId, meta, content, id);
      },
      { timeout: UPLOAD_TIMEOUT_MS, maxWait: 10_000 },
    );
  } catch (error) {
    // Stop reading the body (this also cancels the request stream). Not awaited: after a
    // timeout a read may still be pending on a stalled client.
    void chunks.return(undefined).catch(() => undefined);
    if (isTransactionTimeout(error)) {
      throw new AppError("The upload took longer than two minutes and was cancelled. Please try again.", 408, "UPLOAD_TIMEOUT");
    }
    throw evidenceWriteError(error);
  }
}

function emptyFileError() {
  return new ValidationError("The file is empty.", { file: ["The file is empty."] });
}

/** Prisma's "transaction already closed / expired" (interactive transaction timeout). */
function isTransactionTimeout(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2028";
}

/**
 * Re-chunks a byte stream into CHUNK_BYTES pieces (the last one shorter), counting bytes as
 * they arrive and failing as soon as the total passes `maxBytes` (a missing or false
 * Content-Length proves nothing). Reads the next input only when the previous piece was
 * taken, so memory stays at one piece plus one input chunk.
 */
export async function* readChunks(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  maxBytes: number,
  chunkBytes = CHUNK_BYTES,
): AsyncGenerator<Uint8Array<ArrayBuffer>, void, undefined> {
  let piece = new Uint8Array(chunkBytes);
  let filled = 0;
  let total = 0;
  for await (const input of iterate(source)) {
    total += input.byteLength;
    if (total > maxBytes) throw tooLargeError(maxBytes);
    let offset = 0;
    while (offset < input.byteLength) {
      const n = Math.min(chunkBytes - filled, input.byteLength - offset);
      piece.set(input.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (filled === chunkBytes) {
        yield piece;
        piece = new Uint8Array(chunkBytes);
        filled = 0;
      }
    }
  }
  // A fresh, exactly sized copy: drivers that look at `.buffer` must not see the spare bytes.
  if (filled > 0) yield piece.slice(0, filled);
}

/** A web ReadableStream or any async iterable, read one chunk at a time; the reader is released (and cancelled) on early exit. */
async function* iterate(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (!("getReader" in source)) {
    for await (const chunk of source) yield chunk;
    return;
  }
  const reader = source.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
