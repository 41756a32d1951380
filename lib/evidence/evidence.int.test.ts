import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { setSystemArchived } from "@/lib/systems/archive-system";
import { createSystem } from "@/lib/systems/create-system";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import { addEvidence, addLinkEvidence, addNoteEvidence } from "./create-evidence";
import { deleteEvidence } from "./delete-evidence";
import { getEvidence, listEvidence, openEvidenceDownload } from "./queries";
import { ALREADY_REVISED_MESSAGE } from "./record-evidence";
import { CHUNK_BYTES, storeEvidenceFile } from "./store-file";

const t = useTestDatabase();
const ctx = (actor: Actor) => ({ actor, db: t.db, meta: { requestId: "test" } });
const meta = (overrides: Record<string, unknown> = {}) => ({ title: "Pen-test report", effectiveDate: "2026-03-01", ...overrides });

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-evidence-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes a file of `size` bytes (random, after an optional header) and returns its path. */
function writeFile(name: string, size: number, header = "") {
  const file = path.join(dir, name);
  const head = Buffer.from(header, "latin1");
  fs.writeFileSync(file, Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]).subarray(0, size));
  return file;
}

/** The file as the route sees a request body: a web stream, read in small pieces. */
const webStream = (file: string) => Readable.toWeb(fs.createReadStream(file, { highWaterMark: 64 * 1024 })) as ReadableStream<Uint8Array>;

