import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import yazl from "yazl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAsset } from "@/lib/assets/create-asset";
import type { Actor } from "@/lib/authz/actor";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { useTestDatabase } from "@/test/db";
import { buildExportFixture, type ExportFixture } from "@/test/export-fixture";
import { createActor } from "@/test/factories";
import { testSigner } from "@/test/signing";
import { createEvidencePack, resolvePackScope } from "./create-pack";
import { verifyPackFile } from "./verify-pack";
import { writeEvidencePack, type PackProgress, type PackResult } from "./write-pack";

const t = useTestDatabase();
const signer = testSigner();
let dir: string;
let fx: ExportFixture;
let other: ExportFixture;
let auditor: Actor;
let packFile: string;
let unzipped: string;
let result: PackResult;
const progress: PackProgress[] = [];

async function makePack(actor: Actor, request: unknown, file: string) {
  const ctx = { actor, db: t.db };
  const scope = await resolvePackScope(ctx, request);
  return createEvidencePack(ctx, scope, fs.createWriteStream(file), { signer, databaseUrl: t.url, onProgress: (p) => progress.push(p) });
}

function unzip(zip: string, into: string) {
  fs.mkdirSync(into, { recursive: true });
  execFileSync("unzip", ["-q", "-o", zip, "-d", into]);
}

/** Zips a folder back up (every file, sorted), the way someone tampering with a pack would. */
async function rezip(folder: string, zip: string) {
  const z = new yazl.ZipFile();
  const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  for (const file of walk(folder).sort()) z.addFile(file, path.relative(folder, file));
  z.end();
  await new Promise<void>((resolve, reject) => {
    z.outputStream.pipe(fs.createWriteStream(zip)).on("close", () => resolve()).on("error", reject);
  });
}

/** The fenced blocks of one language in VERIFY.md, in order. */
function blocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!.trim());
}

