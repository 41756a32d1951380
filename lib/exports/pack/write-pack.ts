import "server-only";
import { createHash, createPublicKey, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, open, rm, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import yazl from "yazl";
import { toCsvRow, UTF8_BOM } from "@/lib/assets/rules/csv";
import type { DbOrTx } from "@/lib/service-context";
import { buildAibom } from "../aibom";
import { GENERATOR } from "../generator";
import { OSCAL_CLOSING, oscalOpening, oscalResult } from "../oscal";
import { loadSystemsData, type ControlCache, type ExportRange } from "../system-data";
import { auditExtractLines, emptyAnchor, type AuditAnchor } from "./audit-extract";
import { openChunkSource } from "./evidence-files";
import { reportClosing, reportOpening, reportSystemSection, type ReportExtras } from "./report-html";
import { PACK_TABLES } from "./tables";
import { SUMS_FILE, verifyMarkdown } from "./verify-text";
import { installNativeZipCrc32 } from "./zip-crc32";

/**
 * The instance key that signs packs (lib/signing `getSigningKey`): Ed25519, `sign` returns
 * the 64-byte signature of the bytes given.
 */
export type PackSigner = { keyId: string; fingerprint: string; publicKeyPem: string; sign(bytes: Uint8Array): Buffer };

export type PackScope = { systemIds: readonly string[]; all: boolean; range: ExportRange };

export type PackFile = { path: string; sha256: string; size: number };

export type PackManifest = {
  format: "aigov.evidence-pack";
  formatVersion: 1;
  packId: string;
  createdAt: string;
  generator: { name: string; version: string };
  createdBy: { id: string | null; label: string };
  scope: { all: boolean; systems: number; systemIds: string[] | null; from: string | null; to: string | null };
  key: { id: string; fingerprint: string; spkiSha256: string; algorithm: "Ed25519" };
  audit: AuditAnchor;
  sha256sums: string;
  files: PackFile[];
  totals: { files: number; bytes: number };
};

export type PackProgress = { phase: "records" | "evidence" | "audit" | "signing"; done: number; total: number };

export type WritePackOptions = {
  packId?: string;
  createdAt?: Date;
  createdBy: { id: string | null; label: string };
  signer: PackSigner;
  /** Called as the pack advances (at most a few times a second is the caller's business). */
  onProgress?: (progress: PackProgress) => void;
  /** Systems loaded per batch. */
  batchSize?: number;
  /** Loads report sections kept outside the core records (the timeline, ...) for a batch of systems. */
  loadExtras?: (systemIds: readonly string[]) => Promise<ReportExtras>;
  /** The database's URL, for reading stored files over a plain `pg` connection (see ./evidence-files.ts). */
  databaseUrl?: string;
};

/**
 * Deflate level of the pack's compressed entries (records, reports, BOMs, the audit extract).
 * Level 3 deflates this JSON/CSV/HTML 2.5-3x faster than zlib's default 6 for ~10-15% more
 * bytes (measured on an organisation-wide pack's entries: checklist items 59 -> 151 MB/s,
 * 13.3 -> 15.1% of the original size; OSCAL 52 -> 118 MB/s, 21.9 -> 24.5%). Deflate ran on
 * one thread while the archive was written and was most of an organisation-wide pack's time.
 */
const COMPRESSION_LEVEL = 3;

export type PackResult = { manifest: PackManifest; manifestSha256: string; bytes: number };

/** Characters of record text built up before it is handed to its spool. */
const FLUSH_CHARS = 32 * 1024;

/**
 * Writes to a temporary file with backpressure; the pack's record files are spooled there
 * first. Up to 256 KiB may wait in the stream (as Buffers, outside the JavaScript heap) before a
 * write waits for the disk.
 */
class Spool {
  readonly file: string;
  private stream: WriteStream;
  constructor(dir: string, name: string) {
    this.file = path.join(dir, name.replace(/[/\\]/g, "__"));
    this.stream = createWriteStream(this.file, { highWaterMark: 256 * 1024 });
  }
  async write(text: string | Buffer): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }
  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, "close");
  }
}

/** Public key fingerprint any auditor can recompute: SHA-256 of its DER (SubjectPublicKeyInfo) form. */
export function spkiSha256(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex");
}

