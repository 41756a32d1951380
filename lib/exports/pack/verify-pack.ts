/**
 * Verifies an evidence pack with Node's own crypto (and yauzl to read the ZIP), the way
 * VERIFY.md tells an auditor to with sha256sum and openssl:
 * 1. manifest.sig is a valid Ed25519 signature of manifest.json's exact bytes by public-key.pem
 *    (and, when `trustedSpkiSha256` is given, that key is the expected one);
 * 2. every entry but the manifest and its signature is listed in the manifest with the same
 *    SHA-256 and size, every listed file is present, no name appears twice; SHA256SUMS
 *    matches the manifest's `sha256sums` digest and lists the same files;
 * 3. the audit extract is an unbroken run of the hash chain from the manifest's anchor to its
 *    last hash, with every full event's hash recomputed.
 * Used by `npm run verify-pack` and the tests. No server, database or network involved.
 */
import { createHash, createPublicKey, verify as verifySignature } from "node:crypto";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { hashEvent, type AuditContent } from "@/lib/audit/chain";

export type PackCheck = { ok: boolean; problems: string[]; files: number; bytes: number; manifest: Record<string, unknown> | null };

const SMALL = new Set(["manifest.json", "manifest.sig", "public-key.pem", "SHA256SUMS"]);
const AUDIT_FILE = "audit/audit-log.jsonl";

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(file, { lazyEntries: true, autoClose: true }, (err, zip) => (err ? reject(err) : resolve(zip))));
}

/** Walks a pack's lines one by one (see lib/exports/pack/audit-extract.ts for the format). */
export class ExtractVerifier {
  private prev: string | null;
  private lineNo = 0;
  problem: string | null = null;
  constructor(private readonly anchor: { anchorPrevHash: string | null; lastHash: string | null }) {
    this.prev = anchor.anchorPrevHash;
  }
  line(text: string) {
    this.lineNo++;
    if (this.problem || text === "") return;
    let entry: { prevHash?: unknown; hash?: unknown; content?: unknown; withheld?: unknown };
    try {
      entry = JSON.parse(text);
    } catch {
      this.problem = `audit line ${this.lineNo}: not JSON`;
      return;
    }
    if (typeof entry.prevHash !== "string" || typeof entry.hash !== "string") {
      this.problem = `audit line ${this.lineNo}: no prevHash/hash`;
    } else if (entry.prevHash !== this.prev) {
      this.problem = `audit line ${this.lineNo}: the chain is broken (prevHash does not link to the ${this.lineNo === 1 ? "manifest's anchor" : "line before"})`;
    } else if (entry.withheld !== true && hashEvent(entry.prevHash, entry.content as AuditContent) !== entry.hash) {
      this.problem = `audit line ${this.lineNo}: the event does not match its hash (altered)`;
    } else {
      this.prev = entry.hash;
    }
  }
  end(): string | null {
    if (this.problem) return this.problem;
    if (this.prev !== this.anchor.lastHash) return "audit extract: its last hash is not the manifest's audit.lastHash (events missing or added)";
    return null;
  }
}

async function consume(stream: Readable, onChunk: (chunk: Buffer) => void): Promise<void> {
  for await (const chunk of stream) onChunk(chunk as Buffer);
}

/**
 * Checks the pack at `file`. Never throws for a bad pack: problems are listed.
 * @param opts.trustedSpkiSha256 the instance key's fingerprint the auditor expects (optional).
 */
