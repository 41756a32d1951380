import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { changeUserRole, setUserDisabled } from "@/lib/users/manage-users";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import { createApiToken } from "./create-token";
import { listApiTokens } from "./queries";
import { revokeApiToken } from "./revoke-token";

// Route handlers use the app's client and, without a bearer token, the session: point both at the test.
const state = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null }));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs(state, { requestId: "test", ip: "203.0.113.9" }));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));

const systemsRoute = await import("@/app/api/systems/route");
const t = useTestDatabase();

const call = (method: "GET" | "POST", secret: string | null, body?: unknown, extraHeaders: Record<string, string> = {}) =>
  (method === "GET" ? systemsRoute.GET : systemsRoute.POST)(
    new Request("http://localhost/api/systems", {
      method,
      headers: { host: "localhost", "content-type": "application/json", ...(secret ? { authorization: `Bearer ${secret}` } : {}), ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );

async function setup() {
  state.db = t.db;
  state.actor = null;
  const admin = await createActor(t.db, "ADMIN");
  const keeper = await createActor(t.db, "ADMIN"); // so `admin` can be demoted
  return { admin, keeper, ctx: { actor: admin, db: t.db } };
}

describe("[TOKENS] API tokens over HTTP", () => {
  it("a systems:read token lists systems and is refused a write (403, audited), the secret is never stored or listed", async () => {
    const { admin, ctx } = await setup();
    const created = await createApiToken(ctx, { name: "CI reader", scopes: ["systems:read"] });
    expect(created.secret).toMatch(/^aigov_/);

    const listed = await call("GET", created.secret);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ total: expect.any(Number), items: expect.any(Array) });

    const write = await call("POST", created.secret, systemInput());
    expect(write.status).toBe(403);
    expect(((await write.json()) as { error: { message: string } }).error.message).toMatch(/lacks the systems:write scope/);
    const denied = await t.db.auditEvent.findFirst({ where: { action: "token.denied", entityId: created.id } });
    expect(denied).toMatchObject({ actorId: admin.id, actorType: "token", actorRef: created.id });

    const { rows } = await listApiTokens(ctx);
    const row = rows.find((r) => r.id === created.id)!;
    expect(row).toMatchObject({ name: "CI reader", state: "ACTIVE", prefix: created.secret.slice(0, 12), lastUsedIp: "203.0.113.9" });
    expect(JSON.stringify(rows)).not.toContain(created.secret);
    const stored = await t.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(stored)).not.toContain(created.secret.slice(12));
    expect(await t.db.auditEvent.count({ where: { action: "token.created", entityId: created.id } })).toBe(1);
  });

  it("a systems:write token creates a system; the audit event names the token", async () => {
    const { ctx } = await setup();
    const { id, secret } = await createApiToken(ctx, { name: "Registrar", scopes: ["systems:write"] });
    const res = await call("POST", secret, systemInput({ name: "Created by pipeline" }));
    expect(res.status).toBe(201);
    const system = (await res.json()) as { id: string };
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "system.created", entityId: system.id } });
    expect(event).toMatchObject({ actorType: "token", actorRef: id });
    expect(event.actorLabel).toContain('API token "Registrar"');
  });

  it("revoked, expired, unknown and malformed tokens get 401; a revoked token's use is audited", async () => {
    const { ctx } = await setup();
    const revoked = await createApiToken(ctx, { name: "Old", scopes: ["systems:read"] });
    expect((await call("GET", revoked.secret)).status).toBe(200);
    await revokeApiToken(ctx, revoked.id);
    const after = await call("GET", revoked.secret);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);
    expect(after.headers.get("www-authenticate")).toMatch(/Bearer/);
    expect(await t.db.auditEvent.count({ where: { action: "token.denied", entityId: revoked.id } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: "token.revoked", entityId: revoked.id } })).toBe(1);

    const expiring = await createApiToken(ctx, { name: "Short", scopes: ["systems:read"], expiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) });
    await t.db.apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call("GET", expiring.secret)).status).toBe(401);

    const forged = `${revoked.secret.slice(0, 20)}${"A".repeat(revoked.secret.length - 20)}`;
    expect((await call("GET", forged)).status).toBe(401);
    expect((await call("GET", null, undefined, { authorization: "Basic abc" })).status).toBe(401);
    expect((await call("GET", "not-a-token")).status).toBe(401);
  });

  it("a token never does more than its owner's role: demoted to reviewer, its write scope no longer creates systems; disabled, it is refused", async () => {
    const { admin, keeper, ctx } = await setup();
    const { secret } = await createApiToken(ctx, { name: "Writer", scopes: ["systems:write", "systems:read"] });
    await changeUserRole({ actor: keeper, db: t.db }, admin.id, { role: "SECURITY_REVIEWER" });
    const res = await call("POST", secret, systemInput());
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/role may not register AI systems/);
    expect((await call("GET", secret)).status).toBe(200); // reviewers read
    await setUserDisabled({ actor: keeper, db: t.db }, admin.id, true);
    expect((await call("GET", secret)).status).toBe(401);
  });

  it("the per-token rate limit answers 429 with Retry-After past its count", async () => {
    const { ctx } = await setup();
    const { secret } = await createApiToken(ctx, { name: "Tight", scopes: ["systems:read"], rateLimitPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await call("GET", secret));
    // A minute boundary may fall between the calls; then the third starts a new window.
    const codes = statuses.map((r) => r.status);
    expect(codes.slice(0, 2)).toEqual([200, 200]);
    if (codes[2] === 429) expect(Number(statuses[2]!.headers.get("retry-after"))).toBeGreaterThan(0);
    else expect(await t.db.apiRateLimit.count()).toBeGreaterThan(1);
  });

  it("concurrent calls of one token (counted together in one statement) each take their own place in the minute's count", async () => {
    const { ctx } = await setup();
    const { secret, id } = await createApiToken(ctx, { name: "Burst", scopes: ["systems:read"], rateLimitPerMinute: 5 });
    const codes = (await Promise.all(Array.from({ length: 12 }, () => call("GET", secret)))).map((r) => r.status);
    const windows = await t.db.apiRateLimit.findMany({ where: { key: `token:${id}` } });
    expect(windows.reduce((n, w) => n + w.count, 0)).toBe(12);
    // A minute boundary may fall inside the burst; then each window admits its own five.
    const admitted = codes.filter((c) => c === 200).length;
    expect(admitted).toBe(windows.reduce((n, w) => n + Math.min(w.count, 5), 0));
    expect(codes.filter((c) => c !== 200).every((c) => c === 429)).toBe(true);
  });

  it("only admins create, list and revoke tokens; bad input is refused with a field message", async () => {
    const { ctx } = await setup();
    for (const role of ["SECURITY_REVIEWER", "PRODUCT_OWNER", "AUDITOR"] as const) {
      const other = { actor: await createActor(t.db, role), db: t.db };
      await expect(createApiToken(other, { name: "x", scopes: ["systems:read"] })).rejects.toThrow(/manage API tokens/);
      await expect(listApiTokens(other)).rejects.toThrow(/manage API tokens/);
    }
    await expect(createApiToken(ctx, { name: "x", scopes: [] })).rejects.toMatchObject({ fieldErrors: { scopes: ["Choose at least one scope."] } });
    await expect(createApiToken(ctx, { name: "x", scopes: ["root"] })).rejects.toMatchObject({ status: 422 });
    await expect(createApiToken(ctx, { name: "\u202e", scopes: ["systems:read"] })).rejects.toMatchObject({ status: 422 });
    await expect(createApiToken(ctx, { name: "x", scopes: ["systems:read"], expiresOn: "2001-01-01" })).rejects.toMatchObject({ fieldErrors: { expiresOn: ["Choose a future date."] } });
    const tooLate = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    await expect(createApiToken(ctx, { name: "x", scopes: ["systems:read"], expiresOn: tooLate })).rejects.toMatchObject({ fieldErrors: { expiresOn: [expect.stringMatching(/no later than/)] } });
    expect(await t.db.apiToken.count({ where: { name: "x" } })).toBe(0);
  });

  it("lists tokens a page at a time, clamping a page beyond the end", async () => {
    const { ctx } = await setup();
    for (let i = 0; i < 3; i++) await createApiToken(ctx, { name: `Paged ${i}`, scopes: ["systems:read"] });
    const all = await listApiTokens(ctx, { pageSize: 200 });
    const first = await listApiTokens(ctx, { page: 1, pageSize: 2 });
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: all.total, pageCount: Math.ceil(all.total / 2) });
    expect(first.rows).toHaveLength(2);
    const last = await listApiTokens(ctx, { page: 999, pageSize: 2 });
    expect(last.page).toBe(last.pageCount);
    const seen = [];
    for (let p = 1; p <= first.pageCount; p++) seen.push(...(await listApiTokens(ctx, { page: p, pageSize: 2 })).rows.map((r) => r.id));
    expect(new Set(seen).size).toBe(all.total);
  });

  it("a token without an expiry date works for 90 days (through the last day, UTC)", async () => {
    const { ctx } = await setup();
    const now = new Date("2026-03-01T10:00:00Z");
    const token = await createApiToken(ctx, { name: "Default expiry", scopes: ["systems:read"], expiresOn: "" }, now);
    expect(token.expiresAt).toBe("2026-05-30T23:59:59.999Z");
  });

  it("a session request keeps the same-origin check; Origin: null is refused with 403", async () => {
    const { admin } = await setup();
    state.actor = admin;
    expect((await call("POST", null, systemInput(), { origin: "null" })).status).toBe(403);
    expect((await call("POST", null, systemInput(), { origin: "https://evil.example" })).status).toBe(403);
    expect((await call("POST", null, systemInput(), { origin: "http://localhost" })).status).toBe(201);
  });
});
