import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { ValidationError } from "@/lib/errors";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import { createSystem } from "./create-system";
import { transitionLifecycle } from "./lifecycle";
import { getSystem } from "./queries";
import { updateSystem } from "./update-system";

// The route handler resolves the actor from the session and uses the app's client: point both at the test.
const state = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null }));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs(state));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));
const { PATCH: patchSystemRoute } = await import("@/app/api/systems/[id]/route");

const t = useTestDatabase();

function editInput(system: Awaited<ReturnType<typeof getSystem>>, overrides: Record<string, unknown> = {}) {
  return {
    name: system.name,
    purpose: system.purpose,
    riskTier: system.riskTier,
    dataSensitivity: system.dataSensitivity,
    autonomy: system.autonomy,
    exposure: system.exposure,
    contributorIds: system.contributors.map((c) => c.id),
    expectedVersion: system.rowVersion,
    ...overrides,
  };
}

describe("[SYSTEMS] lifecycle against PostgreSQL", () => {
  it("an edit to a workflow state is refused, naming the workflow; nothing is written", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput());
    let s = await getSystem({ actor: owner, db: t.db }, id);
    s = await updateSystem({ actor: owner, db: t.db }, id, editInput(s, { lifecycle: "IN_REVIEW" }));
    expect(s.lifecycle).toBe("IN_REVIEW");
    const auditBefore = await t.db.auditEvent.count();
    for (const to of ["APPROVED", "DEPLOYED", "PAUSED", "RETIRING", "RETIRED"]) {
      const error = await updateSystem({ actor: owner, db: t.db }, id, editInput(s, { lifecycle: to })).catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toMatch(new RegExp(`^${to} is reached only through`));
      expect((error as ValidationError).fieldErrors.lifecycle).toBeDefined();
    }
    const admin = await createActor(t.db, "ADMIN");
    await expect(updateSystem({ actor: admin, db: t.db }, id, editInput(s, { lifecycle: "APPROVED" }))).rejects.toThrow(/approval decision/);
    expect((await getSystem({ actor: owner, db: t.db }, id)).lifecycle).toBe("IN_REVIEW");
    expect(await t.db.auditEvent.count()).toBe(auditBefore);
  });

  it("the direct HTTP request (PATCH /api/systems/:id with lifecycle APPROVED) is refused with 422", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    state.db = t.db;
    state.actor = owner;
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput());
    const s = await getSystem({ actor: owner, db: t.db }, id);
    const request = (body: unknown) =>
      new Request(`http://localhost/api/systems/${id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json", host: "localhost" },
        body: JSON.stringify(body),
      });
    const refused = await patchSystemRoute(request(editInput(s, { lifecycle: "APPROVED" })), { params: Promise.resolve({ id }) });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toMatch(/APPROVED is reached only through an approval decision/);
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id } })).lifecycle).toBe("DRAFT");
    const allowed = await patchSystemRoute(request(editInput(s, { lifecycle: "IN_REVIEW" })), { params: Promise.resolve({ id }) });
    expect(allowed.status).toBe(200);
  });

  it("transitionLifecycle moves along the table, audits with reason and cause, bumps the row version", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput());
    await expect(
      t.db.$transaction((tx) => transitionLifecycle(tx, reviewer, id, "APPROVED", { reason: "skip", cause: { kind: "approval", id: "x" } })),
    ).rejects.toThrow(/cannot move from DRAFT to APPROVED/);
    const before = await t.db.aiSystem.findUniqueOrThrow({ where: { id } });
    await t.db.$transaction(async (tx) => {
      await transitionLifecycle(tx, owner, id, "IN_REVIEW", { reason: "Approval requested", cause: { kind: "approval", id: "req1" } });
      const r = await transitionLifecycle(tx, reviewer, id, "APPROVED", { reason: "Approved for staging", cause: { kind: "approval", id: "req1" } });
      expect(r).toEqual({ from: "IN_REVIEW", to: "APPROVED", changed: true });
    });
    const after = await t.db.aiSystem.findUniqueOrThrow({ where: { id } });
    expect(after.lifecycle).toBe("APPROVED");
    expect(after.rowVersion).toBe(before.rowVersion + 2);
    const same = await t.db.$transaction((tx) => transitionLifecycle(tx, reviewer, id, "APPROVED", { reason: "again", cause: { kind: "approval" } }));
    expect(same.changed).toBe(false);
    const events = await t.db.auditEvent.findMany({ where: { entityId: id, action: "system.lifecycle_changed" }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.summary)).toEqual([
      { from: "DRAFT", to: "IN_REVIEW", reason: "Approval requested", cause: { kind: "approval", id: "req1" } },
      { from: "IN_REVIEW", to: "APPROVED", reason: "Approved for staging", cause: { kind: "approval", id: "req1" } },
    ]);
    expect(events[1]!.actorId).toBe(reviewer.id);
    // A form opened before the workflow moved the system conflicts instead of overwriting.
    const stale = { ...(await getSystem({ actor: owner, db: t.db }, id)), rowVersion: before.rowVersion };
    await expect(updateSystem({ actor: owner, db: t.db }, id, editInput(stale, { name: "Renamed" }))).rejects.toThrow(/Someone else saved/);
  });

  it("a transaction that fails after the transition leaves the lifecycle unchanged", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput());
    await expect(
      t.db.$transaction(async (tx) => {
        await transitionLifecycle(tx, owner, id, "IN_REVIEW", { reason: "r", cause: { kind: "approval" } });
        throw new Error("workflow failed later");
      }),
    ).rejects.toThrow(/workflow failed later/);
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id } })).lifecycle).toBe("DRAFT");
    expect(await t.db.auditEvent.count({ where: { entityId: id, action: "system.lifecycle_changed" } })).toBe(0);
  });
});
