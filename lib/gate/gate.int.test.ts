import { afterAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { Db } from "@/lib/db/create-client";
import { createSystem } from "@/lib/systems/create-system";
import { createApiToken } from "@/lib/tokens/create-token";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import type { GateApproval } from "./evaluate";
import { cancelScheduledGateFold, foldAllGateChecks } from "./fold";
import { verifyGateBatches } from "./verify";

// The route uses the app's client and the session: point both at the test. Approvals are
// fixtures keyed by system id and environment until the approvals feature's query lands.
const state = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null, approvals: new Map<string, unknown>() }));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs(state, { requestId: "test", ip: "203.0.113.9" }));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));
vi.mock("./approval-source", () => ({
  findGateApproval: async (_db: unknown, where: { systemId: string; environment: string }) => state.approvals.get(`${where.systemId}:${where.environment}`) ?? null,
}));

const gateRoute = await import("@/app/api/v1/gate/route");
const t = useTestDatabase();
afterAll(() => cancelScheduledGateFold());
const A = `sha256:${"a1".repeat(32)}`;
const B = `sha256:${"b2".repeat(32)}`;
const OTHER = `sha256:${"c3".repeat(32)}`;

type Answer = { allow: boolean; reasons: { code: string; message: string; fix: string | null }[]; approvalId: string | null; expiresAt: string | null; checkId: string };
const call = (query: string, secret: string | null) =>
  gateRoute.GET(new Request(`http://localhost/api/v1/gate?${query}`, { headers: { host: "localhost", ...(secret ? { authorization: `Bearer ${secret}` } : {}) } }), { params: Promise.resolve({}) });

async function setup() {
  state.db = t.db;
  const admin = await createActor(t.db, "ADMIN");
  const system = await createSystem({ actor: admin, db: t.db }, systemInput());
  const slug = (await t.db.aiSystem.findUniqueOrThrow({ where: { id: system.id } })).slug;
  const gate = await createApiToken({ actor: admin, db: t.db }, { name: "CI gate", scopes: ["gate:read"] });
  const reader = await createApiToken({ actor: admin, db: t.db }, { name: "Reader", scopes: ["systems:read"] });
  const approval: GateApproval = { id: "approval-1", state: "APPROVED", expiresAt: new Date(Date.now() + 86_400_000), digests: [A, B] };
  state.approvals.set(`${system.id}:production`, approval);
  return { admin, systemId: system.id, slug, gate: gate.secret, reader: reader.secret, approval };
}