export async function verifyPackFile(file: string, opts: { trustedSpkiSha256?: string } = {}): Promise<PackCheck> {
  const problems: string[] = [];
  const small = new Map<string, Buffer>();
  const hashed = new Map<string, { sha256: string; size: number }>();
  const auditLines: string[] = [];
  let auditBytes = 0;
  const seen = new Set<string>();
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (error) {
    return { ok: false, problems: [`not a readable ZIP file: ${(error as Error).message}`], files: 0, bytes: 0, manifest: null };
  }

  // The audit extract is kept as lines only until the manifest (read last or first) is known;
  // packs put the manifest at the end, so lines are checked after the walk.
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", resolve);
    zip.on("entry", (entry: yauzl.Entry) => {
      const name = entry.fileName;
      if (seen.has(name)) problems.push(`${name}: appears twice in the archive`);
      seen.add(name);
      if (name.endsWith("/")) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const hash = createHash("sha256");
        let size = 0;
        const keep: Buffer[] = [];
        let partial = "";
        consume(stream, (chunk) => {
          hash.update(chunk);
          size += chunk.byteLength;
          if (SMALL.has(name)) keep.push(chunk);
          if (name === AUDIT_FILE) {
            auditBytes += chunk.byteLength;
            const text = partial + chunk.toString("utf8");
            const lines = text.split("\n");
            partial = lines.pop()!;
            auditLines.push(...lines);
          }
        })
          .then(() => {
            if (name === AUDIT_FILE && partial) auditLines.push(partial);
            hashed.set(name, { sha256: hash.digest("hex"), size });
            if (SMALL.has(name)) small.set(name, Buffer.concat(keep));
            zip.readEntry();
          })
          .catch(reject);
      });
    });
    zip.readEntry();
  }).catch((error: unknown) => problems.push(`the archive could not be read: ${(error as Error).message}`));
  void auditBytes;

  const manifestBytes = small.get("manifest.json");
  const signature = small.get("manifest.sig");
  const pem = small.get("public-key.pem");
  if (!manifestBytes || !signature || !pem) {
    problems.push("manifest.json, manifest.sig or public-key.pem is missing");
    return { ok: false, problems, files: hashed.size, bytes: 0, manifest: null };
  }

  // 1. Signature and key.
  let spki = "";
  try {
    const key = createPublicKey(pem);
    spki = createHash("sha256").update(key.export({ type: "spki", format: "der" })).digest("hex");
    if (!verifySignature(null, manifestBytes, key, signature)) problems.push("manifest.sig is not a valid signature of manifest.json by public-key.pem");
  } catch (error) {
    problems.push(`public-key.pem or manifest.sig is unusable: ${(error as Error).message}`);
  }
  if (opts.trustedSpkiSha256 && spki !== opts.trustedSpkiSha256.toLowerCase()) problems.push(`public-key.pem is not the trusted key (its SHA-256 is ${spki})`);

  let manifest: { files?: { path: string; sha256: string; size: number }[]; sha256sums?: string; key?: { spkiSha256?: string }; audit?: { anchorPrevHash: string | null; lastHash: string | null } };
  try {
    manifest = JSON.parse(manifestBytes.toString("utf8"));
  } catch {
    problems.push("manifest.json is not JSON");
    return { ok: false, problems, files: hashed.size, bytes: 0, manifest: null };
  }
  if (manifest.key?.spkiSha256 !== spki) problems.push("the manifest names another key than public-key.pem");

  // 2. Files.
  const listed = new Map((manifest.files ?? []).map((f) => [f.path, f]));
  for (const [name, actual] of hashed) {
    if (name === "manifest.json" || name === "manifest.sig") continue;
    const expected = listed.get(name);
    if (!expected) problems.push(`${name}: not listed in the manifest`);
    else if (expected.sha256 !== actual.sha256 || expected.size !== actual.size) problems.push(`${name}: content differs from the manifest (SHA-256 ${actual.sha256}, ${actual.size} bytes)`);
  }
  for (const name of listed.keys()) if (!hashed.has(name)) problems.push(`${name}: listed in the manifest but missing`);
  const sums = small.get("SHA256SUMS");
  if (!sums) problems.push("SHA256SUMS is missing");
  else {
    if (createHash("sha256").update(sums).digest("hex") !== manifest.sha256sums) problems.push("SHA256SUMS does not match the manifest's sha256sums digest");
    const lines = sums.toString("utf8").split("\n").filter(Boolean);
    for (const line of lines) {
      const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      if (!match || listed.get(match[2]!)?.sha256 !== match[1]) problems.push(`SHA256SUMS line disagrees with the manifest: ${line.slice(0, 120)}`);
    }
  }

  // 3. Audit chain.
  if (manifest.audit && hashed.has(AUDIT_FILE)) {
    const verifier = new ExtractVerifier(manifest.audit);
    for (const line of auditLines) verifier.line(line);
    const problem = verifier.end();
    if (problem) problems.push(problem);
  } else problems.push(`${AUDIT_FILE} or the manifest's audit anchor is missing`);

  const bytes = [...hashed.values()].reduce((n, f) => n + f.size, 0);
  return { ok: problems.length === 0, problems, files: hashed.size, bytes, manifest: manifest as Record<string, unknown> };
}
