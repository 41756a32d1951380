import { decryptPrivateKey, keyEncryptionKey } from "@/lib/signing/key-material";
import type { Db } from "@/lib/db/create-client";

/**
 * Every encoding a leak of the instance's private signing keys could take (PEM, DER and raw
 * seed in base64, base64url and hex, the JWK `d`, and the stored ciphertext), for tests that
 * check API answers never contain one. Uses the test AUTH_SECRET.
 */
export async function privateKeyForms(db: Db): Promise<string[]> {
  const rows = await db.signingKey.findMany();
  return rows.flatMap((row) => {
    const key = decryptPrivateKey({ keyId: row.id, encryptedPrivateKey: row.encryptedPrivateKey, secretSource: row.secretSource }, keyEncryptionKey({ AUTH_SECRET: process.env.AUTH_SECRET }));
    const der = key.export({ type: "pkcs8", format: "der" });
    const seed = der.subarray(der.length - 32);
    const blob = Buffer.from(row.encryptedPrivateKey);
    return [
      key.export({ type: "pkcs8", format: "pem" }).toString(),
      der.toString("base64"),
      seed.toString("base64"),
      seed.toString("base64url"),
      seed.toString("hex"),
      blob.toString("base64"),
      blob.toString("hex"),
      (key.export({ format: "jwk" }) as { d: string }).d,
    ];
  });
}
