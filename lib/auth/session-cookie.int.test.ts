import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { createSession, loadSessionActor, signOutSession } from "./session-store";

const t = useTestDatabase();
const SECRET = "integration-test-secret-of-at-least-32-chars";
// Auth.js salts the session JWT with the cookie's name (plain http: no __Secure- prefix).
const SALT = "authjs.session-token";

/** What getActor does with a cookie: Auth.js decodes it, then one lookup decides. */
async function actorFromCookie(cookie: string, now?: Date) {
  const token = await decode({ token: cookie, secret: SECRET, salt: SALT });
  return typeof token?.sid === "string" ? loadSessionActor(t.db, token.sid, now) : null;
}

describe("[AUTH] a session cookie captured before sign-out", () => {
  it("still decodes (it is validly signed) but the server refuses it after sign-out", async () => {
    const user = await createUser(t.db, "PRODUCT_OWNER");
    const session = await createSession(t.db, { userId: user.id, method: "password", maxAgeHours: 12 });
    const cookie = await encode({ token: { sub: user.id, sid: session.id }, secret: SECRET, salt: SALT, maxAge: 12 * 3600 });
    expect(await actorFromCookie(cookie)).toMatchObject({ id: user.id, role: "PRODUCT_OWNER" });

    await signOutSession(t.db, session.id);
    // The attacker's copy is cryptographically intact...
    expect((await decode({ token: cookie, secret: SECRET, salt: SALT }))?.sid).toBe(session.id);
    // ...and worthless: every page, route and action goes through this decision.
    expect(await actorFromCookie(cookie)).toBeNull();
  });

  it("a cookie re-issued with a later expiry (rolling) does not outlive the session's absolute end", async () => {
    const user = await createUser(t.db, "AUDITOR");
    const start = new Date();
    const session = await createSession(t.db, { userId: user.id, method: "password", maxAgeHours: 1 }, start);
    // Auth.js re-encodes the JWT with a fresh expiry when the session is read; simulate a
    // cookie that is itself valid for a week.
    const cookie = await encode({ token: { sub: user.id, sid: session.id }, secret: SECRET, salt: SALT, maxAge: 7 * 24 * 3600 });
    expect(await actorFromCookie(cookie, new Date(start.getTime() + 59 * 60_000))).not.toBeNull();
    expect(await actorFromCookie(cookie, new Date(start.getTime() + 61 * 60_000))).toBeNull();
  });

  it("a cookie from before server-side sessions (no session id) resolves to nobody", async () => {
    const user = await createUser(t.db, "ADMIN");
    const legacy = await encode({ token: { sub: user.id, uid: user.id, sv: 0 }, secret: SECRET, salt: SALT });
    expect(await actorFromCookie(legacy)).toBeNull();
  });
});