async function readAll(stream: ReadableStream<Uint8Array>) {
  const parts: Buffer[] = [];
  for await (const part of Readable.fromWeb(stream as never)) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

async function setup() {
  const [owner, contributor, stranger, reviewer, auditor, admin] = await Promise.all([
    createActor(t.db, "PRODUCT_OWNER"),
    createActor(t.db, "PRODUCT_OWNER"),
    createActor(t.db, "PRODUCT_OWNER"),
    createActor(t.db, "SECURITY_REVIEWER"),
    createActor(t.db, "AUDITOR"),
    createActor(t.db, "ADMIN"),
  ]);
  const system = await createSystem(ctx(owner), systemInput({ contributorIds: [contributor.id] }));
  return { owner, contributor, stranger, reviewer, auditor, admin, system };
}

/** Two checklist items of the system: from its checklist when it has one, else a minimal library and checklist written directly. */
async function checklistItems(systemId: string) {
  const existing = await t.db.checklistItem.findMany({ where: { checklist: { systemId } }, take: 2, orderBy: { id: "asc" } });
  if (existing.length === 2) return existing;
  const suffix = randomBytes(4).toString("hex");
  const library = await t.db.controlLibraryVersion.create({ data: { version: `test-${suffix}`, document: {} } });
  const control = (code: string, position: number) =>
    t.db.control.create({
      data: {
        libraryVersionId: library.id,
        code,
        pillar: "DEV",
        pillarTitle: "Secure development",
        principleId: "DEV-1",
        principleTitle: "Supply chain",
        title: `Control ${code}`,
        guidance: "g",
        evidenceExpectation: "e",
        applicability: {},
        mappings: {},
        searchText: code.toLowerCase(),
        position,
      },
    });
  const [a, b] = await Promise.all([control("DEV-1.1", 0), control("DEV-1.2", 1)]);
  const checklist = await t.db.checklist.create({ data: { systemId, libraryVersionId: library.id } });
  const item = (controlId: string) =>
    t.db.checklistItem.create({ data: { checklistId: checklist.id, controlId, applicable: true, applicabilityReason: "always" } });
  return Promise.all([item(a.id), item(b.id)]);
}

const counts = async () => ({
  evidence: await t.db.evidence.count(),
  chunks: await t.db.evidenceChunk.count(),
  audit: await t.db.auditEvent.count(),
});

describe("[EVIDENCE] streamed file upload and download", () => {
  it("stores a multi-MB file whose SHA-256 equals sha256sum's, sniffs its type and streams it back byte for byte", async () => {
    const { owner, auditor, system } = await setup();
    const fullChunks = Math.floor((3 * 1024 * 1024) / CHUNK_BYTES);
    const size = fullChunks * CHUNK_BYTES + 12_345; // ~3 MB: many full chunks and a short last one
    const file = writeFile("pen-test report.pdf", size, "%PDF-1.7\n");
    const expected = execFileSync("sha256sum", [file], { encoding: "utf8" }).split(" ")[0];

    const evidence = await storeEvidenceFile(ctx(owner), system.id, meta({ expiresAt: "2099-12-31" }), {
      fileName: "C:\\Users\\me\\pen-test report.pdf",
      stream: webStream(file),
      declaredSize: size,
    });
    expect(evidence).toMatchObject({
      kind: "FILE",
      fileName: "pen-test report.pdf",
      contentType: "application/pdf",
      sizeBytes: size,
      sha256: expected,
      effectiveDate: "2026-03-01",
      expiresAt: "2099-12-31",
      uploadedBy: { id: owner.id, name: owner.name },
      state: "VALID",
      revisionOfId: null,
      revisedById: null,
    });
    const chunks = await t.db.evidenceChunk.findMany({ where: { evidenceId: evidence.id }, orderBy: { seq: "asc" }, select: { seq: true, data: true } });
    expect(chunks.map((c) => c.seq)).toEqual([...Array(fullChunks + 1).keys()]);
    expect(chunks.map((c) => c.data.byteLength)).toEqual([...Array(fullChunks).fill(CHUNK_BYTES), 12_345]);

    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: evidence.id, action: "evidence.added" } });
    expect(audit.summary).toEqual({
      systemId: system.id,
      kind: "FILE",
      title: "Pen-test report",
      fileName: "pen-test report.pdf",
      size,
      sha256: expected,
      contentType: "application/pdf",
      url: null,
      revisionOfId: null,
      copiedLinks: 0,
    });

    // An auditor may read and download; each download is itself audited.
    const download = await openEvidenceDownload(ctx(auditor), evidence.id);
    expect(download).toMatchObject({ fileName: "pen-test report.pdf", contentType: "application/pdf", size, sha256: expected });
    const body = await readAll(download.stream);
    expect(body.equals(fs.readFileSync(file))).toBe(true);
    expect(createHash("sha256").update(body).digest("hex")).toBe(expected);
    expect(await t.db.auditEvent.count({ where: { entityId: evidence.id, action: "evidence.downloaded", actorId: auditor.id } })).toBe(1);
  });

  it("accepts any async iterable of bytes and sniffs text by content, never by the claimed name", async () => {
    const { reviewer, system } = await setup();
    async function* parts() {
      yield new TextEncoder().encode("<html><script>alert(1)</script>");
      yield new TextEncoder().encode("</html>");
    }
    const evidence = await storeEvidenceFile(ctx(reviewer), system.id, meta(), { fileName: "page.html", stream: parts() });
    expect(evidence).toMatchObject({ contentType: "text/plain; charset=utf-8", sizeBytes: 38 });
  });

  it("refuses a file one byte over the limit and leaves nothing behind (no evidence, chunks or audit event)", async () => {
    const { owner, system } = await setup();
    const before = await counts();
    // Several chunks are written before the limit is passed: the rollback must remove them.
    const limit = 2 * 1024 * 1024 + 512;
    expect(limit).toBeGreaterThan(2 * CHUNK_BYTES);
    const file = writeFile("big.bin", limit + 1);
    const upload = storeEvidenceFile(ctx(owner), system.id, meta(), { fileName: "big.bin", stream: webStream(file), maxBytes: limit });
    await expect(upload).rejects.toThrow("The file is larger than the 2 MB limit.");
    expect(await counts()).toEqual(before);

    // Exactly at the limit is fine.
    const atLimit = writeFile("fits.bin", limit);
    const stored = await storeEvidenceFile(ctx(owner), system.id, meta(), { fileName: "fits.bin", stream: webStream(atLimit), maxBytes: limit });
    expect(stored.sizeBytes).toBe(limit);
  });

  it("refuses before reading when the declared size is over the limit, and refuses empty or cut-short uploads", async () => {
    const { owner, system } = await setup();
    const before = await counts();
    let pulled = false;
    const untouched = new ReadableStream<Uint8Array>({ pull: () => void (pulled = true) }, { highWaterMark: 0 });
    await expect(
      storeEvidenceFile(ctx(owner), system.id, meta(), { fileName: "a.bin", stream: untouched, declaredSize: 26 * 1024 * 1024 }),
    ).rejects.toThrow("The file is larger than the 25 MB limit.");
    expect(pulled).toBe(false);

    const empty = storeEvidenceFile(ctx(owner), system.id, meta(), { fileName: "empty.txt", stream: webStream(writeFile("empty.txt", 0)) });
    await expect(empty).rejects.toThrow("The file is empty.");

    const short = storeEvidenceFile(ctx(owner), system.id, meta(), {
      fileName: "short.bin",
      stream: webStream(writeFile("short.bin", 1000)),
      declaredSize: 2000,
    });
    await expect(short).rejects.toThrow(/cut short \(1000 of 2000 bytes/);
    expect(await counts()).toEqual(before);
  });

  it("cancels an upload that stalls past the time limit, leaving nothing behind", async () => {
    const { owner, system } = await setup();
    const before = await counts();
    let cancelled = false;
    let sent = false;
    const stalled = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (!sent) controller.enqueue(new Uint8Array(CHUNK_BYTES + 1).fill(7));
          sent = true;
          return new Promise(() => {}); // the client goes quiet
        },
        cancel: () => void (cancelled = true),
      },
      { highWaterMark: 0 },
    );
    const upload = storeEvidenceFile(ctx(owner), system.id, meta(), { fileName: "slow.bin", stream: stalled, timeoutMs: 1000 });
    await expect(upload).rejects.toMatchObject({ status: 408, message: "The upload took longer than 1 seconds and was cancelled. Please try again." });
    expect(cancelled).toBe(true);
    expect(await counts()).toEqual(before);
    // The connection went back to the pool: the next upload works.
    const next = await storeEvidenceFile(ctx(owner), system.id, meta(), { fileName: "a.txt", stream: webStream(writeFile("after-timeout.txt", 10)) });
    expect(next.sizeBytes).toBe(10);
  });

  it("validates the metadata before reading the file", async () => {
    const { owner, system } = await setup();
    const upload = storeEvidenceFile(ctx(owner), system.id, { title: "x", effectiveDate: "soon" }, { fileName: "a.txt", stream: webStream(writeFile("a.txt", 10)) });
    await expect(upload).rejects.toMatchObject({
      fieldErrors: { title: ["Title must be at least 2 characters."], effectiveDate: ["The valid-from date must be a date like 2027-01-31."] },
    });
  });
});

