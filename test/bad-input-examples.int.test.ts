/**
 * Issue 7's examples of bad input, each over HTTP with the answer it must get: a 4xx whose
 * message names the field (404 for ids), nothing written. The sweep (hostile-input.int.test.ts)
 * proves "no 5xx, nothing written" for every route; this file pins the exact answers.
 */
import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { ZAuditFilter } from "@/lib/audit/queries";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";

const state = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null }));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs(state));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));

const systems = await import("@/app/api/systems/route");
const system = await import("@/app/api/systems/[id]/route");
const auditExport = await import("@/app/api/audit/export/route");
const t = useTestDatabase();

type Answer = { status: number; body: { error?: { message: string; fieldErrors?: Record<string, string[]> }; items?: { id: string }[]; nextCursor?: string | null } };
async function send(handler: (r: Request, c: { params: Promise<unknown> }) => Promise<Response>, method: string, url: string, opts: { body?: string; params?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await handler(
    new Request(`http://localhost${url}`, { method, headers: { host: "localhost", "content-type": "application/json", ...opts.headers }, body: opts.body }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

async function setup() {
  state.db = t.db;
  state.actor = await createActor(t.db, "PRODUCT_OWNER");
  const created = await send(systems.POST, "POST", "/api/systems", { body: JSON.stringify(systemInput({ name: `Examples ${Date.now()}` })) });
  expect(created.status).toBe(201);
  return (created.body as unknown as { id: string }).id;
}

const counts = async () => ({ systems: await t.db.aiSystem.count(), audit: await t.db.auditEvent.count() });

describe("[BAD INPUT] issue 7's examples answer 4xx naming the field, and write nothing", () => {
  it("NUL, a lone surrogate, an out-of-range date, 2147483648 and true as expectedVersion", async () => {
    const id = await setup();
    const before = await counts();
    const patch = (body: string) => send(system.PATCH, "PATCH", `/api/systems/${id}`, { body, params: { id } });
    const valid = { ...systemInput(), expectedVersion: 1 };

    const nul = await patch(JSON.stringify({ ...valid, name: "Assistant\u0000" }));
    expect(nul.status).toBe(422);
    expect(nul.body.error!.message).toMatch(/\(name: Name contains a NUL character/);

    const surrogate = await patch(JSON.stringify(valid).replace(/"purpose":"/, '"purpose":"\\ud800'));
    expect(surrogate.status).toBe(422);
    expect(surrogate.body.error!.fieldErrors!.purpose!.join(" ")).toMatch(/lone UTF-16 surrogate/);

    const date = await patch(JSON.stringify({ ...valid, nextReviewDue: "0000-01-01" }));
    expect(date.status).toBe(422);
    expect(date.body.error!.fieldErrors!.nextReviewDue!.join(" ")).toMatch(/between 1900-01-01 and 2999-12-31/);

    const big = await patch(JSON.stringify({ ...valid, expectedVersion: 2147483648 }));
    expect(big.status).toBe(422);
    expect(big.body.error!.fieldErrors!.expectedVersion!.join(" ")).toMatch(/between 1 and 2147483647/);

    const yes = await patch(JSON.stringify({ ...valid, expectedVersion: true }));
    expect(yes.status).toBe(422);
    expect(yes.body.error!.fieldErrors!.expectedVersion!.join(" ")).toMatch(/whole number/);

    const archive = await send(system.DELETE, "DELETE", `/api/systems/${id}`, { body: JSON.stringify({ expectedVersion: true }), params: { id } });
    expect(archive.status).toBe(422);

    expect(await counts()).toEqual(before);
  });

  it("a NUL in a path id is 404; in a query parameter, or a number out of range, 400 naming the parameter", async () => {
    await setup();
    expect((await send(system.GET, "GET", "/api/systems/a%00b", { params: { id: "a\u0000b" } })).status).toBe(404);
    const q = await send(systems.GET, "GET", `/api/systems?q=${encodeURIComponent("a\u0000b")}`);
    expect(q.status).toBe(400);
    expect(q.body.error!.message).toMatch(/"q".*NUL/);
    const limit = await send(systems.GET, "GET", "/api/systems?limit=99999999999999999999999");
    expect(limit.status).toBe(400);
    expect(limit.body.error!.message).toMatch(/"limit"/);
    // The audit log's page marker is a bigint id: past its range the filter is refused, never sent to PostgreSQL.
    const before = ZAuditFilter.safeParse({ before: "99999999999999999999999" });
    expect(before.success).toBe(false);
    expect(ZAuditFilter.safeParse({ before: "9223372036854775808" }).success).toBe(false);
    expect(ZAuditFilter.safeParse({ before: "9223372036854775807" }).success).toBe(true);
    expect(ZAuditFilter.safeParse({ from: "0000-01-01" }).success).toBe(false);
  });

  it("a crafted keyset cursor restarts from the first page", async () => {
    await setup();
    const first = await send(systems.GET, "GET", "/api/systems?sort=updated&limit=1");
    expect(first.status).toBe(200);
    const craft = (v: unknown) => Buffer.from(JSON.stringify({ v, id: "abc" })).toString("base64url");
    for (const [sort, v] of [["updated", "not a date"], ["tier", "EXTREME"], ["review", "0000-01-01"], ["name", "a\u0000b"]] as const) {
      const page = await send(systems.GET, "GET", `/api/systems?sort=${sort}&limit=1&cursor=${craft(v)}`);
      expect(page.status).toBe(200);
      if (sort === "updated") expect(page.body.items!.map((s) => s.id)).toEqual(first.body.items!.map((s) => s.id));
    }
  });

  it("Origin: null on a mutation is 403", async () => {
    await setup();
    const before = await counts();
    const answer = await send(systems.POST, "POST", "/api/systems", { body: JSON.stringify(systemInput()), headers: { origin: "null" } });
    expect(answer.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("an audit export whose period ends before it starts is 400 naming the dates, and records no export", async () => {
    state.db = t.db;
    state.actor = await createActor(t.db, "AUDITOR");
    const exports = () => t.db.auditEvent.count({ where: { action: "audit.exported" } });
    const before = await exports();
    const backwards = await send(auditExport.GET, "GET", "/api/audit/export?from=2027-01-01&to=2026-01-01");
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body.error)).toMatch(/start date is after the end date/);
    expect(await exports()).toBe(before);
  });
});
