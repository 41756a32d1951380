import { createHash, generateKeyPairSync, sign } from "node:crypto";
import type { PackSigner } from "@/lib/exports/pack/write-pack";

/** A throw-away Ed25519 key with the instance signing key's shape (lib/signing), for tests and benchmarks. */
export function testSigner(): PackSigner {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const der = publicKey.export({ type: "spki", format: "der" });
  const fingerprint = createHash("sha256").update(der).digest("hex");
  return {
    keyId: `test-${fingerprint.slice(0, 8)}`,
    fingerprint,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    sign: (bytes) => sign(null, bytes, privateKey),
  };
}
