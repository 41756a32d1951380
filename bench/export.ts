/**
 * Evidence pack benchmark.
 *
 *   npm run bench:export [-- --files 300 --mb 500 --systems 10000 --skip-large --skip-org]
 *
 * 1. One system with `--files` evidence files totalling `--mb` MB (random, incompressible
 *    content, stored in PostgreSQL chunks like real uploads), every file linked to a checklist
 *    item: the pack is written by the service code in this process to a file, while this
 *    process's RSS is sampled. Target: ≥ 100 MB/s of evidence, RSS growth < 150 MB.
 * 2. An organisation-wide pack of `--systems` systems (each with a checklist of the current
 *    library, three assets, a note as evidence and its audit events; no large files).
 *    Target: < 60 s.
 * Both packs are then checked with the verifier (`npm run verify-pack`). Prints the figures and
 * the load average (the machine is shared: figures under load are lower bounds of the code's
 * speed). Seeding writes rows with SQL (not the services) so the benchmark measures export.
 * Uses TEST_DATABASE_URL or an embedded PostgreSQL.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import type { Actor } from "@/lib/authz/actor";
import { GENESIS_HASH, hashEvent, type AuditContent } from "@/lib/audit/chain";
import { createPrismaClient, type Db } from "@/lib/db/create-client";
import { ensureShippedLibraries } from "@/lib/controls/store";
import { createEvidencePack, resolvePackScope } from "@/lib/exports/pack/create-pack";
import { verifyPackFile } from "@/lib/exports/pack/verify-pack";
import { testSigner } from "@/test/signing";
import { flag, hasFlag, withBenchDatabase } from "./support";

const MB = 1024 * 1024;
const FILES = flag("files", 300);
const TOTAL_MB = flag("mb", 500);
const SYSTEMS = flag("systems", 10_000);
const CHUNK = 128 * 1024;

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
const rss = () => process.memoryUsage.rss();
const load = () => os.loadavg().map((v) => v.toFixed(2)).join(" / ");

function sampler(read: () => number, everyMs = 10) {
  let peak = read();
  const timer = setInterval(() => {
    peak = Math.max(peak, read());
  }, everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(peak, read());
  };
}

/** Appends `contents` to the audit chain with correct hashes, in one multi-row insert per batch. */
async function appendEvents(db: Db, contents: AuditContent[]) {
  const last = await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  let prev = last?.hash ?? GENESIS_HASH;
  for (let i = 0; i < contents.length; i += 1000) {
    const rows = contents.slice(i, i + 1000).map((c) => {
      const hash = hashEvent(prev, c);
      const row = { ...c, occurredAt: new Date(c.occurredAt), summary: c.summary as object, requestMeta: undefined, prevHash: prev, hash };
      prev = hash;
      return row;
    });
    await db.auditEvent.createMany({ data: rows });
  }
}

function event(action: string, entityType: string, entityId: string, summary: Record<string, unknown>): AuditContent {
  return { occurredAt: new Date().toISOString(), actorId: null, actorLabel: "bench", actorType: "system", actorRef: "bench", action, entityType, entityId, summary, requestMeta: null };
}

