/**
 * Webhook secrets: generation and encryption at rest. Pure (no database).
 *
 * Why stored encrypted and not hashed (unlike API tokens): the server itself must compute
 * HMAC-SHA256 with the secret on every delivery, so it needs the secret, not a hash of it. It
 * is shown to the admin once (on creation and on rotation) and never again, and the database
 * holds only AES-256-GCM ciphertext. The encryption key is derived (HKDF-SHA-256, a label of its
 * own, "webhook-secret-encryption v1") from SIGNING_KEY_SECRET when set, else AUTH_SECRET: both
 * live in the instances' environment, never in the database, so a database dump or backup
 * alone does not reveal any secret, and every instance can decrypt (same reasoning as the
 * instance signing key, lib/signing/key-material.ts). The webhook id is the associated data,
 * so a ciphertext copied to another webhook's row does not decrypt. Stored as iv | tag | ciphertext.
 *
 * If the secret that derived the key changes, old secrets cannot be decrypted: deliveries fail
 * with a message saying so and the admin rotates the webhook's secret.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

export type SecretSource = "SIGNING_KEY_SECRET" | "AUTH_SECRET";
export type WebhookKeySecrets = { SIGNING_KEY_SECRET?: string; AUTH_SECRET?: string };
export type WebhookKek = { key: Buffer; source: SecretSource };

const LABEL = "webhook-secret-encryption v1";

/**
 * The key-encryption key for webhook secrets and where it came from.
 * @throws Error when neither secret is set.
 */
export function webhookKek(env: WebhookKeySecrets): WebhookKek {
  const source: SecretSource | null = env.SIGNING_KEY_SECRET ? "SIGNING_KEY_SECRET" : env.AUTH_SECRET ? "AUTH_SECRET" : null;
  if (!source) throw new Error("Webhook secrets need AUTH_SECRET (or SIGNING_KEY_SECRET) to be set.");
  return { key: Buffer.from(hkdfSync("sha256", env[source]!, "aigov", LABEL, 32)), source };
}

/** A new webhook secret: `whsec_` and 32 random bytes in base64url (43 characters). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** What the pages show of a secret: its first 10 characters ("whsec_Ab12"). */
export function secretPrefixOf(secret: string): string {
  return secret.slice(0, 10);
}

/** Encrypts `secret` for the webhook `webhookId`. */
export function sealSecret(secret: string, webhookId: string, kek: WebhookKek): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", kek.key, iv);
  cipher.setAAD(Buffer.from(webhookId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/**
 * Decrypts a stored secret.
 * @throws Error (without secret material) when the key is wrong or the row was tampered with.
 */
export function openSecret(stored: { id: string; encryptedSecret: Uint8Array; secretSource: string }, kek: WebhookKek): string {
  const blob = Buffer.from(stored.encryptedSecret);
  try {
    const decipher = createDecipheriv("aes-256-gcm", kek.key, blob.subarray(0, 12));
    decipher.setAuthTag(blob.subarray(12, 28));
    decipher.setAAD(Buffer.from(stored.id, "utf8"));
    return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(
      `The webhook's secret cannot be decrypted: it was encrypted under ${stored.secretSource}` +
        (stored.secretSource !== kek.source ? `, but ${kek.source} is in use now` : ", which has changed") +
        ". Rotate the webhook's secret on its page and give the receiver the new one.",
    );
  }
}
