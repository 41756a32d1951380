/**
 * API token secrets: format, generation and the keyed hash stored in the database.
 *
 * Format: `aigov_` + 36 random base62 characters (≈214 bits) + a 6-character base62 CRC-32 of
 * those 36, e.g. `aigov_3kTq…Zp91Xb`. The fixed prefix makes a leaked token recognisable in
 * logs and to secret scanners; the checksum lets a scanner (and us, before touching the
 * database) tell a real token from random text offline. Same idea as GitHub's token format.
 *
 * Storage: HMAC-SHA-256(pepper, whole token), hex. A slow password hash (Argon2id, as for
 * passwords) buys nothing here: the secret is 214 random bits, so guessing is hopeless however
 * fast the hash is, and a slow hash would cost tens of milliseconds on every API call (the
 * deployment gate must answer thousands per second). The keyed hash adds one thing a plain
 * SHA-256 would not: with the pepper kept outside the database (derived from AUTH_SECRET or
 * set as API_TOKEN_PEPPER), a copy of the database alone cannot even test candidate tokens.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";

export const TOKEN_PREFIX = "aigov_";
const BODY_LENGTH = 36;
const CHECKSUM_LENGTH = 6;
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const TOKEN_PATTERN = new RegExp(`^${TOKEN_PREFIX}[0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}}$`);
/** How much of the secret lists and logs show (prefix + 6 characters of randomness). */
export const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

function base62(value: number, width: number): string {
  let out = "";
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

function checksum(body: string): string {
  // 62^6 > 2^32: six characters hold any CRC-32 value.
  return base62(crc32(body), CHECKSUM_LENGTH);
}

/** A new random token body; uniform over the alphabet (rejection sampling, no modulo bias). */
function randomBody(): string {
  let out = "";
  while (out.length < BODY_LENGTH) {
    for (const byte of randomBytes(BODY_LENGTH * 2)) {
      if (byte < 248 && out.length < BODY_LENGTH) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** Generates a new token secret (shown to its creator once, never stored). */
export function generateTokenSecret(): string {
  const body = randomBody();
  return `${TOKEN_PREFIX}${body}${checksum(body)}`;
}

/** True when `value` has the token format and a valid checksum. Never touches the database. */
export function isWellFormedToken(value: string): boolean {
  if (!TOKEN_PATTERN.test(value)) return false;
  const body = value.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + BODY_LENGTH);
  const sum = value.slice(TOKEN_PREFIX.length + BODY_LENGTH);
  return timingSafeEqual(Buffer.from(checksum(body)), Buffer.from(sum));
}

/** The part of a secret that lists and logs may show. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, DISPLAY_PREFIX_LENGTH);
}

/**
 * The pepper for token hashes: API_TOKEN_PEPPER when set, otherwise derived from AUTH_SECRET
 * with HKDF-SHA-256 under a label of its own (so it is not the session key). Changing either
 * secret invalidates every API token.
 * @throws Error when neither variable is set.
 */
export function derivePepper(env: { API_TOKEN_PEPPER?: string; AUTH_SECRET?: string }): Buffer {
  if (env.API_TOKEN_PEPPER) return Buffer.from(env.API_TOKEN_PEPPER, "utf8");
  if (!env.AUTH_SECRET) throw new Error("API tokens need AUTH_SECRET (or API_TOKEN_PEPPER) to be set.");
  return Buffer.from(hkdfSync("sha256", env.AUTH_SECRET, "aigov", "api-token-pepper v1", 32));
}

/** HMAC-SHA-256(pepper, secret) as lower-case hex: what `ApiToken.secretHash` stores. */
export function hashTokenSecret(secret: string, pepper: Buffer): string {
  return createHmac("sha256", pepper).update(secret, "utf8").digest("hex");
}
