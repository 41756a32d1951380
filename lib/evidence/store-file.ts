import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { assertCan } from "@/lib/authz/policy";
import { getConfig } from "@/lib/config";
import { AppError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadEvidenceTarget } from "./access";
import { forgetPrismaDebugArgs } from "./prisma-debug-history";
import type { EvidenceDto } from "./queries";
import { evidenceWriteError, precheckRevision, recordEvidence } from "./record-evidence";
import { formatBytes } from "@/lib/format-bytes";
import { safeFileName, sniffContentType, TEXT_SNIFF_BYTES } from "./rules";
import { ZEvidenceMeta } from "./schema";

/**
 * Stored chunk size. Each insert's bytes pass through several transient copies (base64 in
 * Prisma's query plan, a Buffer for pg); small pieces die young and are collected cheaply.
 * Measured with bench/evidence-upload.ts: 128 KiB keeps RSS growth per 25 MB upload around
 * 30-45 MB at ~20 MB/s; 1 MiB pieces were faster by ~20% but grew RSS by ~90 MB.
 */
export const CHUNK_BYTES = 128 * 1024;
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
  /** How long the whole upload may take (it holds a transaction and a connection); default 120 s. */
  timeoutMs?: number;
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

  // The upload holds a transaction and a connection: a client that stops sending is cut off.
  const timeoutMs = upload.timeoutMs ?? UPLOAD_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(uploadTimeoutError(timeoutMs)), timeoutMs);
  const chunks = readChunks(upload.stream, maxBytes, CHUNK_BYTES, deadline.signal);
  const id = randomUUID();
  try {
    return await withTransaction(
      ctx,
      async ({ db: tx }) => {
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
      // Prisma's own limit is the backstop for a database that is slower than the client.
      { timeoutMs: timeoutMs + 10_000 },
    );
  } catch (error) {
    // Stop reading the body (this also cancels the request stream). Not awaited: a read may
    // still be pending on a stalled client.
    void chunks.return(undefined).catch(() => undefined);
    if (isTransactionTimeout(error)) throw uploadTimeoutError(timeoutMs);
    throw evidenceWriteError(error);
  } finally {
    clearTimeout(timer);
  }
}

function uploadTimeoutError(timeoutMs: number) {
  const seconds = Math.round(timeoutMs / 1000);
  return new AppError(`The upload took longer than ${seconds} seconds and was cancelled. Please try again.`, 408, "UPLOAD_TIMEOUT");
}

function emptyFileError() {
  return new ValidationError("The file is empty.", { file: ["The file is empty."] });
}

/** Prisma's interactive-transaction timeout (P2028 "... expired transaction ... timeout ..."). */
function isTransactionTimeout(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: string; message?: string };
  return code === "P2028" && /expired|timeout/i.test(message ?? "");
}

/**
 * Re-chunks a byte stream into CHUNK_BYTES pieces (the last one shorter), counting bytes as
 * they arrive and failing as soon as the total passes `maxBytes` (a missing or false
 * Content-Length proves nothing). Reads the next input only when the previous piece was
 * taken, so memory stays at one piece plus one input chunk. `signal` aborts a pending read
 * (a client that stops sending) with the signal's reason.
 */
export async function* readChunks(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  maxBytes: number,
  chunkBytes = CHUNK_BYTES,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array<ArrayBuffer>, void, undefined> {
  let piece = new Uint8Array(chunkBytes);
  let filled = 0;
  let total = 0;
  for await (const input of iterate(source, signal)) {
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

/**
 * A web ReadableStream or any async iterable, read one chunk at a time. On early exit (an
 * error, too many bytes, the deadline) the source is cancelled, without waiting for it: a
 * stalled source may never answer.
 */
async function* iterate(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  const reader = "getReader" in source ? source.getReader() : null;
  const iterator = reader ? null : (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const next = reader ? reader.read() : iterator!.next();
      const result = (await untilAborted(next, signal)) as IteratorResult<Uint8Array>;
      if (result.done) {
        finished = true;
        return;
      }
      yield result.value;
    }
  } finally {
    if (!finished) {
      if (reader) void reader.cancel().catch(() => undefined);
      else void iterator!.return?.()?.catch(() => undefined);
    }
  }
}

function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