describe("[EVIDENCE] immutability in the database", () => {
  it("the triggers refuse changing an evidence row's content and any update of a stored chunk", async () => {
    const { owner, system } = await setup();
    const evidence = await storeEvidenceFile(ctx(owner), system.id, meta(), { fileName: "a.txt", stream: webStream(writeFile("imm.txt", 100, "hello")) });
    await expect(t.db.$executeRaw`UPDATE "Evidence" SET title = 'Edited' WHERE id = ${evidence.id}`).rejects.toThrow(/immutable/);
    await expect(t.db.$executeRaw`UPDATE "Evidence" SET "expiresAt" = '2030-01-01' WHERE id = ${evidence.id}`).rejects.toThrow(/immutable/);
    await expect(t.db.$executeRaw`UPDATE "EvidenceChunk" SET data = decode('00', 'hex') WHERE "evidenceId" = ${evidence.id}`).rejects.toThrow(/immutable/);
    expect((await getEvidence(ctx(owner), evidence.id)).title).toBe("Pen-test report");
  });

  it("a chunk cannot outlive a missing evidence row: the deferred foreign key is checked at commit", async () => {
    // Plain pg: Prisma's adapter does not release a connection whose COMMIT fails.
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query(`INSERT INTO "EvidenceChunk" ("evidenceId", seq, data) VALUES ('no-such-evidence', 0, '\\x01')`);
      await expect(client.query("COMMIT")).rejects.toThrow(/EvidenceChunk_evidenceId_fkey/);
    } finally {
      await client.end();
    }
    expect(await t.db.evidenceChunk.count({ where: { evidenceId: "no-such-evidence" } })).toBe(0);
  });
});

