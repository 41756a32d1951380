import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { actorOf, createActor, createUser } from "@/test/factories";
import { changeUserRole, setUserDisabled } from "@/lib/users/manage-users";
import { createSession, endAllSessions, loadSessionActor, pruneExpiredSessions, signOutSession } from "./session-store";

const t = useTestDatabase();
const HOUR = 3_600_000;

describe("[AUTH] server-side sessions", () => {
  it("a session resolves to its user until it is ended; other devices stay signed in", async () => {
    const user = await createUser(t.db, "AUDITOR");
    const laptop = await createSession(t.db, { userId: user.id, method: "password", maxAgeHours: 12 });
    const phone = await createSession(t.db, { userId: user.id, method: "password", maxAgeHours: 12 });
    expect(laptop.id).not.toBe(phone.id);
    expect(await loadSessionActor(t.db, laptop.id)).toMatchObject({ id: user.id, role: "AUDITOR", mustChangePassword: false });
    expect(await signOutSession(t.db, laptop.id, { ip: "unknown" })).toBe(true);
    expect(await loadSessionActor(t.db, laptop.id)).toBeNull();
    // Signing out twice (a replayed sign-out) writes nothing more.
    expect(await signOutSession(t.db, laptop.id)).toBe(false);
    expect(await loadSessionActor(t.db, phone.id)).toMatchObject({ id: user.id });
    const events = await t.db.auditEvent.findMany({ where: { action: "auth.sign_out", entityId: user.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: user.id, summary: { method: "password" }, requestMeta: { ip: "unknown" } });
  });

  it("has an absolute maximum age that use does not extend", async () => {
    const user = await createUser(t.db, "AUDITOR");
    const start = new Date();
    const session = await createSession(t.db, { userId: user.id, method: "password", maxAgeHours: 2 }, start);
    // Used every half hour: still ends at start + 2 h.
    for (let h = 0; h < 2; h += 0.5) expect(await loadSessionActor(t.db, session.id, new Date(start.getTime() + h * HOUR))).not.toBeNull();
    expect(await loadSessionActor(t.db, session.id, new Date(start.getTime() + 2 * HOUR))).toBeNull();
    expect(session.expiresAt.getTime()).toBe(start.getTime() + 2 * HOUR);
  });

  it("a disable or role change ends every session of the user (session version)", async () => {
    const admin = actorOf(await createUser(t.db, "ADMIN"));
    const user = await createUser(t.db, "PRODUCT_OWNER");
    const a = await createSession(t.db, { userId: user.id, method: "password", maxAgeHours: 12 });
    await changeUserRole({ actor: admin, db: t.db }, user.id, { role: "AUDITOR" });
    expect(await loadSessionActor(t.db, a.id)).toBeNull();
    const b = await createSession(t.db, { userId: user.id, method: "password", maxAgeHours: 12 });
    expect(await loadSessionActor(t.db, b.id)).toMatchObject({ role: "AUDITOR" });
    await setUserDisabled({ actor: admin, db: t.db }, user.id, true);
    expect(await loadSessionActor(t.db, b.id)).toBeNull();
    await expect(createSession(t.db, { userId: user.id, method: "password", maxAgeHours: 12 })).rejects.toThrow(/disabled/);
  });

  it("sign out everywhere ends all of a user's sessions and nobody else's", async () => {
    const user = await createUser(t.db, "AUDITOR");
    const other = await createActor(t.db, "AUDITOR");
    const mine = [await createSession(t.db, { userId: user.id, method: "password", maxAgeHours: 12 }), await createSession(t.db, { userId: user.id, method: "oidc", maxAgeHours: 12 })];
    const theirs = await createSession(t.db, { userId: other.id, method: "password", maxAgeHours: 12 });
    expect(await endAllSessions(t.db, user.id)).toBe(2);
    for (const s of mine) expect(await loadSessionActor(t.db, s.id)).toBeNull();
    expect(await loadSessionActor(t.db, theirs.id)).not.toBeNull();
  });

  it("unknown, empty or absurd ids resolve to nobody; expired rows are pruned", async () => {
    expect(await loadSessionActor(t.db, "no-such-session")).toBeNull();
    expect(await loadSessionActor(t.db, "")).toBeNull();
    expect(await loadSessionActor(t.db, "x".repeat(500))).toBeNull();
    const user = await createUser(t.db, "AUDITOR");
    const old = await createSession(t.db, { userId: user.id, method: "password", maxAgeHours: 1 }, new Date(Date.now() - 3 * HOUR));
    expect(await pruneExpiredSessions(t.db)).toBeGreaterThanOrEqual(1);
    expect(await t.db.authSession.count({ where: { id: old.id } })).toBe(0);
  });

  it("the per-request check is one indexed lookup (primary keys of both tables)", async () => {
    const user = await createUser(t.db, "AUDITOR");
    const session = await createSession(t.db, { userId: user.id, method: "password", maxAgeHours: 12 });
    // Tiny test tables would make a sequential scan cheapest; forbid it (in one transaction,
    // so on one connection) to see which indexes the planner has for this query.
    const plan = await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`);
      return tx.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(
        `EXPLAIN SELECT u."id" FROM "AuthSession" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = $1 AND s."expiresAt" > now() AND u."sessionVersion" = s."userVersion" AND NOT u."disabled"`,
        session.id,
      );
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/Index Scan using "AuthSession_pkey"/);
    expect(text).toMatch(/Index Scan using "User_pkey"/);
  });
});
