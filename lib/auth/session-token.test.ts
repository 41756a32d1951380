import { decode as authjsDecode, encode as authjsEncode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken, sessionIdFromCookies } from "./session-token";

const SECRET = "unit-test-secret-0123456789abcdef0123456789";
const SALT = "authjs.session-token";

describe("[AUTH] session cookie token (Auth.js format, derived key cached)", () => {
  it("reads cookies Auth.js issued, and Auth.js reads ours", async () => {
    const fromAuthjs = await authjsEncode({ token: { sub: "u1", sid: "s1" }, secret: SECRET, salt: SALT, maxAge: 3600 });
    expect(await decodeSessionToken({ token: fromAuthjs, secret: SECRET, salt: SALT })).toMatchObject({ sub: "u1", sid: "s1" });
    const ours = await encodeSessionToken({ token: { sub: "u2", sid: "s2" }, secret: SECRET, salt: SALT, maxAge: 3600 });
    expect(await authjsDecode({ token: ours, secret: SECRET, salt: SALT })).toMatchObject({ sub: "u2", sid: "s2" });
  });

  it("refuses a token for another secret, another cookie name, a changed byte, or past its expiry", async () => {
    const token = await encodeSessionToken({ token: { sid: "s3" }, secret: SECRET, salt: SALT, maxAge: 3600 });
    await expect(decodeSessionToken({ token, secret: `${SECRET}-other`, salt: SALT })).rejects.toThrow();
    await expect(decodeSessionToken({ token, secret: SECRET, salt: `__Secure-${SALT}` })).rejects.toThrow();
    const parts = token.split(".");
    const tail = parts[3]!;
    parts[3] = (tail[0] === "A" ? "B" : "A") + tail.slice(1);
    await expect(decodeSessionToken({ token: parts.join("."), secret: SECRET, salt: SALT })).rejects.toThrow();
    const expired = await encodeSessionToken({ token: { sid: "s4" }, secret: SECRET, salt: SALT, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret: SECRET, salt: SALT })).rejects.toThrow(/exp/);
  });

  it("accepts any of several secrets (rotation) and encrypts with the first", async () => {
    const old = await encodeSessionToken({ token: { sid: "s5" }, secret: "old-secret-0123456789abcdef0123", salt: SALT });
    expect(await decodeSessionToken({ token: old, secret: [SECRET, "old-secret-0123456789abcdef0123"], salt: SALT })).toMatchObject({ sid: "s5" });
    const fresh = await encodeSessionToken({ token: { sid: "s6" }, secret: [SECRET, "old-secret-0123456789abcdef0123"], salt: SALT });
    expect(await decodeSessionToken({ token: fresh, secret: SECRET, salt: SALT })).toMatchObject({ sid: "s6" });
  });

  it("finds the session id in the request's cookies, and says when the cookie is chunked", async () => {
    const plain = await encodeSessionToken({ token: { sub: "u", sid: "sid-plain" }, secret: SECRET, salt: SALT });
    const secure = await encodeSessionToken({ token: { sub: "u", sid: "sid-secure" }, secret: SECRET, salt: `__Secure-${SALT}` });
    const jar = (cookies: Record<string, string>) => (name: string) => cookies[name];
    expect(await sessionIdFromCookies(jar({ [SALT]: plain }), SECRET)).toBe("sid-plain");
    expect(await sessionIdFromCookies(jar({ [`__Secure-${SALT}`]: secure }), SECRET)).toBe("sid-secure");
    expect(await sessionIdFromCookies(jar({}), SECRET)).toBeNull();
    expect(await sessionIdFromCookies(jar({ [SALT]: "garbage" }), SECRET)).toBeNull();
    // A token encrypted for the other cookie name does not verify under this one.
    expect(await sessionIdFromCookies(jar({ [SALT]: secure }), SECRET)).toBeNull();
    expect(await sessionIdFromCookies(jar({ [`${SALT}.0`]: plain.slice(0, 10), [`${SALT}.1`]: plain.slice(10) }), SECRET)).toBeUndefined();
    expect(await sessionIdFromCookies(jar({ [SALT]: plain }), undefined)).toBeNull();
    const noSid = await encodeSessionToken({ token: { sub: "u" }, secret: SECRET, salt: SALT });
    expect(await sessionIdFromCookies(jar({ [SALT]: noSid }), SECRET)).toBeNull();
  });
});
