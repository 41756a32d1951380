import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { createUser } from "@/test/factories";
import { useTestDatabase } from "@/test/db";
import { pruneExpiredSessionsJob, pruneLoginFailuresJob } from "@/lib/auth/jobs";
import { gateFoldJob } from "@/lib/gate/jobs";
import { defineJob, type JobDefinition } from "./define";
import { enqueueJob } from "./enqueue";
import { JOBS } from "./registry";
import { startJobRunner, type JobRunner } from "./runner";

const t = useTestDatabase();
const quiet = { info: () => {}, error: () => {} };
const runners: JobRunner[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop(5_000)));
});

async function start(jobs: readonly JobDefinition[], extra: Partial<Parameters<typeof startJobRunner>[0]> = {}) {
  const runner = await startJobRunner({ connectionString: t.url, db: t.db, jobs, pollingIntervalSeconds: 0.5, log: quiet, ...extra });
  runners.push(runner);
  return runner;
}

/** Polls `check` every 200 ms until it returns true; generous limit for a loaded machine. */
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function jobStates(name: string) {
  return t.db.$queryRawUnsafe<{ id: string; state: string; retry_count: number }[]>(
    `SELECT id::text, state::text, retry_count FROM pgboss.job WHERE name = $1 UNION ALL SELECT id::text, state::text, retry_count FROM pgboss.archive WHERE name = $1`,
    name,
  );
}

