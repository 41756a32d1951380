import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { DbOrTx } from "@/lib/service-context";
import { useTestDatabase } from "@/test/db";
import { buildExportFixture, type ExportFixture } from "@/test/export-fixture";
import { createActor } from "@/test/factories";
import { testSigner } from "@/test/signing";
import { buildStoredPack, expireEvidencePacks, getEvidencePack, listEvidencePacks, openEvidencePackDownload, progressPercent, requestEvidencePack, retentionHours } from "./stored-packs";
import { verifyPackFile } from "./verify-pack";

const t = useTestDatabase();
const signer = testSigner();
let dir: string;
let fx: ExportFixture;
let auditor: Actor;
let reviewer: Actor;
let approvalId: string;
let incidentId: string;

async function save(stream: ReadableStream<Uint8Array>, file: string) {
  const out = fs.createWriteStream(file);
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) out.write(chunk);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-stored-pack-"));
  fx = await buildExportFixture(t.db);
  auditor = await createActor(t.db, "AUDITOR");
  reviewer = await createActor(t.db, "SECURITY_REVIEWER");
  // An approval approved on an exception (one decision) and an incident on the fixture system,
  // their free text starting like spreadsheet formulas.
  const decidedAt = new Date("2026-11-20T10:00:00.000Z");
  const approval = await t.db.approvalRequest.create({
    data: {
      systemId: fx.systemId,
      releaseLabel: "v2.0.0",
      environment: "production",
      requesterId: fx.owner.id,
      state: "APPROVED",
      round: 1,
      snapshotSha256: "ab".repeat(32),
      gatePassed: false,
      needsException: true,
      riskTier: "HIGH",
      approvalsRequired: 1,
      validityDays: 90,
      submittedAt: new Date("2026-11-19T10:00:00.000Z"),
      approvedAt: decidedAt,
      expiresAt: new Date("2027-02-18T10:00:00.000Z"),
      decisions: { create: [{ round: 1, reviewerId: reviewer.id, outcome: "APPROVE", comment: "=1+1 looked at the snapshot", decidedAt }] },
      exception: { create: { round: 1, reviewerId: reviewer.id, rationale: "-Pen test booked for January", expiresOn: new Date("2027-01-31T00:00:00.000Z"), failingRules: ["threat-model-reviewed"], grantedAt: decidedAt } },
    },
  });
  approvalId = approval.id;
  const incident = await t.db.incident.create({
    data: {
      title: "+Prompt injection through a support ticket",
      category: "PROMPT_INJECTION",
      severity: "SEV2",
      detectedAt: new Date("2026-11-25T08:00:00.000Z"),
      reporterId: fx.owner.id,
      description: "A ticket carried hidden instructions.",
      impact: "@One customer saw another's ticket",
      systems: { create: [{ systemId: fx.systemId }] },
    },
  });
  incidentId = incident.id;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("[EXPORTS] evidence packs as background jobs", () => {
  it("a request is recorded QUEUED and audited, and the job is enqueued in the same transaction", async () => {
    let enqueuedIn: DbOrTx | null = null;
    let enqueuedId: string | null = null;
    const pack = await requestEvidencePack({ actor: auditor, db: t.db }, { systemIds: [fx.systemId] }, async (tx, id) => {
      enqueuedIn = tx;
      enqueuedId = id;
    });
    expect(pack).toMatchObject({ status: "QUEUED", progress: 0, systemCount: 1, all: false, fileName: expect.stringMatching(/^evidence-pack-system-\d{4}-\d{2}-\d{2}\.zip$/) });
    expect(enqueuedId).toBe(pack.id);
    expect(enqueuedIn).not.toBe(t.db);
    const event = await t.db.auditEvent.findFirst({ where: { action: "export.requested", entityId: pack.id } });
    expect(event?.actorId).toBe(auditor.id);
    // A failing enqueue leaves no request behind.
    await expect(
      requestEvidencePack({ actor: auditor, db: t.db }, { systemIds: [fx.systemId] }, async () => {
        throw new Error("queue down");
      }),
    ).rejects.toThrow("queue down");
    expect(await t.db.exportPack.count({ where: { requestedById: auditor.id } })).toBe(1);
  });

  it("the built pack is stored, downloadable, verifies, and carries approvals, decisions, exceptions and incidents (tables and report)", async () => {
    const ctx = { actor: auditor, db: t.db };
    const [queued] = await listEvidencePacks(ctx);
    await expect(openEvidencePackDownload(ctx, queued!.id, t.url)).rejects.toBeInstanceOf(ConflictError);
    const done = await buildStoredPack(ctx, queued!.id, { signer, databaseUrl: t.url });
    expect(done).toMatchObject({ status: "DONE", progress: 100, phase: null, keyFingerprint: signer.fingerprint });
    expect(new Date(done.expiresAt!).getTime() - new Date(done.finishedAt!).getTime()).toBe(retentionHours() * 3_600_000);
    expect(await getEvidencePack(ctx, queued!.id)).toEqual(done);
    const created = await t.db.auditEvent.findFirst({ where: { action: "export.pack_created", entityId: queued!.id } });
    expect(created?.summary).toMatchObject({ manifestSha256: done.manifestSha256, requestedById: auditor.id });

    const download = await openEvidencePackDownload(ctx, queued!.id, t.url);
    expect(download).toMatchObject({ fileName: done.fileName, size: done.sizeBytes, manifestSha256: done.manifestSha256 });
    const file = path.join(dir, "stored.zip");
    await save(download.stream, file);
    expect(fs.statSync(file).size).toBe(done.sizeBytes);
    expect(await t.db.auditEvent.count({ where: { action: "export.downloaded", entityId: queued!.id } })).toBe(1);
    const check = await verifyPackFile(file, { trustedSpkiSha256: signer.fingerprint });
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);

    const unzipped = path.join(dir, "stored");
    fs.mkdirSync(unzipped);
    execFileSync("unzip", ["-q", "-o", file, "-d", unzipped]);
    const json = (name: string) => JSON.parse(fs.readFileSync(path.join(unzipped, `data/${name}.json`), "utf8"));
    expect(json("approvals")).toEqual([expect.objectContaining({ id: approvalId, systemId: fx.systemId, releaseLabel: "v2.0.0", state: "APPROVED", needsException: true })]);
    expect(json("approval-decisions")).toEqual([expect.objectContaining({ approvalId, outcome: "APPROVE", reviewer: reviewer.name, comment: "=1+1 looked at the snapshot" })]);
    expect(json("approval-exceptions")).toEqual([expect.objectContaining({ approvalId, rationale: "-Pen test booked for January", expiresOn: "2027-01-31", failingRules: ["threat-model-reviewed"] })]);
    expect(json("incidents")).toEqual([expect.objectContaining({ id: incidentId, systemId: fx.systemId, severity: "SEV2", title: "+Prompt injection through a support ticket" })]);
    for (const name of ["approvals", "approval-decisions", "approval-exceptions", "incidents"]) {
      const text = fs.readFileSync(path.join(unzipped, `csv/${name}.csv`), "utf8").replace(/^\uFEFF/, "");
      const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
      expect(rows.length, name).toBe(2);
      for (const cell of rows.flat()) expect(cell, `${name}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(fs.readFileSync(path.join(unzipped, "csv/incidents.csv"), "utf8")).toContain("'+Prompt injection through a support ticket");
    const html = fs.readFileSync(path.join(unzipped, "report.html"), "utf8");
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("v2.0.0");
    expect(html).toContain("=1+1 looked at the snapshot");
    expect(html).toContain("-Pen test booked for January");
    expect(html).toContain("+Prompt injection through a support ticket");
    expect(html).not.toContain("not recorded by this version");
  });

  it("only the requester (and admins) see or download an export; product owners may not ask for one", async () => {
    const [mine] = await listEvidencePacks({ actor: auditor, db: t.db });
    const someoneElse = await createActor(t.db, "AUDITOR");
    const admin = await createActor(t.db, "ADMIN");
    expect(await listEvidencePacks({ actor: someoneElse, db: t.db })).toEqual([]);
    await expect(getEvidencePack({ actor: someoneElse, db: t.db }, mine!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(openEvidencePackDownload({ actor: someoneElse, db: t.db }, mine!.id, t.url)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listEvidencePacks({ actor: admin, db: t.db })).map((p) => p.id)).toContain(mine!.id);
    await expect(requestEvidencePack({ actor: fx.owner, db: t.db }, { systemIds: [fx.systemId] }, async () => null)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listEvidencePacks({ actor: fx.owner, db: t.db })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("past its expiry a pack's content is deleted and it answers 'expired'; failed or never-run requests expire after the retention too", async () => {
    const ctx = { actor: auditor, db: t.db };
    const [done] = await listEvidencePacks(ctx);
    expect(await t.db.exportPackChunk.count({ where: { exportId: done!.id } })).toBeGreaterThan(0);
    const stuck = await requestEvidencePack(ctx, { systemIds: [fx.systemId] }, async () => null);
    expect(await expireEvidencePacks(t.db)).toBe(0);
    const later = new Date(Date.now() + (retentionHours() + 1) * 3_600_000);
    expect(await expireEvidencePacks(t.db, later)).toBe(2);
    expect((await getEvidencePack(ctx, done!.id)).status).toBe("EXPIRED");
    expect((await getEvidencePack(ctx, stuck.id)).status).toBe("EXPIRED");
    expect(await t.db.exportPackChunk.count({ where: { exportId: done!.id } })).toBe(0);
    await expect(openEvidencePackDownload(ctx, done!.id, t.url)).rejects.toThrow(/expired/);
  });

  it("retention comes from EXPORT_RETENTION_HOURS (whole hours, 1 to 90 days; anything else is 24); progress rises through the phases", () => {
    expect(retentionHours({})).toBe(24);
    expect(retentionHours({ EXPORT_RETENTION_HOURS: "2" })).toBe(2);
    for (const bad of ["0", "-1", "1.5", "abc", String(24 * 91)]) expect(retentionHours({ EXPORT_RETENTION_HOURS: bad })).toBe(24);
    const steps = [
      progressPercent({ phase: "records", done: 0, total: 10 }),
      progressPercent({ phase: "records", done: 10, total: 10 }),
      progressPercent({ phase: "evidence", done: 5, total: 10 }),
      progressPercent({ phase: "audit", done: 1, total: 1 }),
      progressPercent({ phase: "signing", done: 1, total: 1 }),
    ];
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(Math.max(...steps)).toBeLessThan(100);
  });
});
