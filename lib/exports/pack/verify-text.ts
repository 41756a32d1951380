/**
 * VERIFY.md: how an auditor checks a pack with standard tools only (sha256sum, openssl, and a
 * few lines of Python for the audit chain). The shell commands are the ones the test suite
 * runs against a generated pack (they are read from the fenced `sh` blocks), so they cannot
 * drift from what works.
 */
export const SUMS_FILE = "SHA256SUMS";

export function verifyMarkdown(opts: { packId: string; createdAt: string; fingerprint: string; spkiSha256: string; generator: string }): string {
  return `# Verifying this evidence pack

Pack \`${opts.packId}\`, made ${opts.createdAt} by ${opts.generator}.
Signing key fingerprint: \`${opts.fingerprint}\` (SHA-256 of the public key, DER: \`${opts.spkiSha256}\`).

Everything below works offline, without our server. Unzip the pack and run the commands in
the unzipped folder.

## 1. The manifest is signed by the instance

\`manifest.json\` lists every other file of the pack with its SHA-256 and size;
\`manifest.sig\` is a detached Ed25519 signature over the exact bytes of \`manifest.json\`.

\`\`\`sh
openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig
\`\`\`

Expected output: \`Signature Verified Successfully\`.

Check that the key is the instance's own, not one shipped by whoever handed you the pack:

\`\`\`sh
openssl pkey -pubin -in public-key.pem -outform DER | sha256sum
\`\`\`

must print \`${opts.spkiSha256}\`, which must also be the fingerprint the instance publishes
(ask its administrator, or compare with an earlier pack).

## 2. Every file is the one the manifest lists

\`${SUMS_FILE}\` holds the same digests as the manifest, in the format \`sha256sum\` reads:

\`\`\`sh
sha256sum -c ${SUMS_FILE}
\`\`\`

Every line must end in \`OK\`. \`${SUMS_FILE}\` itself is covered by the signature: its digest
is the manifest's \`sha256sums\` value:

\`\`\`sh
sha256sum ${SUMS_FILE}
\`\`\`

A file present in the folder but not listed is not part of the pack.

## 3. The audit log extract is an unbroken piece of the instance's hash chain

\`audit/audit-log.jsonl\` has one event per line, in order. Every event's hash is
SHA-256 of: the previous event's hash, a newline, and the canonical JSON of its \`content\`
(keys sorted at every depth, no spaces). Lines with \`"withheld": true\` are events outside this
pack's scope: their content is left out, their links are kept. The first line's \`prevHash\`
must be the manifest's \`audit.anchorPrevHash\` and the last line's \`hash\` its
\`audit.lastHash\`; \`audit.chainHead\` was the newest event of the whole log when the pack was made.

\`\`\`python
import hashlib, json
manifest = json.load(open("manifest.json"))
prev = manifest["audit"]["anchorPrevHash"]
for number, line in enumerate(open("audit/audit-log.jsonl", encoding="utf-8"), 1):
    event = json.loads(line)
    assert event["prevHash"] == prev, f"line {number}: chain broken"
    if not event.get("withheld"):
        canonical = json.dumps(event["content"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256((event["prevHash"] + "\\n" + canonical).encode("utf-8")).hexdigest()
        assert digest == event["hash"], f"line {number}: event altered"
    prev = event["hash"]
assert prev == manifest["audit"]["lastHash"], "extract incomplete"
print("audit chain OK")
\`\`\`

To tie the extract to the live log, compare \`audit.lastHash\` (or \`chainHead.hash\`) with the
event of that id on the instance's audit log page.

## Or all at once

From a checkout of the product: \`npm run verify-pack <pack.zip>\` (Node's crypto only).
`;
}