describe("[EVIDENCE] links, notes, revisions and expiry", () => {
  it("adds links and notes, refusing non-http links", async () => {
    const { owner, system } = await setup();
    const link = await addEvidence(ctx(owner), system.id, { kind: "LINK", ...meta({ title: "Ticket" }), url: "https://jira.example.com/SEC-42" });
    expect(link).toMatchObject({ kind: "LINK", url: "https://jira.example.com/SEC-42", fileName: null, sha256: null, state: "VALID" });
    const note = await addEvidence(ctx(owner), system.id, { kind: "NOTE", ...meta({ title: "Decision" }), body: "We accept the risk." });
    expect(note).toMatchObject({ kind: "NOTE", noteBody: "We accept the risk.", url: null });
    await expect(addLinkEvidence(ctx(owner), system.id, { ...meta(), url: "javascript:alert(1)" })).rejects.toMatchObject({
      fieldErrors: { url: ["Enter an http:// or https:// address."] },
    });
    await expect(addEvidence(ctx(owner), system.id, { kind: "FILE", ...meta() })).rejects.toBeInstanceOf(ValidationError);
    expect((await listEvidence(ctx(owner), system.id)).map((e) => e.id)).toEqual([note.id, link.id]);
    expect(await t.db.auditEvent.count({ where: { action: "evidence.added", entityId: { in: [link.id, note.id] } } })).toBe(2);
  });

  it("flags expired and not-yet-effective evidence", async () => {
    const { owner, system } = await setup();
    const expired = await addNoteEvidence(ctx(owner), system.id, { ...meta({ effectiveDate: "2020-01-01", expiresAt: "2020-12-31" }), body: "old" });
    const future = await addNoteEvidence(ctx(owner), system.id, { ...meta({ effectiveDate: "2999-01-01" }), body: "later" });
    const states = Object.fromEntries((await listEvidence(ctx(owner), system.id)).map((e) => [e.id, e.state]));
    expect(states).toEqual({ [expired.id]: "EXPIRED", [future.id]: "NOT_YET_EFFECTIVE" });
  });

  it("a revision supersedes the old evidence and inherits its checklist links; only one revision per evidence", async () => {
    const { owner, contributor, system } = await setup();
    const [itemA, itemB] = await checklistItems(system.id);
    const original = await addNoteEvidence(ctx(owner), system.id, { ...meta({ title: "Model card" }), body: "v1" });
    await t.db.checklistItemEvidence.createMany({
      data: [itemA, itemB].map((item) => ({ itemId: item.id, evidenceId: original.id, linkedById: owner.id })),
    });

    const file = path.join(dir, "model-card.md");
    fs.writeFileSync(file, `# Model card\n${"Intended use: triage.\n".repeat(100)}`);
    const revision = await storeEvidenceFile(ctx(contributor), system.id, meta({ title: "Model card (corrected)", revisionOfId: original.id }), {
      fileName: "model-card.md",
      stream: webStream(file),
    });
    expect(revision).toMatchObject({ revisionOfId: original.id, state: "VALID", linkedItemCount: 2, contentType: "text/markdown; charset=utf-8" });
    const links = await t.db.checklistItemEvidence.findMany({ where: { evidenceId: revision.id }, select: { itemId: true, linkedById: true } });
    expect(links.map((l) => l.itemId).sort()).toEqual([itemA.id, itemB.id].sort());
    expect(links.every((l) => l.linkedById === contributor.id)).toBe(true);

    const old = await getEvidence(ctx(owner), original.id);
    expect(old).toMatchObject({ state: "SUPERSEDED", revisedById: revision.id, linkedItemCount: 2, can: { revise: false } });
    const addedEvent = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: revision.id, action: "evidence.added" } });
    expect(addedEvent.summary).toMatchObject({ revisionOfId: original.id, copiedLinks: 2 });

    // The old one cannot be corrected a second time, not even by two people at once.
    await expect(addNoteEvidence(ctx(owner), system.id, { ...meta({ revisionOfId: original.id }), body: "v3" })).rejects.toThrow(ALREADY_REVISED_MESSAGE);
    const race = await Promise.allSettled(
      ["a", "b"].map((body) => addNoteEvidence(ctx(owner), system.id, { ...meta({ revisionOfId: revision.id }), body })),
    );
    expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [refused] = race.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.reason).toBeInstanceOf(ValidationError);
    expect(refused.reason.message).toBe(ALREADY_REVISED_MESSAGE);
  });

  it("revisions stay within the system and never continue a deleted item", async () => {
    const { owner, admin, system } = await setup();
    const other = await setup();
    const foreign = await addNoteEvidence(ctx(other.owner), other.system.id, { ...meta(), body: "elsewhere" });
    await expect(addNoteEvidence(ctx(owner), system.id, { ...meta({ revisionOfId: foreign.id }), body: "x" })).rejects.toThrow(
      "The evidence to correct was not found on this system.",
    );
    const gone = await addNoteEvidence(ctx(owner), system.id, { ...meta(), body: "to delete" });
    await deleteEvidence(ctx(admin), gone.id, { reason: "Contained personal data by mistake." });
    const before = await counts();
    const upload = storeEvidenceFile(ctx(owner), system.id, meta({ revisionOfId: gone.id }), { fileName: "a.txt", stream: webStream(writeFile("rev.txt", 10)) });
    await expect(upload).rejects.toThrow("Deleted evidence cannot be revised: add new evidence instead.");
    expect(await counts()).toEqual(before);
  });
});

