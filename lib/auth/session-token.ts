import "server-only";
import { hkdf } from "@panva/hkdf";
import { EncryptJWT, base64url, calculateJwkThumbprint, jwtDecrypt, type JWTPayload } from "jose";

/**
 * The session cookie's JWT, encoded and decoded exactly as Auth.js does by default (JWE, `dir`
 * key management, A256CBC-HS512, the key derived from AUTH_SECRET by HKDF-SHA-256 with the
 * cookie name as salt, `kid` = the key's JWK thumbprint; see @auth/core/jwt.js), so cookies
 * issued by either stay valid — with one difference: the derived key and its thumbprint are
 * computed once per process and secret, not on every request. The profile of
 * `bench:throughput` showed HKDF and the thumbprint on every request; both depend only on
 * the secret and the salt.
 *
 * The cookie carries only `{ sub, sid }`; whether the session is still valid is decided by the
 * server-side record (session-store.ts), never by the cookie alone.
 */

const ENC = "A256CBC-HS512";
const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

type Derived = { key: Uint8Array; thumbprint: string };
const derivedKeys = new Map<string, Promise<Derived>>();

/** The encryption key for `enc` derived from `secret` with `salt`, and its thumbprint; cached. */
function derive(enc: string, secret: string, salt: string): Promise<Derived> {
  const cacheKey = JSON.stringify([enc, secret, salt]);
  let derived = derivedKeys.get(cacheKey);
  if (!derived) {
    const length = enc === "A256CBC-HS512" ? 64 : enc === "A256GCM" ? 32 : 0;
    if (!length) return Promise.reject(new Error("Unsupported JWT content encryption algorithm"));
    derived = (async () => {
      const key = await hkdf("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length);
      const thumbprint = await calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, `sha${key.byteLength << 3}` as "sha512");
      return { key, thumbprint };
    })();
    derived.catch(() => derivedKeys.delete(cacheKey));
    derivedKeys.set(cacheKey, derived);
  }
  return derived;
}

function secretsOf(secret: string | string[]): string[] {
  return (Array.isArray(secret) ? secret : [secret]).filter((s) => typeof s === "string" && s.length > 0);
}

type EncodeParams = { token?: JWTPayload; secret: string | string[]; salt: string; maxAge?: number };
type DecodeParams = { token?: string; secret: string | string[]; salt: string };

/**
 * Issues the session JWT (Auth.js's `jwt.encode`): encrypted with the first secret.
 * @param maxAge seconds until `exp` (Auth.js passes the session's maxAge).
 */
export async function encodeSessionToken({ token = {}, secret, salt, maxAge = DEFAULT_MAX_AGE_SECONDS }: EncodeParams): Promise<string> {
  const [first] = secretsOf(secret);
  if (!first) throw new Error("AUTH_SECRET is not set");
  const { key, thumbprint } = await derive(ENC, first, salt);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: ENC, kid: thumbprint })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + maxAge)
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

/**
 * Decrypts and verifies a session JWT (Auth.js's `jwt.decode`): any of the secrets whose
 * derived key's thumbprint matches `kid`; `exp` checked with 15 s of clock tolerance.
 * @returns the payload, or null for no token. @throws when the token is invalid or expired.
 */
export async function decodeSessionToken({ token, secret, salt }: DecodeParams): Promise<JWTPayload | null> {
  if (!token) return null;
  const secrets = secretsOf(secret);
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc }) => {
      for (const s of secrets) {
        const { key, thumbprint } = await derive(enc, s, salt);
        if (kid === undefined || kid === thumbprint) return key;
      }
      throw new Error("no matching decryption secret");
    },
    { clockTolerance: 15, keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: [ENC, "A256GCM"] },
  );
  return payload;
}

/** Cookie names Auth.js uses for the session token (the `__Secure-` one on HTTPS). */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/**
 * The server-side session id (`sid`) in the request's session cookie, or null when there is no
 * cookie or it does not decrypt, verify or carry a sid. `undefined` when the cookie is split
 * into chunks (Auth.js does so above 4 KB; ours never is), so the caller falls back to Auth.js.
 * @param get reads a cookie value by name.
 */
export async function sessionIdFromCookies(get: (name: string) => string | undefined, secret: string | undefined): Promise<string | null | undefined> {
  if (!secret) return null;
  for (const name of SESSION_COOKIE_NAMES) {
    const value = get(name);
    if (value === undefined) {
      if (get(`${name}.0`) !== undefined) return undefined;
      continue;
    }
    try {
      const payload = await decodeSessionToken({ token: value, secret, salt: name });
      return typeof payload?.sid === "string" ? payload.sid : null;
    } catch {
      return null;
    }
  }
  return null;
}