describe("[GATE] GET /api/v1/gate", () => {
  it("refuses a missing or bad token (401), a token without gate:read (403) and bad parameters (400 naming them)", async () => {
    const { slug, gate, reader } = await setup();
    const q = `system=${slug}&environment=production&digest=${A}`;
    expect((await call(q, null)).status).toBe(401);
    expect((await call(q, "aigov_notarealtoken")).status).toBe(401);
    const refused = await call(q, reader);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("gate:read");
    expect(await t.db.gateCheck.count()).toBe(0);

    for (const [query, name] of [
      [`system=${slug}&environment=production`, "digest"],
      [`system=${slug}&environment=production&digest=md5:abc`, "digest"],
      [`system=${slug}&environment=production&digest=sha256:${"a".repeat(63)}`, "digest"],
      [`system=${slug}&digest=${A}`, "environment"],
      [`system=${slug}&environment=Prod%20uction&digest=${A}`, "environment"],
      [`environment=production&digest=${A}`, "system"],
      [`system=..%2Fetc&environment=production&digest=${A}`, "system"],
    ] as const) {
      const res = await call(query, gate);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, query).toContain(`"${name}`);
    }
  });

  it("allows approved digests; denies a digest that was not approved, a stale approval and a paused system; records every call", async () => {
    const { slug, systemId, gate, approval } = await setup();
    const before = await t.db.gateCheck.count();
    const ask = async (query: string) => {
      const res = await call(query, gate);
      expect(res.status, query).toBe(200);
      return (await res.json()) as Answer;
    };

    const allowed = await ask(`system=${slug}&environment=production&digest=${A}&digest=${B.toUpperCase().replace("SHA256", "sha256")}`);
    expect(allowed).toMatchObject({ allow: true, approvalId: "approval-1", expiresAt: approval.expiresAt!.toISOString() });

    const other = await ask(`system=${slug}&environment=production&digest=${A}&digest=${OTHER}`);
    expect(other.allow).toBe(false);
    expect(other.reasons).toEqual([{ code: "DIGEST_NOT_APPROVED", message: expect.stringContaining(OTHER), fix: `http://localhost/systems/${systemId}/approvals` }]);

    const noEnv = await ask(`system=${slug}&environment=staging&digest=${A}`);
    expect(noEnv.reasons.map((r) => r.code)).toEqual(["NO_APPROVAL"]);

    state.approvals.set(`${systemId}:production`, { ...approval, state: "STALE", staleReason: "the model's digest changed" });
    const stale = await ask(`system=${slug}&environment=production&digest=${A}`);
    expect(stale.allow).toBe(false);
    expect(stale.reasons[0]).toMatchObject({ code: "APPROVAL_STALE", message: expect.stringContaining("digest changed") });

    state.approvals.set(`${systemId}:production`, approval);
    await t.db.aiSystem.update({ where: { id: systemId }, data: { lifecycle: "PAUSED" } });
    const paused = await ask(`system=${slug}&environment=production&digest=${A}`);
    expect(paused.allow).toBe(false);
    expect(paused.reasons.map((r) => r.code)).toEqual(["SYSTEM_PAUSED"]);
    await t.db.aiSystem.update({ where: { id: systemId }, data: { lifecycle: "DEPLOYED" } });

    const unknown = await ask(`system=no-such-system&environment=production&digest=${A}`);
    expect(unknown.reasons.map((r) => r.code)).toEqual(["UNKNOWN_SYSTEM"]);

    // Every answered call has its row, with the decision as answered.
    const rows = await t.db.gateCheck.findMany({ where: { id: { gt: BigInt(before) } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.id.toString(), r.allow, r.reasons])).toEqual([
      [allowed.checkId, true, ["APPROVED"]],
      [other.checkId, false, ["DIGEST_NOT_APPROVED"]],
      [noEnv.checkId, false, ["NO_APPROVAL"]],
      [stale.checkId, false, ["APPROVAL_STALE"]],
      [paused.checkId, false, ["SYSTEM_PAUSED"]],
      [unknown.checkId, false, ["UNKNOWN_SYSTEM"]],
    ]);
    expect(rows[0]!.digests).toEqual([A, B]);
    expect(rows[0]).toMatchObject({ ip: "203.0.113.9", systemId, environment: "production" });
  });

  it("concurrent calls (recorded together in one statement) each answer with their own row, and are counted one by one", async () => {
    const { slug, gate } = await setup();
    const before = await t.db.gateCheck.count();
    const digests = Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? OTHER : i % 3 === 1 ? A : B));
    const answers = await Promise.all(
      digests.map(async (digest, i) => {
        const res = await call(`system=${slug}&environment=${i % 4 === 3 ? "staging" : "production"}&digest=${digest}`, gate);
        expect(res.status).toBe(200);
        return (await res.json()) as Answer;
      }),
    );
    expect(new Set(answers.map((a) => a.checkId)).size).toBe(digests.length);
    expect(await t.db.gateCheck.count()).toBe(before + digests.length);
    for (const [i, answer] of answers.entries()) {
      const row = await t.db.gateCheck.findUniqueOrThrow({ where: { id: BigInt(answer.checkId) } });
      expect(row, `call ${i}`).toMatchObject({ digests: [digests[i]], environment: i % 4 === 3 ? "staging" : "production", allow: answer.allow, reasons: answer.reasons.map((r) => r.code) });
    }
    const counted = await t.db.apiRateLimit.findMany({ where: { key: { startsWith: "token:" } } });
    expect(counted.reduce((n, r) => n + r.count, 0)).toBeGreaterThanOrEqual(digests.length);
  });

  it("a product owner's token gets the unknown-system answer for somebody else's system", async () => {
    const { slug, admin } = await setup();
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const ownerRow = await t.db.user.findUniqueOrThrow({ where: { id: owner.id } });
    const token = await createApiToken({ actor: admin, db: t.db }, { name: "PO gate", scopes: ["gate:read"] });
    await t.db.apiToken.updateMany({ where: { name: "PO gate" }, data: { ownerId: ownerRow.id } });
    const res = await call(`system=${slug}&environment=production&digest=${A}`, token.secret);
    expect(((await res.json()) as Answer).reasons.map((r) => r.code)).toEqual(["UNKNOWN_SYSTEM"]);
  });

  it("folds the rows into the audit chain in batches that verify, and detects a changed row", async () => {
    // The request path may already have folded some rows (its timer); fold the rest now.
    await foldAllGateChecks(t.db);
    const total = await t.db.gateCheck.count();
    expect(total).toBeGreaterThanOrEqual(7);
    expect(await t.db.gateCheck.count({ where: { batchId: null } })).toBe(0);
    expect(await foldAllGateChecks(t.db)).toBe(0);
    const events = await t.db.auditEvent.findMany({ where: { action: "gate.checks_recorded" } });
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0]).toMatchObject({ actorLabel: "job:gate-fold", actorType: "system" });
    expect(events.reduce((n, e) => n + (e.summary as { count: number }).count, 0)).toBe(total);
    expect(events[0]!.summary).toMatchObject({ digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await verifyGateBatches(t.db)).toMatchObject({ batches: events.length, rows: total, problems: [] });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);

    // The table refuses changes and deletions...
    await expect(t.db.$executeRaw`UPDATE "GateCheck" SET "allow" = true WHERE "allow" = false`).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRaw`DELETE FROM "GateCheck"`).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRaw`UPDATE "GateCheck" SET "batchId" = NULL`).rejects.toThrow(/append-only/);
    // ...and a row changed behind the trigger's back no longer matches its sealed batch.
    const victim = await t.db.gateCheck.findFirstOrThrow({ where: { allow: false }, orderBy: { id: "asc" } });
    await t.db.$transaction(async (tx) => {
      await tx.$executeRaw`ALTER TABLE "GateCheck" DISABLE TRIGGER gate_check_append_only_row`;
      await tx.$executeRaw`UPDATE "GateCheck" SET "allow" = true WHERE "id" = ${victim.id}`;
      await tx.$executeRaw`ALTER TABLE "GateCheck" ENABLE TRIGGER gate_check_append_only_row`;
    });
    const report = await verifyGateBatches(t.db);
    expect(report.problems).toEqual([expect.objectContaining({ reason: "DIGEST_MISMATCH", eventId: victim.batchId!.toString() })]);
  });
});