describe("[EVIDENCE] admin delete", () => {
  it("leaves a tombstone, purges the stored file, writes an audit event, and refuses a second delete", async () => {
    const { owner, admin, system } = await setup();
    const [item] = await checklistItems(system.id);
    const file = writeFile("secret.bin", CHUNK_BYTES + 10);
    const evidence = await storeEvidenceFile(ctx(owner), system.id, meta(), { fileName: "secret.bin", stream: webStream(file) });
    await t.db.checklistItemEvidence.create({ data: { itemId: item.id, evidenceId: evidence.id, linkedById: owner.id } });

    const reason = "Uploaded to the wrong system: contains another team's data.";
    expect(await deleteEvidence(ctx(admin), evidence.id, { reason })).toEqual({ id: evidence.id, deleted: true, purgedChunks: 2 });
    expect(await t.db.evidenceChunk.count({ where: { evidenceId: evidence.id } })).toBe(0);

    const tombstone = await getEvidence(ctx(owner), evidence.id);
    expect(tombstone).toMatchObject({
      state: "DELETED",
      sha256: evidence.sha256,
      deletionReason: reason,
      deletedBy: { id: admin.id, name: admin.name },
      linkedItemCount: 1,
      can: { download: false, revise: false, delete: false },
    });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: evidence.id, action: "evidence.deleted" } });
    expect(event).toMatchObject({ actorId: admin.id, summary: { sha256: evidence.sha256, reason, size: CHUNK_BYTES + 10, purgedChunks: 2 } });

    expect((await listEvidence(ctx(owner), system.id)).map((e) => e.id)).not.toContain(evidence.id);
    expect((await listEvidence(ctx(owner), system.id, { includeDeleted: "true" })).map((e) => e.id)).toContain(evidence.id);
    await expect(openEvidenceDownload(ctx(owner), evidence.id)).rejects.toThrow(new NotFoundError("This evidence was deleted by an admin."));
    await expect(deleteEvidence(ctx(admin), evidence.id, { reason })).rejects.toThrow("This evidence was already deleted.");
    // The tombstone itself is frozen.
    await expect(t.db.$executeRaw`UPDATE "Evidence" SET "deletionReason" = 'rewritten' WHERE id = ${evidence.id}`).rejects.toThrow(/tombstone/);
  });

  it("asks for a reason", async () => {
    const { owner, admin, system } = await setup();
    const note = await addNoteEvidence(ctx(owner), system.id, { ...meta(), body: "n" });
    await expect(deleteEvidence(ctx(admin), note.id, { reason: "oops" })).rejects.toMatchObject({
      fieldErrors: { reason: ["Explain the deletion in at least 10 characters."] },
    });
  });
});