describe("job queue", () => {
  it("runs each job exactly once with two workers on one database, as the job's system actor", async () => {
    const runs: { jobId: string; n: number; actor: string; runner: string }[] = [];
    const makeDef = (runner: string) =>
      defineJob({
        name: "test-once",
        schema: z.object({ n: z.number().int() }),
        handler: async (data, { jobId, ctx }) => {
          runs.push({ jobId, n: data.n, actor: ctx.actor.kind === "system" ? ctx.actor.job : ctx.actor.kind, runner });
          await new Promise((r) => setTimeout(r, 20));
        },
      });
    // Two runners, as two app instances would be (each with its own pg-boss and pool).
    await start([makeDef("a")]);
    await start([makeDef("b")]);
    const ids = await Promise.all(Array.from({ length: 30 }, (_, n) => enqueueJob(makeDef("x"), { n }, { db: t.db })));
    expect(ids.every((id) => typeof id === "string")).toBe(true);
    await until(() => runs.length >= 30);
    // Let any duplicate delivery show up before judging.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(runs).toHaveLength(30);
    expect(new Set(runs.map((r) => r.jobId)).size).toBe(30);
    expect(new Set(runs.map((r) => r.n)).size).toBe(30);
    expect(new Set(runs.map((r) => r.actor))).toEqual(new Set(["test-once"]));
  });

  it("enqueues inside the caller's transaction: nothing when it rolls back, the job when it commits", async () => {
    const def = defineJob({ name: "test-tx", schema: z.object({ v: z.string() }), handler: async () => {} });
    await start([def], { workers: false });
    await expect(
      t.db.$transaction(async (tx) => {
        await enqueueJob(def, { v: "rolled back" }, { db: tx });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await jobStates("test-tx")).toHaveLength(0);
    await t.db.$transaction(async (tx) => {
      await enqueueJob(def, { v: "kept" }, { db: tx });
    });
    expect(await jobStates("test-tx")).toHaveLength(1);
  });

  it("refuses bad data: at enqueue with a ValidationError, and at run time without running or retrying", async () => {
    let ran = 0;
    const def = defineJob({
      name: "test-bad-data",
      schema: z.object({ systemId: z.string().min(1) }),
      retryLimit: 3,
      retryDelaySeconds: 0,
      handler: async () => {
        ran++;
      },
    });
    const runner = await start([def]);
    const refused = await enqueueJob(def, { systemId: "" }, { db: t.db }).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors).toHaveProperty("systemId");
    expect(await jobStates("test-bad-data")).toHaveLength(0);

    // Data that bypassed enqueueJob (an older release's job, a hand-made row) is parsed again.
    const id = await runner.boss.send("test-bad-data", { systemId: 42 }, { retryLimit: 3, retryDelay: 0 });
    await until(async () => (await jobStates("test-bad-data")).some((j) => j.id === id && j.state === "failed"));
    const [job] = await jobStates("test-bad-data");
    expect(job.retry_count).toBe(0);
    expect(ran).toBe(0);
  });

  it("fails loudly when the job's queue does not exist", async () => {
    const unregistered = defineJob({ name: "test-unregistered", schema: z.object({}), handler: async () => {} });
    await start([], { workers: false });
    await expect(enqueueJob(unregistered, {}, { db: t.db })).rejects.toThrow(/queue does not exist/);
  });

  it("audits a job's completion and its final failure only when the job asks for it", async () => {
    const audited = defineJob({
      name: "test-audited",
      schema: z.object({ fail: z.boolean() }),
      audit: true,
      retryLimit: 0,
      auditSummary: (result: { items: number }) => ({ items: result.items }),
      handler: async (data) => {
        if (data.fail) throw new Error("disk full");
        return { items: 3 };
      },
    });
    const silent = defineJob({ name: "test-silent", schema: z.object({}), handler: async () => {} });
    await start([audited, silent]);
    const before = await t.db.auditEvent.count();
    const okId = await enqueueJob(audited, { fail: false }, { db: t.db });
    const failId = await enqueueJob(audited, { fail: true }, { db: t.db });
    const silentId = await enqueueJob(silent, {}, { db: t.db });
    await until(async () => (await jobStates("test-audited")).every((j) => j.state === "completed" || j.state === "failed"));
    await until(async () => (await jobStates("test-silent")).every((j) => j.state === "completed"));
    await until(async () => (await t.db.auditEvent.count()) >= before + 2);
    const events = await t.db.auditEvent.findMany({ where: { entityType: "Job" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.entityId]).sort()).toEqual(
      [
        ["job.completed", okId],
        ["job.failed", failId],
      ].sort(),
    );
    expect(events.every((e) => e.actorType === "system" && e.actorRef === "test-audited" && e.actorLabel === "job:test-audited")).toBe(true);
    expect(events.find((e) => e.action === "job.completed")?.summary).toMatchObject({ job: "test-audited", items: 3 });
    expect(events.find((e) => e.action === "job.failed")?.summary).toMatchObject({ error: "disk full" });
    expect(events.some((e) => e.entityId === silentId)).toBe(false);
  });

  it("a cron schedule on two instances yields one job per slot", { timeout: 240_000 }, async () => {
    // pg-boss's cron resolution is one minute, so this test has to span a minute boundary: the
    // limit is generous for that reason, not because the work is slow.
    const runs: { at: number }[] = [];
    const def = defineJob({
      name: "test-cron",
      schema: z.object({}),
      cron: "* * * * *",
      handler: async () => {
        runs.push({ at: Date.now() });
      },
    });
    const fast = { cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 };
    await start([def], { bossOptions: fast });
    await start([def], { bossOptions: fast });
    await until(() => runs.length >= 2, 200_000);
    // Time for a duplicate of the second slot to arrive, had there been one.
    await new Promise((r) => setTimeout(r, 5_000));
    const created = await t.db.$queryRawUnsafe<{ slot: string }[]>(
      `SELECT date_trunc('minute', created_on)::text AS slot FROM pgboss.job WHERE name = 'test-cron'
       UNION ALL SELECT date_trunc('minute', created_on)::text FROM pgboss.archive WHERE name = 'test-cron'`,
    );
    const perSlot = new Map<string, number>();
    for (const { slot } of created) perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
    expect(perSlot.size).toBeGreaterThanOrEqual(2);
    expect([...perSlot.values()].every((n) => n === 1)).toBe(true);
    expect(runs.length).toBe(created.length);
  });

  it("the registered housekeeping jobs prune old login failures and expired sessions", async () => {
    expect(JOBS).toContain(pruneLoginFailuresJob);
    expect(JOBS).toContain(pruneExpiredSessionsJob);
    const user = await createUser(t.db, "AUDITOR");
    const old = new Date(Date.now() - 3 * 24 * 3600_000);
    await t.db.loginFailure.createMany({ data: [{ key: "old-key", createdAt: old }, { key: "fresh-key" }] });
    await t.db.authSession.createMany({
      data: [
        { id: `expired-${user.id}`, userId: user.id, userVersion: 0, method: "password", expiresAt: old },
        { id: `live-${user.id}`, userId: user.id, userVersion: 0, method: "password", expiresAt: new Date(Date.now() + 3600_000) },
      ],
    });
    await start(JOBS);
    await enqueueJob(pruneLoginFailuresJob, {}, { db: t.db });
    await enqueueJob(pruneExpiredSessionsJob, {}, { db: t.db });
    await until(async () => (await t.db.loginFailure.count({ where: { key: "old-key" } })) === 0 && (await t.db.authSession.count({ where: { id: `expired-${user.id}` } })) === 0);
    expect(await t.db.loginFailure.count({ where: { key: "fresh-key" } })).toBe(1);
    expect(await t.db.authSession.count({ where: { id: `live-${user.id}` } })).toBe(1);
    const schedules = await runners[0].boss.getSchedules();
    expect(schedules.map((s) => s.name).sort()).toEqual(["deliver-emails", "expire-approvals", "expire-evidence-packs", "gate-fold", "prune-expired-sessions", "prune-login-failures", "scan-expiries"]);
  });

  it("the gate-fold job seals gate checks an instance left unsealed into the audit chain", async () => {
    expect(JOBS).toContain(gateFoldJob);
    const user = await createUser(t.db, "AUDITOR");
    // A row as checkGate inserts it, whose process stopped before its fold timer fired.
    const [row] = await t.db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO "GateCheck" ("actorId", "systemSlug", "environment", "digests", "allow", "reasons")
      VALUES (${user.id}, 'left-behind', 'production', ARRAY[]::text[], false, ARRAY['UNKNOWN_SYSTEM']::text[]) RETURNING "id"`;
    await start(JOBS);
    await enqueueJob(gateFoldJob, {}, { db: t.db });
    await until(async () => (await t.db.gateCheck.findUniqueOrThrow({ where: { id: row!.id } })).batchId !== null);
    const { batchId } = await t.db.gateCheck.findUniqueOrThrow({ where: { id: row!.id } });
    const event = await t.db.auditEvent.findUniqueOrThrow({ where: { id: batchId! } });
    expect(event.action).toBe("gate.checks_recorded");
    expect(event.actorLabel).toBe("job:gate-fold");
  });
});
