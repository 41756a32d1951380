/**
 * Webhook signatures (pure). Every delivery carries
 *
 *   X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 *
 * where `secret` is the webhook's secret exactly as shown on creation (its UTF-8 bytes, the
 * `whsec_` prefix included) and `body` the raw request body bytes. Signing the timestamp with
 * the body lets a receiver refuse replays: it rejects a timestamp more than
 * SIGNATURE_TOLERANCE_SECONDS away from its clock, and a replayed request cannot carry a newer
 * timestamp without the secret. Receivers may also remember the `X-Webhook-Delivery` id to drop
 * a duplicate within the window (the same delivery is retried with the same id). The README
 * ("Outgoing webhooks") shows a receiver in a few lines.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Signature";
/** How far a signature's timestamp may be from the receiver's clock, in seconds (5 minutes). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Lower-case hex HMAC-SHA256 of `${timestamp}.${body}` under `secret`. */
export function computeSignature(secret: string, timestamp: number, body: string | Uint8Array): string {
  const hmac = createHmac("sha256", Buffer.from(secret, "utf8"));
  hmac.update(`${timestamp}.`, "utf8");
  hmac.update(typeof body === "string" ? Buffer.from(body, "utf8") : body);
  return hmac.digest("hex");
}

/**
 * The `X-Signature` value for a body sent at `timestamp` (whole seconds since the epoch).
 * @throws RangeError when the timestamp is not a whole, non-negative number of seconds.
 */
export function signatureHeader(secret: string, timestamp: number, body: string | Uint8Array): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError("The signature timestamp must be whole seconds since the epoch.");
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: "malformed" | "too-old" | "too-new" | "mismatch" };

/**
 * What a receiver does with a delivery (and what our tests do): parses the header, refuses a
 * timestamp outside the tolerance (replays and clocks far off), and compares the expected
 * signature with every `v1=` in the header in constant time.
 *
 * @param input.header the `X-Signature` header value (null when absent).
 * @param input.body the raw body exactly as received (not re-serialised JSON).
 * @param input.nowSeconds the receiver's clock (default now).
 */
export function verifySignature(input: { header: string | null | undefined; body: string | Uint8Array; secret: string; nowSeconds?: number; toleranceSeconds?: number }): VerifyResult {
  const { header, body, secret } = input;
  if (!header || header.length > 1000) return { ok: false, reason: "malformed" };
  let timestamp: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) candidates.push(value);
  }
  if (timestamp === null || candidates.length === 0) return { ok: false, reason: "malformed" };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (timestamp < now - tolerance) return { ok: false, reason: "too-old" };
  if (timestamp > now + tolerance) return { ok: false, reason: "too-new" };
  const expected = Buffer.from(computeSignature(secret, timestamp, body), "hex");
  const match = candidates.some((c) => timingSafeEqual(Buffer.from(c, "hex"), expected));
  return match ? { ok: true, timestamp } : { ok: false, reason: "mismatch" };
}
