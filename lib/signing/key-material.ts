/**
 * Ed25519 key material for the instance signing key, and its encryption at rest. Pure (no
 * database); ./keys.ts stores and rotates keys.
 *
 * Encryption key: SIGNING_KEY_SECRET when set, otherwise HKDF-SHA-256 over AUTH_SECRET with a
 * label of its own ("signing-key-encryption v1"), so the key-encryption key is never the session
 * key or the token pepper. AUTH_SECRET is the default because every instance already shares it
 * (several app instances must decrypt the same key) and it is never in the database, so a
 * database dump alone does not yield the private key. SIGNING_KEY_SECRET exists so operators
 * can rotate AUTH_SECRET (which signs sessions) without losing the signing key; set it before
 * rotating AUTH_SECRET. With a changed secret the stored key cannot be decrypted: signing fails
 * with a message saying so, and an admin rotates to a new key (old public keys stay listed).
 *
 * Cipher: AES-256-GCM, 12-byte random IV, the key id as additional authenticated data (a
 * ciphertext moved to another row does not decrypt). Stored as iv | tag | ciphertext.
 */
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, randomBytes, sign, type KeyObject } from "node:crypto";

export type SecretSource = "SIGNING_KEY_SECRET" | "AUTH_SECRET";
export type SigningSecrets = { SIGNING_KEY_SECRET?: string; AUTH_SECRET?: string };

/**
 * The 32-byte key-encryption key and where it came from.
 * @throws Error when neither secret is set.
 */
export function keyEncryptionKey(env: SigningSecrets): { key: Buffer; source: SecretSource } {
  if (env.SIGNING_KEY_SECRET) {
    return { key: Buffer.from(hkdfSync("sha256", env.SIGNING_KEY_SECRET, "aigov", "signing-key-encryption v1", 32)), source: "SIGNING_KEY_SECRET" };
  }
  if (env.AUTH_SECRET) return { key: Buffer.from(hkdfSync("sha256", env.AUTH_SECRET, "aigov", "signing-key-encryption v1", 32)), source: "AUTH_SECRET" };
  throw new Error("The signing key needs AUTH_SECRET (or SIGNING_KEY_SECRET) to be set.");
}

/** Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo: the key id (`openssl pkey -pubin -outform DER | openssl dgst -sha256`). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex");
}

/** The displayed fingerprint of a key id: `SHA256:` and the hex in groups of four. */
export function fingerprintOf(keyId: string): string {
  return `SHA256:${keyId.match(/.{1,4}/g)!.join(":")}`;
}

export type NewKeyMaterial = { keyId: string; publicKeyPem: string; encryptedPrivateKey: Buffer; secretSource: SecretSource };

/** A fresh Ed25519 key pair, the private half encrypted under `kek`. */
export function generateKeyMaterial(kek: { key: Buffer; source: SecretSource }): NewKeyMaterial {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const keyId = keyIdOf(publicKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", kek.key, iv);
  cipher.setAAD(Buffer.from(keyId, "ascii"));
  const ciphertext = Buffer.concat([cipher.update(privateKey.export({ type: "pkcs8", format: "der" })), cipher.final()]);
  return {
    keyId,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    encryptedPrivateKey: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]),
    secretSource: kek.source,
  };
}

/**
 * Decrypts a stored private key and checks it matches the stored public key.
 * @throws Error (without key material in the message) when the secret is wrong or the row was tampered with.
 */
export function decryptPrivateKey(stored: { keyId: string; encryptedPrivateKey: Uint8Array; secretSource: string }, kek: { key: Buffer; source: SecretSource }): KeyObject {
  const blob = Buffer.from(stored.encryptedPrivateKey);
  let der: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", kek.key, blob.subarray(0, 12));
    decipher.setAuthTag(blob.subarray(12, 28));
    decipher.setAAD(Buffer.from(stored.keyId, "ascii"));
    der = Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
  } catch {
    throw new Error(
      `The instance signing key ${stored.keyId.slice(0, 16)}… cannot be decrypted: it was encrypted under ${stored.secretSource}` +
        (stored.secretSource !== kek.source ? `, but ${kek.source} is in use now` : ", which has changed") +
        ". Restore the old secret, or rotate the signing key in Admin → Settings.",
    );
  }
  const privateKey = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  if (keyIdOf(createPublicKey(privateKey)) !== stored.keyId) throw new Error(`The stored signing key ${stored.keyId.slice(0, 16)}… does not match its public key.`);
  return privateKey;
}

/** An Ed25519 signature (64 bytes) over `bytes`. */
export function ed25519Sign(privateKey: KeyObject, bytes: Uint8Array): Buffer {
  return sign(null, bytes, privateKey);
}
