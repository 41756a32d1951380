import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { fingerprintOf } from "@/lib/signing";
import { createApiToken } from "@/lib/tokens/create-token";
import { useTestDatabase } from "@/test/db";
import { buildExportFixture } from "@/test/export-fixture";
import { createActor } from "@/test/factories";
import { verifyPackFile } from "./verify-pack";

// The route uses the app's client and, without a bearer token, the session: point both at the test.
const state = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null }));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs(state, { requestId: "test", ip: "203.0.113.9" }));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));

const packRoute = await import("@/app/api/exports/pack/route");
const t = useTestDatabase();

const get = (query: string, secret: string | null) =>
  packRoute.GET(new Request(`http://localhost/api/exports/pack${query}`, { headers: { host: "localhost", ...(secret ? { authorization: `Bearer ${secret}` } : {}) } }), { params: Promise.resolve({}) });

describe("[EXPORTS] evidence pack streamed over HTTP", () => {
  it("an auditor's session or an export:run token gets a signed pack (instance key) that verifies; a product owner and a token without the scope are refused", async () => {
    state.db = t.db;
    process.env.DATABASE_URL = t.url;
    const fx = await buildExportFixture(t.db);
    const auditor = await createActor(t.db, "AUDITOR");
    const admin = await createActor(t.db, "ADMIN");

    state.actor = auditor;
    const response = await get(`?systemId=${fx.systemId}`, null);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-pack-route-"));
    try {
      const file = path.join(dir, "pack.zip");
      fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const check = await verifyPackFile(file);
      expect(check.problems).toEqual([]);
      // Signed with the instance key (lib/signing), not a key of its own.
      const manifestKey = (check.manifest as { key: { id: string; fingerprint: string } }).key;
      const key = await t.db.signingKey.findUniqueOrThrow({ where: { id: manifestKey.id }, select: { id: true } });
      expect(manifestKey.fingerprint).toBe(fingerprintOf(key.id));
      await vi.waitFor(async () => expect(await t.db.auditEvent.count({ where: { action: "export.pack_created", actorId: auditor.id } })).toBe(1), { timeout: 20_000 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    expect((await get("", null)).status).toBe(422);
    expect((await get("?systemId=nosuchsystem", null)).status).toBe(404);
    state.actor = fx.owner;
    expect((await get(`?systemId=${fx.systemId}`, null)).status).toBe(403);

    state.actor = null;
    const exporter = await createApiToken({ actor: admin, db: t.db }, { name: "GRC exporter", scopes: ["export:run"] });
    const byToken = await get(`?systemId=${fx.systemId}&from=2026-01-01`, exporter.secret);
    expect(byToken.status).toBe(200);
    await byToken.arrayBuffer();
    const reader = await createApiToken({ actor: admin, db: t.db }, { name: "GRC reader", scopes: ["systems:read"] });
    expect((await get(`?systemId=${fx.systemId}`, reader.secret)).status).toBe(403);
  });
});