/** `count` systems with checklists (every control of the current library), three assets and a note each. */
export async function seedSystems(db: Db, ownerId: string, count: number, prefix: string): Promise<string[]> {
  const library = await db.controlLibraryVersion.findFirstOrThrow({ where: { isCurrent: true }, select: { id: true } });
  await db.$executeRawUnsafe(`
    INSERT INTO "AiSystem" (id, slug, name, purpose, "ownerId", "riskTier", "dataSensitivity", autonomy, exposure, "updatedAt")
    SELECT '${prefix}' || g, '${prefix}-' || g, 'Bench system ' || g, 'Answers questions about topic ' || g, '${ownerId}', 'MEDIUM', 'INTERNAL', 'ASSISTIVE', 'INTERNAL', now()
    FROM generate_series(1, ${count}) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Checklist" (id, "systemId", "libraryVersionId", "updatedAt")
    SELECT 'cl-' || s.id, s.id, '${library.id}', now() FROM "AiSystem" s WHERE s.id LIKE '${prefix}%'`);
  await db.$executeRawUnsafe(`
    INSERT INTO "ChecklistItem" (id, "checklistId", "controlId", applicable, "applicabilityReason", status, "updatedAt")
    SELECT 'ci-' || c.id || '-' || k.code, c.id, k.id, k.position % 3 <> 0, 'Applies to every system.',
           (CASE WHEN k.position % 5 = 0 THEN 'IN_PROGRESS' WHEN k.position % 7 = 0 THEN 'NOT_MET' ELSE 'NOT_STARTED' END)::"ChecklistStatus", now()
    FROM "Checklist" c JOIN "Control" k ON k."libraryVersionId" = c."libraryVersionId" WHERE c.id LIKE 'cl-${prefix}%'`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Asset" (id, "systemId", kind, name, version, sha256, "updatedAt")
    SELECT 'as-' || s.id || '-' || k, s.id, (ARRAY['MODEL','DATASET','VENDOR_API'])[k]::"AssetKind", 'Asset ' || k, '1.' || k,
           CASE WHEN k < 3 THEN encode(sha256((s.id || k)::bytea), 'hex') END, now()
    FROM "AiSystem" s, generate_series(1, 3) k WHERE s.id LIKE '${prefix}%'`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Evidence" (id, "systemId", kind, title, "noteBody", "effectiveDate", "uploadedById")
    SELECT 'ev-' || s.id, s.id, 'NOTE', 'Design review', 'Reviewed by the architecture board.', DATE '2026-01-01', '${ownerId}'
    FROM "AiSystem" s WHERE s.id LIKE '${prefix}%'`);
  const ids = (await db.aiSystem.findMany({ where: { id: { startsWith: prefix } }, select: { id: true }, orderBy: { id: "asc" } })).map((s) => s.id);
  await appendEvents(db, ids.flatMap((id) => [event("system.created", "AiSystem", id, { name: id }), event("checklist.created", "Checklist", `cl-${id}`, { systemId: id })]));
  return ids;
}

