import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * "Known device" cookies (the OWASP defence against account lock-out by a third party):
 * after a successful password sign-in the browser gets a long-lived cookie that vouches
 * "this browser has signed in as <email> before". A later attempt for that email carrying a
 * valid cookie is limited per device instead of sharing the account-wide limits, so an
 * attacker who keeps an account throttled (they can, since the per-account back-off holds
 * whatever the IP, and with no trusted proxy every client shares the IP "unknown") does not
 * keep its owner out of their usual browser. Guesses through a device are still limited
 * (LOGIN_MAX_FAILURES per window, per device).
 *
 * Token: `<deviceId>.<HMAC-SHA-256(secret, "device|" + email + "|" + deviceId)>`, base64url.
 * The email itself is not in the cookie.
 */
export const DEVICE_COOKIE = "aigov-device";
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;

function mac(secret: string, email: string, deviceId: string) {
  return createHmac("sha256", secret).update(`device|${email.trim().toLowerCase()}|${deviceId}`).digest("base64url");
}

/** A new device token for `email`, signed with `secret` (AUTH_SECRET). */
export function issueDeviceToken(email: string, secret: string): string {
  const deviceId = randomBytes(16).toString("base64url");
  return `${deviceId}.${mac(secret, email, deviceId)}`;
}

/**
 * The device id if `token` was issued for `email` with `secret`, else null (any malformed,
 * foreign or tampered value).
 */
export function verifyDeviceToken(token: string | undefined | null, email: string, secret: string | undefined): string | null {
  if (!token || !secret || token.length > 200) return null;
  const [deviceId, signature, extra] = token.split(".");
  if (!deviceId || !signature || extra !== undefined || !/^[\w-]{16,64}$/.test(deviceId)) return null;
  const expected = Buffer.from(mac(secret, email, deviceId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? deviceId : null;
}

/** The value of one cookie from a `Cookie` header (first occurrence), or undefined. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