describe("[EVIDENCE] permissions", () => {
  const upload = (actor: Actor, systemId: string) =>
    storeEvidenceFile(ctx(actor), systemId, meta(), { fileName: "a.txt", stream: webStream(writeFile(`p-${randomBytes(3).toString("hex")}.txt`, 10)) });

  it("an auditor cannot add evidence", async () => {
    const { auditor, system } = await setup();
    await expect(upload(auditor, system.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addLinkEvidence(ctx(auditor), system.id, { ...meta(), url: "https://x.example.com" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("a security reviewer can add evidence but cannot delete it", async () => {
    const { reviewer, system } = await setup();
    const evidence = await upload(reviewer, system.id);
    await expect(deleteEvidence(ctx(reviewer), evidence.id, { reason: "I want it gone, really." })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await t.db.evidenceChunk.count({ where: { evidenceId: evidence.id } })).toBe(1);
  });

  it("a product owner cannot see another owner's system: adding, listing, reading and downloading say not found", async () => {
    const { owner, stranger, system } = await setup();
    const evidence = await upload(owner, system.id);
    await expect(upload(stranger, system.id)).rejects.toThrow(new NotFoundError("System not found."));
    await expect(listEvidence(ctx(stranger), system.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEvidence(ctx(stranger), evidence.id)).rejects.toThrow(new NotFoundError("Evidence not found."));
    await expect(openEvidenceDownload(ctx(stranger), evidence.id)).rejects.toThrow(new NotFoundError("Evidence not found."));
    expect(await t.db.auditEvent.count({ where: { entityId: evidence.id, action: "evidence.downloaded" } })).toBe(0);
  });

  it("a contributing product owner can add evidence; nobody can add to an archived system", async () => {
    const { owner, contributor, admin, system } = await setup();
    expect((await upload(contributor, system.id)).uploadedBy.id).toBe(contributor.id);
    expect((await getEvidence(ctx(contributor), (await listEvidence(ctx(contributor), system.id))[0].id)).can).toEqual({
      download: true,
      revise: true,
      delete: false,
    });
    await setSystemArchived(ctx(owner), system.id, { archived: true, expectedVersion: system.rowVersion });
    await expect(upload(admin, system.id)).rejects.toThrow("This system is archived: restore it before adding evidence.");
  });
});

describe("[EVIDENCE] deleting a note or link purges its text", () => {
  it("clears the note body and link address in the tombstone; without deletion they stay immutable", async () => {
    const { owner, admin, system } = await setup();
    const note = await addEvidence(ctx(owner), system.id, { kind: "NOTE", ...meta({ title: "Decision" }), body: "Contains a customer's name." });
    const link = await addEvidence(ctx(owner), system.id, { kind: "LINK", ...meta({ title: "Ticket" }), url: "https://tracker.example.com/SEC-7" });
    await expect(t.db.$executeRaw`UPDATE "Evidence" SET "noteBody" = NULL WHERE id = ${note.id}`).rejects.toThrow(/immutable/);
    await expect(t.db.$executeRaw`UPDATE "Evidence" SET "url" = 'https://elsewhere.example.com' WHERE id = ${link.id}`).rejects.toThrow(/immutable/);
    await deleteEvidence(ctx(admin), note.id, { reason: "Personal data pasted by mistake." });
    await deleteEvidence(ctx(admin), link.id, { reason: "Link points to a private tracker." });
    const rows = await t.db.evidence.findMany({ where: { id: { in: [note.id, link.id] } }, select: { noteBody: true, url: true, title: true, deletedAt: true } });
    for (const row of rows) expect(row).toMatchObject({ noteBody: null, url: null, deletedAt: expect.any(Date) });
    expect(rows.map((r) => r.title).sort()).toEqual(["Decision", "Ticket"]);
  });
});