/** One system with `files` random files totalling `totalBytes`, each linked to a checklist item. */
async function seedLargeSystem(db: Db, ownerId: string, files: number, totalBytes: number): Promise<string> {
  const [id] = await seedSystems(db, ownerId, 1, "large");
  const items = await db.checklistItem.findMany({ where: { checklist: { systemId: id } }, select: { id: true }, orderBy: { id: "asc" } });
  const block = randomBytes(8 * MB);
  const per = Math.floor(totalBytes / files);
  for (let f = 0; f < files; f++) {
    const size = f === files - 1 ? totalBytes - per * (files - 1) : per;
    const evidenceId = `big-${f}`;
    const hash = createHash("sha256");
    const chunks: { evidenceId: string; seq: number; data: Uint8Array<ArrayBuffer> }[] = [];
    let offset = (f * 7919) % MB;
    for (let seq = 0, left = size; left > 0; seq++) {
      const n = Math.min(CHUNK, left);
      if (offset + n > block.byteLength) offset = (offset + 4099) % MB;
      const data = new Uint8Array(block.subarray(offset, offset + n));
      data[0] = f & 0xff; // every file differs
      hash.update(data);
      chunks.push({ evidenceId, seq, data });
      offset += n;
      left -= n;
    }
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET CONSTRAINTS "EvidenceChunk_evidenceId_fkey" DEFERRED`;
      for (let i = 0; i < chunks.length; i += 8) await tx.evidenceChunk.createMany({ data: chunks.slice(i, i + 8) });
      await tx.evidence.create({
        data: { id: evidenceId, systemId: id!, kind: "FILE", title: `Report ${f}`, fileName: `report-${f}.bin`, contentType: "application/octet-stream", sizeBytes: size, sha256: hash.digest("hex"), effectiveDate: new Date("2026-01-01"), uploadedById: ownerId },
      });
    }, { timeout: 120_000 });
    await db.checklistItemEvidence.create({ data: { itemId: items[f % items.length]!.id, evidenceId, linkedById: ownerId } });
  }
  return id!;
}

async function pack(db: Db, url: string, actor: Actor, request: unknown, file: string) {
  const signer = testSigner();
  const ctx = { actor, db };
  const scope = await resolvePackScope(ctx, request);
  collectGarbage();
  const before = rss();
  const stop = sampler(rss);
  const start = performance.now();
  let recordsDone = 0;
  const result = await createEvidencePack(ctx, scope, fs.createWriteStream(file), {
    signer,
    databaseUrl: url,
    onProgress: (p) => {
      if (p.phase !== "records" && !recordsDone) recordsDone = performance.now();
    },
  });
  const seconds = (performance.now() - start) / 1000;
  const peak = stop();
  return { result, seconds, recordsSeconds: ((recordsDone || performance.now()) - start) / 1000, growth: peak - before, before, peak };
}

async function main(url: string) {
  const db = createPrismaClient(url, 8);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-bench-export-"));
  try {
    await ensureShippedLibraries(db);
    const user = await db.user.create({ data: { email: "auditor@bench.test", name: "Bench Auditor", role: "AUDITOR" } });
    const auditor: Actor = { kind: "user", id: user.id, email: user.email, name: user.name, role: "AUDITOR" };
    console.log(`bench:export on ${os.cpus().length} CPUs, load average ${load()} (1/5/15 min)`);

    // The organisation-wide pack first, so it holds no large files (the large system comes after).
    if (!hasFlag("skip-org")) {
      let start = performance.now();
      await seedSystems(db, user.id, SYSTEMS, "org");
      console.log(`seeded ${SYSTEMS} systems in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      const file = path.join(dir, "org.zip");
      const run = await pack(db, url, auditor, { all: true }, file);
      console.log(
        `org-wide pack: ${run.result.manifest.scope.systems} systems, ${run.result.manifest.totals.files} files, ${(run.result.bytes / MB).toFixed(1)} MB zip in ${run.seconds.toFixed(1)} s (records ${run.recordsSeconds.toFixed(1)} s; target < 60) | RSS growth ${(run.growth / MB).toFixed(1)} MB | load ${load()}`,
      );
      start = performance.now();
      const check = await verifyPackFile(file);
      console.log(`  verify-pack: ${check.ok ? "OK" : `FAILED ${check.problems.slice(0, 3).join("; ")}`} (${((performance.now() - start) / 1000).toFixed(1)} s)`);
    }
    if (!hasFlag("skip-large")) {
      let start = performance.now();
      const id = await seedLargeSystem(db, user.id, FILES, TOTAL_MB * MB);
      console.log(`seeded 1 system with ${FILES} files, ${TOTAL_MB} MB, in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      const file = path.join(dir, "large.zip");
      const run = await pack(db, url, auditor, { systemIds: [id] }, file);
      const evidenceBytes = TOTAL_MB * MB;
      const rate = evidenceBytes / MB / run.seconds;
      console.log(
        `large pack: ${(run.result.bytes / MB).toFixed(1)} MB zip in ${run.seconds.toFixed(1)} s = ${rate.toFixed(1)} MB/s of evidence (target ≥ 100) | RSS ${(run.before / MB).toFixed(0)} → peak ${(run.peak / MB).toFixed(0)} MB, growth ${(run.growth / MB).toFixed(1)} MB (target < 150) | load ${load()}`,
      );
      start = performance.now();
      const check = await verifyPackFile(file);
      console.log(`  verify-pack: ${check.ok ? "OK" : `FAILED ${check.problems.slice(0, 3).join("; ")}`} (${((performance.now() - start) / 1000).toFixed(1)} s)`);
      fs.rmSync(file, { force: true });
    }

  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await db.$disconnect();
  }
}

if (process.argv[1]?.endsWith("export.ts")) void withBenchDatabase(main).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