function run(command: string, cwd: string) {
  return spawnSync("bash", ["-c", command], { cwd, encoding: "utf8" });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-pack-test-"));
  fx = await buildExportFixture(t.db);
  other = await buildExportFixture(t.db);
  // An event of the first system after the second one's: the extract must skip over those.
  await createAsset({ actor: fx.owner, db: t.db }, fx.systemId, { kind: "PROMPT", name: "Late prompt" });
  auditor = await createActor(t.db, "AUDITOR");
  packFile = path.join(dir, "pack.zip");
  result = await makePack(auditor, { systemIds: [fx.systemId] }, packFile);
  unzipped = path.join(dir, "pack");
  unzip(packFile, unzipped);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("[EXPORTS] evidence pack: contents", () => {
  it("holds every part the issue lists, each listed in the manifest with SHA-256 and size", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(unzipped, "manifest.json"), "utf8"));
    const paths = manifest.files.map((f: { path: string }) => f.path);
    for (const expected of [
      "VERIFY.md", "public-key.pem", "report.html", "SHA256SUMS", "aibom.cdx.json", "oscal/assessment-results.json", "audit/audit-log.jsonl",
      "data/systems.json", "data/assets.json", "data/checklist-items.json", "data/evidence.json", "data/threats.json",
      "csv/systems.csv", "csv/assets.csv", "csv/checklist-items.csv", "csv/evidence.csv", `evidence/${fx.evidence.file.sha256}`,
    ]) expect(paths).toContain(expected);
    for (const f of manifest.files) {
      const bytes = fs.readFileSync(path.join(unzipped, f.path));
      expect({ path: f.path, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.byteLength }).toEqual(f);
    }
    expect(manifest.scope).toMatchObject({ all: false, systems: 1, systemIds: [fx.systemId] });
    expect(manifest.generator.version).toBe("0.1.0");
    expect(manifest.key.fingerprint).toBe(signer.fingerprint);
    // Only this system's records: the other fixture system is nowhere.
    const systems = JSON.parse(fs.readFileSync(path.join(unzipped, "data/systems.json"), "utf8"));
    expect(systems.map((s: { id: string }) => s.id)).toEqual([fx.systemId]);
    const evidence = JSON.parse(fs.readFileSync(path.join(unzipped, "data/evidence.json"), "utf8"));
    expect(evidence.map((e: { id: string }) => e.id).sort()).toEqual(Object.values(fx.evidence).map((e) => e.id).sort());
    expect(fs.readFileSync(path.join(unzipped, `evidence/${fx.evidence.file.sha256}`), "utf8")).toBe("Findings: none critical.\n=1+1\n");
    expect(progress.some((p) => p.phase === "evidence")).toBe(true);
  });

  it("every CSV cell that a spreadsheet would run as a formula is neutralised (CSV injection)", () => {
    let risky = 0;
    for (const name of fs.readdirSync(path.join(unzipped, "csv"))) {
      const text = fs.readFileSync(path.join(unzipped, "csv", name), "utf8").replace(/^\uFEFF/, "");
      const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
      for (const cell of rows.flat()) {
        expect(cell, `${name}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
        if (/^'[=+\-@]/.test(cell)) risky++;
      }
    }
    // The fixture's formula-like notes, titles and evidence titles all reached the CSVs, escaped.
    expect(risky).toBeGreaterThanOrEqual(4);
    expect(fs.readFileSync(path.join(unzipped, "csv/assets.csv"), "utf8")).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it("the audit extract holds the system's events in full and other systems' as withheld links; the export itself is audited with the manifest digest", async () => {
    const lines = fs.readFileSync(path.join(unzipped, "audit/audit-log.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const full = lines.filter((l) => !l.withheld);
    expect(full.some((l) => l.content.action === "system.created" && l.content.entityId === fx.systemId)).toBe(true);
    expect(full.every((l) => l.content.entityId === fx.systemId || l.content.summary?.systemId === fx.systemId)).toBe(true);
    expect(lines.some((l) => l.withheld)).toBe(true);
    const manifestBytes = fs.readFileSync(path.join(unzipped, "manifest.json"));
    const event = await t.db.auditEvent.findFirst({ where: { action: "export.pack_created", entityId: result.manifest.packId } });
    expect(event?.actorId).toBe(auditor.id);
    expect(event?.summary).toMatchObject({ manifestSha256: createHash("sha256").update(manifestBytes).digest("hex"), keyFingerprint: signer.fingerprint, scope: { systemIds: [fx.systemId] } });
  });

  it("report.html is self-contained (no script, no remote resource) and escapes what people typed", () => {
    const html = fs.readFileSync(path.join(unzipped, "report.html"), "utf8");
    expect(html).not.toMatch(/<script|src="http|href="http[^"]*\.css/i);
    expect(html).toContain("System card");
    expect(html).toContain("Threat model in force");
    // Approvals and incidents have landed: the fixture has neither, and the report says so.
    expect(html).toContain("No deployment approval requested.");
    expect(html).toContain("No incident recorded for this system.");
    expect(html).toContain(`href="evidence/${fx.evidence.file.sha256}"`);
  });
});

describe("[EXPORTS] evidence pack: verification with standard tools, as VERIFY.md says", () => {
  it("the sha256sum -c and openssl pkeyutl -verify commands from VERIFY.md succeed, and so does its Python chain check", () => {
    const verify = fs.readFileSync(path.join(unzipped, "VERIFY.md"), "utf8");
    const commands = blocks(verify, "sh");
    expect(commands).toEqual(expect.arrayContaining([expect.stringMatching(/^openssl pkeyutl -verify /), expect.stringMatching(/^sha256sum -c /)]));
    for (const command of commands) {
      const out = run(command, unzipped);
      expect(out.status, `${command}\n${out.stdout}${out.stderr}`).toBe(0);
    }
    expect(run(commands.find((c) => c.startsWith("openssl pkeyutl"))!, unzipped).stdout).toContain("Signature Verified Successfully");
    expect(run(commands.find((c) => c.startsWith("openssl pkey "))!, unzipped).stdout).toContain(result.manifest.key.spkiSha256);
    const python = blocks(verify, "python")[0]!;
    const out = spawnSync("python3", ["-c", python], { cwd: unzipped, encoding: "utf8" });
    expect(out.stdout + out.stderr).toContain("audit chain OK");
  });

  it("npm run verify-pack accepts the pack (Node crypto only), and refuses it against another trusted key", async () => {
    const check = await verifyPackFile(packFile, { trustedSpkiSha256: result.manifest.key.spkiSha256 });
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    const root = path.join(import.meta.dirname, "../../..");
    const ok = spawnSync("npm", ["run", "--silent", "verify-pack", "--", packFile], { cwd: root, encoding: "utf8" });
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain("OK: signature valid");
    const wrongKey = spawnSync("npm", ["run", "--silent", "verify-pack", "--", packFile, "--key-sha256", "0".repeat(64)], { cwd: root, encoding: "utf8" });
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.stdout).toContain("is not the trusted key");
  });

  const tampers: [string, (folder: string) => void, RegExp, "sha256sum" | "openssl"][] = [
    ["one evidence byte", (f) => {
      const file = path.join(f, `evidence/${fx.evidence.file.sha256}`);
      const bytes = fs.readFileSync(file);
      bytes[0] = bytes[0]! ^ 1;
      fs.writeFileSync(file, bytes);
    }, /evidence\/.*content differs/, "sha256sum"],
    ["one JSON field", (f) => {
      const file = path.join(f, "data/checklist-items.json");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"status":"NOT_MET"', '"status":"MET"'));
    }, /data\/checklist-items\.json: content differs/, "sha256sum"],
    ["one audit line", (f) => {
      const file = path.join(f, "audit/audit-log.jsonl");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"action":"system.created"', '"action":"system.updated"'));
    }, /audit line \d+: the event does not match its hash/, "sha256sum"],
    ["the manifest", (f) => {
      const file = path.join(f, "manifest.json");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"systems": 1', '"systems": 2'));
    }, /manifest\.sig is not a valid signature/, "openssl"],
    ["the signature", (f) => {
      const file = path.join(f, "manifest.sig");
      const bytes = fs.readFileSync(file);
      bytes[10] = bytes[10]! ^ 0x80;
      fs.writeFileSync(file, bytes);
    }, /manifest\.sig is not a valid signature/, "openssl"],
  ];

  it.each(tampers)("tampering with %s is detected by verify-pack and by the VERIFY.md commands", async (_what, tamper, problem, tool) => {
    const folder = path.join(dir, `t-${Math.random().toString(36).slice(2)}`);
    fs.cpSync(unzipped, folder, { recursive: true });
    tamper(folder);
    const zip = `${folder}.zip`;
    await rezip(folder, zip);
    const check = await verifyPackFile(zip);
    expect(check.ok).toBe(false);
    expect(check.problems.join("\n")).toMatch(problem);
    const commands = blocks(fs.readFileSync(path.join(unzipped, "VERIFY.md"), "utf8"), "sh");
    const command = commands.find((c) => c.startsWith(tool === "sha256sum" ? "sha256sum -c" : "openssl pkeyutl"))!;
    expect(run(command, folder).status).not.toBe(0);
  });
});

describe("[EXPORTS] evidence pack: scope and permissions", () => {
  it("a product owner may not run exports; an unknown or invisible system is 404; a bad period names the field", async () => {
    await expect(resolvePackScope({ actor: fx.owner, db: t.db }, { systemIds: [fx.systemId] })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resolvePackScope({ actor: auditor, db: t.db }, { systemIds: ["nope"] })).rejects.toBeInstanceOf(NotFoundError);
    const error = await resolvePackScope({ actor: auditor, db: t.db }, { systemIds: [fx.systemId], from: "2026-05-01", to: "2026-04-01" }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toHaveProperty("to");
    await expect(resolvePackScope({ actor: auditor, db: t.db }, {})).rejects.toBeInstanceOf(ValidationError);
  });

  it("several systems get one AI-BOM each; a period leaves older events out of the extract (as withheld links) and the pack still verifies", async () => {
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const file = path.join(dir, "two.zip");
    const today = new Date().toISOString().slice(0, 10);
    const two = await makePack(reviewer, { systemIds: [fx.systemId, other.systemId], from: today, to: today }, file);
    const check = await verifyPackFile(file);
    expect(check.problems).toEqual([]);
    const paths = two.manifest.files.map((f) => f.path);
    expect(paths.filter((p) => p.startsWith("aibom/"))).toHaveLength(2);
    expect(two.manifest.scope).toMatchObject({ systems: 2, from: today, to: today });

    const future = path.join(dir, "future.zip");
    const empty = await makePack(reviewer, { systemIds: [fx.systemId], from: "2999-01-01" }, future);
    expect(empty.manifest.audit.events).toBe(0);
    expect((await verifyPackFile(future)).problems).toEqual([]);
  });
});

describe("[EXPORTS] evidence pack: stored files", () => {
  it("a stored file whose bytes no longer match its recorded SHA-256 fails the pack, read over COPY or through Prisma", async () => {
    const damaged = await buildExportFixture(t.db, { name: "Damaged storage" });
    // Storage damage behind the application's back: the immutability trigger is bypassed as a replica would.
    await t.db.$transaction([
      t.db.$executeRaw`SET LOCAL session_replication_role = replica`,
      t.db.$executeRaw`UPDATE "EvidenceChunk" SET data = set_byte(data, 0, get_byte(data, 0) # 1) WHERE "evidenceId" = ${damaged.evidence.file.id}`,
    ]);
    const ctx = { actor: auditor, db: t.db };
    const scope = await resolvePackScope(ctx, { systemIds: [damaged.systemId] });
    for (const databaseUrl of [t.url, undefined]) {
      const file = path.join(dir, `damaged-${databaseUrl ? "copy" : "prisma"}.zip`);
      const attempt = writeEvidencePack(t.db, scope, fs.createWriteStream(file), { signer, databaseUrl, createdBy: { id: auditor.id, label: "test" } });
      await expect(attempt).rejects.toThrow(`Stored content of evidence ${damaged.evidence.file.id} does not match its recorded size and SHA-256.`);
    }
  });
});
