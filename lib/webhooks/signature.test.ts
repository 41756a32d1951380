import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { webhookBody, webhookHeaders } from "./payload";
import { generateWebhookSecret, openSecret, sealSecret, secretPrefixOf, webhookKek } from "./secret-box";
import { computeSignature, SIGNATURE_TOLERANCE_SECONDS, signatureHeader, verifySignature } from "./signature";

const SECRET = "whsec_test-secret-0123456789";
const BODY = '{"id":"d1","type":"webhook.test","test":true}';
const T = 1_764_567_000;

describe("[WEBHOOKS] signature", () => {
  it("is HMAC-SHA256 over `${timestamp}.${body}` with the secret's UTF-8 bytes, as a receiver computes it", () => {
    const expected = createHmac("sha256", SECRET).update(`${T}.${BODY}`).digest("hex");
    expect(computeSignature(SECRET, T, BODY)).toBe(expected);
    expect(signatureHeader(SECRET, T, BODY)).toBe(`t=${T},v1=${expected}`);
    // Bytes and text of the same body sign alike; non-ASCII bodies are signed as UTF-8.
    expect(computeSignature(SECRET, T, Buffer.from(BODY))).toBe(expected);
    const utf8 = '{"title":"Zulassung für „Büro“"}';
    expect(computeSignature(SECRET, T, utf8)).toBe(createHmac("sha256", SECRET).update(Buffer.from(`${T}.${utf8}`, "utf8")).digest("hex"));
  });

  it("verifies within the tolerance and says why it refuses otherwise", () => {
    const header = signatureHeader(SECRET, T, BODY);
    expect(verifySignature({ header, body: BODY, secret: SECRET, nowSeconds: T })).toEqual({ ok: true, timestamp: T });
    expect(verifySignature({ header, body: BODY, secret: SECRET, nowSeconds: T + SIGNATURE_TOLERANCE_SECONDS })).toMatchObject({ ok: true });
    expect(verifySignature({ header, body: BODY, secret: SECRET, nowSeconds: T - SIGNATURE_TOLERANCE_SECONDS })).toMatchObject({ ok: true });
    // A replay after five minutes, or a timestamp from the future.
    expect(verifySignature({ header, body: BODY, secret: SECRET, nowSeconds: T + SIGNATURE_TOLERANCE_SECONDS + 1 })).toEqual({ ok: false, reason: "too-old" });
    expect(verifySignature({ header, body: BODY, secret: SECRET, nowSeconds: T - SIGNATURE_TOLERANCE_SECONDS - 1 })).toEqual({ ok: false, reason: "too-new" });
    // A changed body, a wrong secret, a timestamp moved forward without re-signing.
    expect(verifySignature({ header, body: `${BODY} `, secret: SECRET, nowSeconds: T })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySignature({ header, body: BODY, secret: `${SECRET}x`, nowSeconds: T })).toEqual({ ok: false, reason: "mismatch" });
    const moved = header.replace(`t=${T}`, `t=${T + 60}`);
    expect(verifySignature({ header: moved, body: BODY, secret: SECRET, nowSeconds: T + 60 })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("accepts any one of several v1 signatures (a sender signing with two secrets during a rotation)", () => {
    const other = computeSignature("whsec_old", T, BODY);
    const header = `t=${T},v1=${other},v1=${computeSignature(SECRET, T, BODY)}`;
    expect(verifySignature({ header, body: BODY, secret: SECRET, nowSeconds: T }).ok).toBe(true);
    expect(verifySignature({ header, body: BODY, secret: "whsec_old", nowSeconds: T }).ok).toBe(true);
  });

  it.each([null, "", "v1=abc", `t=${T}`, `t=soon,v1=${"a".repeat(64)}`, `t=${T},v1=${"A".repeat(64)}`, `t=${T},v1=${"a".repeat(63)}`, "x".repeat(2000)])("refuses the malformed header %s", (header) => {
    expect(verifySignature({ header, body: BODY, secret: SECRET, nowSeconds: T })).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses to sign with a timestamp that is not whole seconds", () => {
    expect(() => signatureHeader(SECRET, 1.5, BODY)).toThrow(RangeError);
    expect(() => signatureHeader(SECRET, -1, BODY)).toThrow(RangeError);
  });

  it("the headers of an attempt carry a signature a receiver verifies over the exact body", () => {
    const body = webhookBody({ deliveryId: "d-1", kind: "approval.requested", createdAt: new Date(T * 1000), test: false, title: "Approval requested: Bot", body: "v1 to production", href: "/approvals/a1", baseUrl: "https://gov.example/", system: { id: "s1", name: "Bot" }, data: { approvalId: "a1" } });
    expect(JSON.parse(body)).toMatchObject({ id: "d-1", type: "approval.requested", url: "https://gov.example/approvals/a1", system: { id: "s1", name: "Bot" }, data: { approvalId: "a1" }, test: false });
    const headers = webhookHeaders({ secret: SECRET, timestampSeconds: T, body, deliveryId: "d-1", kind: "approval.requested", webhookId: "w-1" });
    expect(headers).toMatchObject({ "Content-Type": "application/json; charset=utf-8", "X-Webhook-Delivery": "d-1", "X-Webhook-Event": "approval.requested", "X-Webhook-Id": "w-1" });
    expect(verifySignature({ header: headers["X-Signature"], body, secret: SECRET, nowSeconds: T + 10 })).toEqual({ ok: true, timestamp: T });
  });
});

describe("[WEBHOOKS] secrets at rest", () => {
  const kek = webhookKek({ AUTH_SECRET: "a-test-auth-secret-that-is-long-enough-000" });

  it("a new secret is whsec_ and 32 random bytes; the prefix identifies it without revealing it", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(secret);
    expect(secretPrefixOf(secret)).toBe(secret.slice(0, 10));
  });

  it("is encrypted per webhook: it decrypts for its own id only, and not under another key", () => {
    const secret = generateWebhookSecret();
    const sealed = sealSecret(secret, "hook-1", kek);
    expect(sealed.includes(Buffer.from(secret))).toBe(false);
    expect(openSecret({ id: "hook-1", encryptedSecret: sealed, secretSource: kek.source }, kek)).toBe(secret);
    expect(() => openSecret({ id: "hook-2", encryptedSecret: sealed, secretSource: kek.source }, kek)).toThrow(/cannot be decrypted/);
    const other = webhookKek({ SIGNING_KEY_SECRET: "another-secret-that-is-long-enough-0000000", AUTH_SECRET: "a-test-auth-secret-that-is-long-enough-000" });
    expect(other.source).toBe("SIGNING_KEY_SECRET");
    expect(() => openSecret({ id: "hook-1", encryptedSecret: sealed, secretSource: kek.source }, other)).toThrow(/encrypted under AUTH_SECRET, but SIGNING_KEY_SECRET is in use now/);
  });

  it("needs a configured secret to derive its key", () => {
    expect(() => webhookKek({})).toThrow(/AUTH_SECRET/);
  });
});