/**
 * Writes an evidence pack (ZIP) to `output`, streamed: records are loaded a batch of systems
 * at a time and spooled to temporary files, evidence files are read a few chunks at a time,
 * and the archive is written entry by entry (yazl) as `output` takes it, so memory stays flat
 * whatever the pack size. Entries: data/*.json, csv/*.csv (formula-safe), evidence/<sha256>,
 * audit/audit-log.jsonl, aibom (aibom.cdx.json for one system, aibom/<slug>.cdx.json for
 * several), oscal/assessment-results.json, report.html, VERIFY.md, public-key.pem,
 * SHA256SUMS, then manifest.json and manifest.sig (Ed25519 over the manifest's exact bytes).
 * The BOMs enter the archive first, each as soon as its system is read.
 * The caller checks permissions and writes the audit event (it gets the manifest digest).
 * @throws whatever the database or the output throws; a damaged stored file fails the pack.
 */
export async function writeEvidencePack(db: DbOrTx, scope: PackScope, output: NodeJS.WritableStream, opts: WritePackOptions): Promise<PackResult> {
  installNativeZipCrc32();
  const packId = opts.packId ?? randomUUID();
  const createdAt = (opts.createdAt ?? new Date()).toISOString();
  const mtime = new Date(createdAt);
  const batchSize = opts.batchSize ?? 100;
  const progress = (p: PackProgress) => opts.onProgress?.(p);
  const dir = await mkdtemp(path.join(tmpdir(), "aigov-pack-"));
  const chunks = await openChunkSource(db, opts.databaseUrl);
  let boms: FileHandle | null = null;
  try {
    const files: PackFile[] = [];
    const zip = new yazl.ZipFile();
    let bytes = 0;
    const piped = new Promise<void>((resolve, reject) => {
      zip.outputStream.on("data", (chunk: Buffer) => {
        bytes += chunk.byteLength;
      });
      zip.outputStream.on("error", reject);
      output.on("error", reject);
      output.on("finish", resolve);
      zip.outputStream.pipe(output);
    });
    piped.catch(() => undefined); // awaited at the end; the archive starts while records are still being read
    let zipError: unknown = null;
    zip.on("error", (error: unknown) => {
      zipError = error;
      (zip.outputStream as unknown as Readable).destroy(error as Error);
    });

    /**
     * Adds an entry whose content is produced when the archive reaches it, hashed as it passes.
     * `expect`: the content's recorded SHA-256 and size (stored evidence); content that does not
     * match fails the pack instead of slipping into one that would then not verify.
     */
    const add = (
      name: string,
      produce: () => AsyncIterable<Buffer | string>,
      opts: { compress?: boolean; expect?: { sha256: string; size: number; failure: string } } = {},
    ) => {
      zip.addReadStreamLazy(name, { mtime, compressionLevel: opts.compress === false ? 0 : COMPRESSION_LEVEL }, (cb) => {
        const hash = createHash("sha256");
        let size = 0;
        async function* hashed() {
          for await (const piece of produce()) {
            const buf = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
            hash.update(buf);
            size += buf.byteLength;
            yield buf;
          }
          const sha256 = hash.digest("hex");
          if (opts.expect && (sha256 !== opts.expect.sha256 || size !== opts.expect.size)) throw new Error(opts.expect.failure);
          files.push({ path: name, sha256, size });
        }
        const stream = Readable.from(hashed(), { objectMode: false });
        // yazl does not listen for errors of the streams it is given: fail the archive.
        stream.on("error", (error) => zip.emit("error", error));
        cb(null, stream);
      });
    };
    /** A spooled file, or `length` bytes of it from `start`. */
    const fromFile = (file: string, start = 0, length?: number) =>
      async function* () {
        if (length === 0) return;
        const range = length === undefined ? {} : { start, end: start + length - 1 };
        for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, ...range })) yield chunk as Buffer;
      };

    // 1. Records, one pass over the systems in batches, spooled to temporary files.
    const tableJson = PACK_TABLES.map((t) => new Spool(dir, `data-${t.name}.json`));
    const tableCsv = PACK_TABLES.map((t) => new Spool(dir, `csv-${t.name}.csv`));
    const oscal = new Spool(dir, "oscal.json");
    const report = new Spool(dir, "report.html");
    // Every BOM is complete once its system is read, so each goes into the archive at once (the
    // archive deflates them on zlib's threads while this loop reads and writes the next systems),
    // through a spool file written at known offsets: the entry reads its range back when the
    // archive reaches it, after that range is written, so memory stays flat if the output is slow.
    const bomFile = path.join(dir, "aibom.json");
    const bomSpool = (boms = await open(bomFile, "w"));
    let bomOffset = 0;
    const evidenceFiles = new Map<string, { evidenceId: string; size: number }>();
    const firstRow = PACK_TABLES.map(() => true);
    const single = !scope.all && scope.systemIds.length === 1;
    const oscalOpts = { generatedAt: createdAt, title: `Assessment results, evidence pack ${packId}`, documentId: packId };

    for (let t = 0; t < PACK_TABLES.length; t++) {
      await tableJson[t]!.write("[\n");
      await tableCsv[t]!.write(UTF8_BOM + toCsvRow(PACK_TABLES[t]!.columns.map(([header]) => header)));
    }
    await oscal.write(oscalOpening(oscalOpts));
    await report.write(reportOpening({ packId, createdAt, scope, generator: `${GENERATOR.name} ${GENERATOR.version}`, createdBy: opts.createdBy.label }));

    let firstResult = true;
    const controls: ControlCache = new Map();
    // The next batch loads while this one is written: the database and this process work at once.
    const load = (start: number) => {
      const ids = scope.systemIds.slice(start, start + batchSize);
      const pending = Promise.all([loadSystemsData(db, ids, { range: scope.range, controls }), opts.loadExtras?.(ids)]);
      pending.catch(() => undefined); // awaited below; this only stops an early failure counting as unhandled
      return pending;
    };
    let next = scope.systemIds.length ? load(0) : null;
    for (let start = 0; start < scope.systemIds.length; start += batchSize) {
      const [batch, extras] = await next!;
      next = start + batchSize < scope.systemIds.length ? load(start + batchSize) : null;
      for (let t = 0; t < PACK_TABLES.length; t++) {
        const table = PACK_TABLES[t]!;
        const rows = await table.rows(batch, { db, range: scope.range });
        let json = "";
        let csv = "";
        for (const row of rows) {
          json += `${firstRow[t] ? "" : ",\n"}${JSON.stringify(row)}`;
          firstRow[t] = false;
          csv += toCsvRow(table.columns.map(([, cell]) => csvValue(cell(row))));
          // Written in pieces well under V8's large-object size, so the text dies young instead
          // of growing the old generation (100 systems' checklist items are ~6 MB of JSON).
          if (json.length > FLUSH_CHARS) {
            await tableJson[t]!.write(json);
            json = "";
          }
          if (csv.length > FLUSH_CHARS) {
            await tableCsv[t]!.write(csv);
            csv = "";
          }
        }
        if (json) await tableJson[t]!.write(json);
        if (csv) await tableCsv[t]!.write(csv);
      }
      for (const data of batch) {
        await oscal.write(`${firstResult ? "" : ","}${JSON.stringify(oscalResult(data, oscalOpts))}`);
        firstResult = false;
        const bomText = Buffer.from(`${JSON.stringify(buildAibom(data, { generatedAt: createdAt }), null, 2)}\n`, "utf8");
        // (Resolving to nothing: FileHandle.write resolves to the buffer, which the entry would keep.)
        const written = bomSpool.write(bomText, 0, bomText.byteLength, bomOffset).then(() => undefined);
        written.catch(() => undefined); // awaited by the entry
        const read = fromFile(bomFile, bomOffset, bomText.byteLength);
        add(single ? "aibom.cdx.json" : `aibom/${data.system.slug}.cdx.json`, async function* () {
          await written;
          yield* read();
        });
        bomOffset += bomText.byteLength;
        await report.write(reportSystemSection(data, extras));
        for (const e of data.evidence) {
          if (e.kind === "FILE" && e.sha256 && e.sizeBytes !== null && !e.deletedAt && !evidenceFiles.has(e.sha256)) {
            evidenceFiles.set(e.sha256, { evidenceId: e.id, size: e.sizeBytes });
          }
        }
      }
      progress({ phase: "records", done: Math.min(start + batchSize, scope.systemIds.length), total: scope.systemIds.length });
    }
    for (let t = 0; t < PACK_TABLES.length; t++) {
      await tableJson[t]!.write(firstRow[t] ? "]\n" : "\n]\n");
      await tableJson[t]!.close();
      await tableCsv[t]!.close();
    }
    await oscal.write(`${OSCAL_CLOSING}\n`);
    await oscal.close();
    await report.write(reportClosing());
    await report.close();

    // 2. The archive, entry by entry.
    PACK_TABLES.forEach((table, t) => {
      add(`data/${table.name}.json`, fromFile(tableJson[t]!.file));
      add(`csv/${table.name}.csv`, fromFile(tableCsv[t]!.file));
    });
    add("oscal/assessment-results.json", fromFile(oscal.file));
    add("report.html", fromFile(report.file));

    const evidenceTotal = [...evidenceFiles.values()].reduce((n, f) => n + f.size, 0);
    let evidenceDone = 0;
    for (const [sha256, file] of evidenceFiles) {
      add(
        `evidence/${sha256}`,
        async function* () {
          for await (const chunk of chunks.stream(file.evidenceId)) {
            evidenceDone += chunk.byteLength;
            yield chunk;
          }
          progress({ phase: "evidence", done: evidenceDone, total: evidenceTotal });
        },
        {
          // Stored: evidence is mostly compressed already, and hashing at disk speed matters more.
          compress: false,
          // The entry's own SHA-256 re-checks the stored content (one pass over the bytes).
          expect: { sha256, size: file.size, failure: `Stored content of evidence ${file.evidenceId} does not match its recorded size and SHA-256.` },
        },
      );
    }

    const anchor = emptyAnchor();
    add("audit/audit-log.jsonl", async function* () {
      progress({ phase: "audit", done: 0, total: 1 });
      for await (const text of auditExtractLines(db, { systemIds: scope.all ? "all" : scope.systemIds, from: scope.range.from, to: scope.range.to }, anchor)) yield text;
      progress({ phase: "audit", done: 1, total: 1 });
    });

    const keySpki = spkiSha256(opts.signer.publicKeyPem);
    add("VERIFY.md", async function* () {
      yield verifyMarkdown({ packId, createdAt, fingerprint: opts.signer.fingerprint, spkiSha256: keySpki, generator: `${GENERATOR.name} ${GENERATOR.version}` });
    });
    add("public-key.pem", async function* () {
      yield opts.signer.publicKeyPem.endsWith("\n") ? opts.signer.publicKeyPem : `${opts.signer.publicKeyPem}\n`;
    });

    // SHA256SUMS, the manifest and its signature are produced when the archive reaches them,
    // i.e. after every entry above has been written and hashed.
    let sumsSha256 = "";
    let manifestBytes: Buffer | null = null;
    let manifest: PackManifest | null = null;
    zip.addReadStreamLazy(SUMS_FILE, { mtime, compressionLevel: COMPRESSION_LEVEL }, (cb) => {
      const text = files.map((f) => `${f.sha256}  ${f.path}\n`).join("");
      sumsSha256 = createHash("sha256").update(text).digest("hex");
      files.push({ path: SUMS_FILE, sha256: sumsSha256, size: Buffer.byteLength(text) });
      cb(null, Readable.from([Buffer.from(text, "utf8")]));
    });
    zip.addReadStreamLazy("manifest.json", { mtime, compressionLevel: COMPRESSION_LEVEL }, (cb) => {
      progress({ phase: "signing", done: 0, total: 1 });
      manifest = {
        format: "aigov.evidence-pack",
        formatVersion: 1,
        packId,
        createdAt,
        generator: { name: GENERATOR.name, version: GENERATOR.version },
        createdBy: opts.createdBy,
        scope: { all: scope.all, systems: scope.systemIds.length, systemIds: scope.all ? null : [...scope.systemIds], from: scope.range.from ?? null, to: scope.range.to ?? null },
        key: { id: opts.signer.keyId, fingerprint: opts.signer.fingerprint, spkiSha256: keySpki, algorithm: "Ed25519" },
        audit: anchor,
        sha256sums: sumsSha256,
        files: [...files],
        totals: { files: files.length, bytes: files.reduce((n, f) => n + f.size, 0) },
      };
      manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
      cb(null, Readable.from([manifestBytes]));
    });
    zip.addReadStreamLazy("manifest.sig", { mtime, compress: false }, (cb) => {
      try {
        cb(null, Readable.from([opts.signer.sign(manifestBytes!)]));
      } catch (error) {
        cb(error, null as never);
      }
    });
    zip.end();
    await piped;
    if (zipError) throw zipError;
    progress({ phase: "signing", done: 1, total: 1 });
    return { manifest: manifest!, manifestSha256: createHash("sha256").update(manifestBytes!).digest("hex"), bytes };
  } finally {
    await boms?.close().catch(() => undefined);
    await chunks.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

function csvValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}
