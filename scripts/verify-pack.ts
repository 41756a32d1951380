/**
 * `npm run verify-pack <pack.zip> [--key-sha256 <hex>]`: checks an evidence pack offline with
 * Node's crypto only (signature, every file's SHA-256 and size, the audit hash chain); see
 * lib/exports/pack/verify-pack.ts. Exit code 0 when the pack verifies, 1 when it does not,
 * 2 on wrong usage. `--key-sha256` is the instance key fingerprint you trust (SHA-256 of the
 * public key in DER form), so a pack re-signed with another key is refused too.
 */
import { verifyPackFile } from "../lib/exports/pack/verify-pack";

async function main() {
  const args = process.argv.slice(2);
  const keyIndex = args.indexOf("--key-sha256");
  const trusted = keyIndex >= 0 ? args[keyIndex + 1] : undefined;
  const file = args.find((a, i) => !a.startsWith("--") && (keyIndex < 0 || i !== keyIndex + 1));
  if (!file || (keyIndex >= 0 && !trusted)) {
    console.error("Usage: npm run verify-pack <pack.zip> [--key-sha256 <hex>]");
    process.exit(2);
  }
  const result = await verifyPackFile(file, { trustedSpkiSha256: trusted });
  const manifest = result.manifest as { packId?: string; createdAt?: string; key?: { spkiSha256?: string } } | null;
  if (manifest) console.log(`Pack ${manifest.packId} made ${manifest.createdAt}, key SHA-256 ${manifest.key?.spkiSha256}`);
  console.log(`${result.files} files, ${result.bytes} bytes checked.`);
  if (result.ok) {
    console.log("OK: signature valid, every file matches the manifest, audit chain unbroken.");
    return;
  }
  console.log(`FAILED (${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}):`);
  for (const problem of result.problems) console.log(`  - ${problem}`);
  process.exitCode = 1;
}

void main();
