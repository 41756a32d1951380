/**
 * Outgoing webhooks against a REAL local HTTP server started here: signed deliveries through
 * the real job queue (pg-boss), retries with back-off recorded in the log, the SSRF guard at
 * save time and again at delivery time, DNS pinning, no redirects, and the admin-only services.
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { ForbiddenError, ValidationError, ConflictError } from "@/lib/errors";
import { startJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { notify } from "@/lib/notifications/notify";
import { createSystem } from "@/lib/systems/create-system";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import { createWebhook } from "./create-webhook";
import { deleteWebhook } from "./delete-webhook";
import { deliverWebhook } from "./deliver";
import { deliverWebhookJob } from "./jobs";
import { listDeliveryLog, listWebhooks } from "./queries";
import { rotateWebhookSecret } from "./rotate-secret";
import { sealSecret, webhookKek } from "./secret-box";
import { sendWebhookTest } from "./send-test";
import { setAllowPrivateTargets } from "./settings";
import { verifySignature } from "./signature";
import { updateWebhook } from "./update-webhook";

const t = useTestDatabase();
const quiet = { info: () => {}, error: () => {} };

// ---------------------------------------------------------------------------------------------
// A real receiver: records every request, answers from a script (default 200).
// ---------------------------------------------------------------------------------------------
type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
let script: { status: number; body?: string; headers?: Record<string, string>; hang?: boolean }[] = [];
let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      const step = script.shift() ?? { status: 200, body: "ok" };
      if (step.hang) return; // never answers
      res.writeHead(step.status, { "content-type": "text/plain", ...step.headers });
      res.end(step.body ?? "");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const runners: JobRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop(5_000)));
  script = [];
  received.length = 0;
});
async function runner(workers: boolean) {
  const r = await startJobRunner({ connectionString: t.url, db: t.db, jobs: [deliverWebhookJob], workers, pollingIntervalSeconds: 0.5, log: quiet });
  runners.push(r);
  return r;
}

/** Polls until `check` holds (generous for a loaded machine). */
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}

const ctx = (actor: Actor) => ({ actor, db: t.db });
const url = (path = "/hook") => `http://127.0.0.1:${port}${path}`;
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

async function allowPrivate(admin: Actor, allow: boolean) {
  await setAllowPrivateTargets(ctx(admin), { allowPrivate: allow });
}

describe("[WEBHOOKS] admin services and the save-time SSRF guard", () => {
  it("refuses private, loopback, link-local, CGNAT and disguised targets at save time (nothing written) until an admin allows them (audited)", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const targets = [
      [url(), /127\.0\.0\.1 is a loopback address/],
      [`http://localhost:${port}/hook`, /localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
      ["http://[::1]/hook", /::1 is a loopback address/],
      ["http://[::ffff:127.0.0.1]/hook", /loopback/],
      ["http://2130706433/hook", /127\.0\.0\.1 is a loopback address/],
      ["http://0177.0.0.1/hook", /loopback/],
      ["http://0.0.0.0/hook", /unspecified/],
      ["http://169.254.169.254/latest/meta-data/", /link-local/],
      ["http://100.64.0.1/hook", /carrier-grade NAT/],
      ["http://10.1.2.3/hook", /private network/],
      ["http://[fd00::1]/hook", /private IPv6/],
      ["http://224.0.0.1/hook", /multicast/],
    ] as const;
    for (const [target, message] of targets) {
      const error = await refusal(createWebhook(ctx(admin), { name: "Probe", url: target, kinds: ["review.due"] }));
      expect(error, target).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.url?.[0], target).toMatch(message);
    }
    for (const bad of ["ftp://example.com/x", "https://user:pw@example.com/x", "https://example.com/#x"]) {
      expect(await refusal(createWebhook(ctx(admin), { name: "Bad", url: bad, kinds: ["review.due"] }))).toBeInstanceOf(ValidationError);
    }
    expect(await refusal(createWebhook(ctx(admin), { name: "No kinds", url: "http://93.184.215.14/x", kinds: [] }))).toBeInstanceOf(ValidationError);
    expect(await refusal(createWebhook(ctx(admin), { name: "Odd kind", url: "http://93.184.215.14/x", kinds: ["system.deleted"] }))).toBeInstanceOf(ValidationError);
    expect(await t.db.webhook.count()).toBe(0);

    await allowPrivate(admin, true);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "settings.updated", entityId: "webhooks.allowPrivate" }, orderBy: { id: "desc" } });
    expect(audit.summary).toEqual({ from: false, to: true });
    const created = await createWebhook(ctx(admin), { name: "Local receiver", url: url(), kinds: ["review.due", "approval.requested"] });
    expect(created.secret).toMatch(/^whsec_/);
    const row = await t.db.webhook.findUniqueOrThrow({ where: { id: created.id } });
    expect(Buffer.from(row.encryptedSecret).includes(Buffer.from(created.secret))).toBe(false);
    expect(row.secretPrefix).toBe(created.secret.slice(0, 10));
    const events = await t.db.auditEvent.findMany({ where: { entityType: "Webhook", entityId: created.id } });
    expect(events.map((e) => e.action)).toEqual(["webhook.created"]);
    expect(JSON.stringify(events.map((e) => e.summary))).not.toContain(created.secret);
    expect(events[0]!.summary).toMatchObject({ name: "Local receiver", url: { origin: `http://127.0.0.1:${port}` }, kinds: ["review.due", "approval.requested"], enabled: true });
    expect(JSON.stringify(events[0]!.summary)).not.toContain("/hook");
    await allowPrivate(admin, false);
    await deleteWebhook(ctx(admin), created.id, { expectedVersion: 1 });
  });

  it("only admins: reviewers, auditors, product owners and API tokens are refused by every webhook service", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const created = await createWebhook(ctx(admin), { name: "Public", url: "http://93.184.215.14/hook", kinds: ["gate.denied"] });
    const token: Actor = { ...admin, kind: "token", token: { id: "tok", name: "CI", scopes: ["systems:read", "systems:write", "gate:read"] } } as Actor;
    for (const who of [await createActor(t.db, "SECURITY_REVIEWER"), await createActor(t.db, "AUDITOR"), await createActor(t.db, "PRODUCT_OWNER"), token]) {
      const c = ctx(who);
      expect(await refusal(createWebhook(c, { name: "X", url: "http://93.184.215.14/x", kinds: ["gate.denied"] }))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(updateWebhook(c, created.id, { name: "X", url: "http://93.184.215.14/x", kinds: ["gate.denied"], expectedVersion: 1 }))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(rotateWebhookSecret(c, created.id, { expectedVersion: 1 }))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(sendWebhookTest(c, created.id, async () => null))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(deleteWebhook(c, created.id, { expectedVersion: 1 }))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(listWebhooks(c))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(listDeliveryLog(c, created.id, {}))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(setAllowPrivateTargets(c, { allowPrivate: true }))).toBeInstanceOf(ForbiddenError);
    }
    expect(await t.db.webhook.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ name: "Public", rowVersion: 1 });
    expect(await t.db.webhookDelivery.count({ where: { webhookId: created.id } })).toBe(0);

    // The admin: edit (stale version refused), rotate, delete; each audited, never with a secret.
    await updateWebhook(ctx(admin), created.id, { name: "Public SIEM", url: "http://93.184.215.14/hook", kinds: ["gate.denied", "incident.escalated"], enabled: false, expectedVersion: 1 });
    expect(await refusal(updateWebhook(ctx(admin), created.id, { name: "Lost update", url: "http://93.184.215.14/hook", kinds: ["gate.denied"], expectedVersion: 1 }))).toBeInstanceOf(ConflictError);
    const rotated = await rotateWebhookSecret(ctx(admin), created.id, { expectedVersion: 2 });
    expect(rotated.secret).not.toBe(created.secret);
    await deleteWebhook(ctx(admin), created.id, { expectedVersion: 3 });
    const events = await t.db.auditEvent.findMany({ where: { entityType: "Webhook", entityId: created.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["webhook.created", "webhook.updated", "webhook.secret_rotated", "webhook.deleted"]);
    expect(events[1]!.summary).toMatchObject({ changed: ["name", "kinds", "enabled"], enabled: false });
    expect(JSON.stringify(events.map((e) => e.summary))).not.toContain(rotated.secret);
    expect(JSON.stringify(events.map((e) => e.summary))).not.toContain(created.secret);
    expect(await t.db.webhook.count({ where: { id: created.id } })).toBe(0);
  });
});

describe("[WEBHOOKS] deliveries against a real HTTP server", () => {
  it("an event is delivered signed; 500 twice then 200 is retried by the queue with back-off and every attempt is in the log", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    await allowPrivate(admin, true);
    const hook = await createWebhook(ctx(admin), { name: "Flaky receiver", url: url("/flaky"), kinds: ["review.due"] });
    const { id: systemId } = await createSystem(ctx(owner), systemInput());
    // Enqueue with the queue prepared but no worker yet, so the job's back-off can be shortened
    // (in the queue's own row) before its first attempt: 1 s instead of 30 s, still doubling.
    await runner(false);
    await notify(t.db, { kind: "review.due", systemId, dueOn: "2027-03-01" });
    // The same scheduled event again (a second daily run): no second delivery.
    await notify(t.db, { kind: "review.due", systemId, dueOn: "2027-03-01" });
    const delivery = await t.db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } });
    expect(await t.db.webhookDelivery.count({ where: { webhookId: hook.id } })).toBe(1);
    const updated = await t.db.$executeRawUnsafe(`UPDATE pgboss.job SET retry_delay = 1 WHERE name = 'deliver-webhook' AND data->>'deliveryId' = $1`, delivery.id);
    expect(updated).toBe(1);
    const long = "x".repeat(5_000);
    script = [{ status: 500, body: long }, { status: 500, body: "still down" }, { status: 200, body: "thanks" }];
    await runner(true);
    await until(async () => (await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status === "SUCCEEDED");

    const attempts = await t.db.webhookAttempt.findMany({ where: { deliveryId: delivery.id }, orderBy: { attempt: "asc" } });
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.succeeded, a.willRetry])).toEqual([
      [1, 500, false, true],
      [2, 500, false, true],
      [3, 200, true, false],
    ]);
    expect(attempts[0]!.responseExcerpt).toBe("x".repeat(200));
    expect(attempts[0]!.error).toBe("HTTP 500");
    expect(attempts.every((a) => a.durationMs >= 0)).toBe(true);
    // The back-off: each retry started after the previous attempt (pg-boss's delay, doubled).
    expect(attempts[1]!.startedAt.getTime()).toBeGreaterThan(attempts[0]!.startedAt.getTime());
    expect(await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ attempts: 3, lastStatusCode: 200, lastError: null });

    // What the receiver got: three POSTs of the same body, each signed over its own timestamp.
    expect(received).toHaveLength(3);
    const secret = hook.secret;
    for (const r of received) {
      expect(r.path).toBe("/flaky");
      expect(r.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(r.headers["x-webhook-delivery"]).toBe(delivery.id);
      expect(r.headers["x-webhook-event"]).toBe("review.due");
      expect(r.body).toBe(received[0]!.body);
      const check = verifySignature({ header: r.headers["x-signature"] as string, body: r.body, secret });
      expect(check.ok).toBe(true);
      // Replayed six minutes later, the same request is refused; with another secret too.
      const t0 = (check as { timestamp: number }).timestamp;
      expect(verifySignature({ header: r.headers["x-signature"] as string, body: r.body, secret, nowSeconds: t0 + 360 })).toEqual({ ok: false, reason: "too-old" });
      expect(verifySignature({ header: r.headers["x-signature"] as string, body: r.body, secret: "whsec_wrong" }).ok).toBe(false);
    }
    expect(JSON.parse(received[0]!.body)).toMatchObject({ id: delivery.id, type: "review.due", test: false, system: { id: systemId }, data: { dueOn: "2027-03-01", systemId } });

    // The page's log lists the attempts newest first.
    const log = await listDeliveryLog(ctx(admin), hook.id, {});
    expect(log.entries.map((e) => e.statusCode)).toEqual([200, 500, 500]);
    expect(log.total).toBe(3);
    await allowPrivate(admin, false);
  });

  it("the delivery checks the target again: a private target allowed when saved is refused once private targets are refused, without retries", async () => {
    const admin = await createActor(t.db, "ADMIN");
    await allowPrivate(admin, true);
    const hook = await createWebhook(ctx(admin), { name: "Was allowed", url: url("/private"), kinds: ["gate.denied"] });
    await allowPrivate(admin, false);
    await runner(true);
    const { deliveryId } = await sendWebhookTest(ctx(admin), hook.id);
    await until(async () => (await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).status === "FAILED");
    const attempts = await t.db.webhookAttempt.findMany({ where: { deliveryId } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ statusCode: null, succeeded: false, willRetry: false });
    expect(attempts[0]!.error).toMatch(/^Refused: 127\.0\.0\.1 is a loopback address/);
    expect(received.filter((r) => r.path === "/private")).toHaveLength(0);
    const events = await t.db.auditEvent.findMany({ where: { entityType: "Webhook", entityId: hook.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["webhook.created", "webhook.test_sent"]);
  });

  it("connects to the address it checked (DNS pinned), refuses a host that also resolves privately, follows no redirect, gives up on silence", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const kek = webhookKek({ AUTH_SECRET: process.env.AUTH_SECRET });
    const secret = "whsec_pinned-test-secret";
    /** A webhook row written directly: its host name exists only in the test's resolver. */
    async function hookTo(target: string) {
      const id = `pin-${Math.random().toString(36).slice(2, 10)}`;
      await t.db.webhook.create({ data: { id, name: id, url: target, kinds: ["review.due"], encryptedSecret: new Uint8Array(sealSecret(secret, id, kek)), secretSource: kek.source, secretPrefix: secret.slice(0, 10), createdById: admin.id } });
      const deliveryId = `${id}-d`;
      await t.db.webhookDelivery.create({ data: { id: deliveryId, webhookId: id, kind: "webhook.test", test: true, body: '{"hello":"world"}' } });
      return deliveryId;
    }

    // "rebind.invalid" never resolves in real DNS: reaching the server proves the checked
    // address was used for the connection, with the name still in the Host header.
    await allowPrivate(admin, true);
    const pinned = await hookTo(`http://rebind.invalid:${port}/pinned`);
    const ok = await deliverWebhook(t.db, pinned, { lastAttempt: false, resolve: async () => ["127.0.0.1"] });
    expect(ok).toMatchObject({ status: "SUCCEEDED", statusCode: 200, attempt: 1 });
    expect(received.at(-1)).toMatchObject({ path: "/pinned", headers: expect.objectContaining({ host: `rebind.invalid:${port}` }) });
    expect(verifySignature({ header: received.at(-1)!.headers["x-signature"] as string, body: '{"hello":"world"}', secret }).ok).toBe(true);

    // A name answering with a public and a private address is refused (when private targets are).
    await allowPrivate(admin, false);
    const mixed = await hookTo(`http://mixed.invalid:${port}/mixed`);
    const refused = await deliverWebhook(t.db, mixed, { lastAttempt: false, resolve: async () => ["93.184.215.14", "127.0.0.1"] });
    expect(refused).toMatchObject({ status: "FAILED", statusCode: null });
    expect(refused.error).toMatch(/mixed\.invalid resolves to 127\.0\.0\.1, a loopback address/);
    expect(received.filter((r) => r.path === "/mixed")).toHaveLength(0);

    // A redirect is an answer, not a path to follow; silence is a failed attempt (retried).
    await allowPrivate(admin, true);
    script = [{ status: 302, headers: { location: `http://127.0.0.1:${port}/elsewhere` } }];
    const redirected = await hookTo(url("/redirect"));
    const moved = await refusal(deliverWebhook(t.db, redirected, { lastAttempt: false }));
    expect((moved as Error).message).toMatch(/HTTP 302: redirects are not followed/);
    expect(received.filter((r) => r.path === "/elsewhere")).toHaveLength(0);
    // A hostile answer (NUL bytes, PostgreSQL cannot store them) is still logged, made storable.
    script = [{ status: 500, body: "bad\u0000answer" }];
    const nul = await hookTo(url("/nul"));
    await refusal(deliverWebhook(t.db, nul, { lastAttempt: false }));
    expect((await t.db.webhookAttempt.findFirstOrThrow({ where: { deliveryId: nul } })).responseExcerpt).toBe("bad\uFFFDanswer");
    script = [{ status: 200, hang: true }];
    const silent = await hookTo(url("/silent"));
    const gaveUp = await deliverWebhook(t.db, silent, { lastAttempt: true, timeoutMs: 500 });
    expect(gaveUp).toMatchObject({ status: "FAILED", statusCode: null });
    expect(gaveUp.error).toMatch(/no answer within 0\.5 s/);
    await allowPrivate(admin, false);
  });

  it("a disabled webhook gets no events and kinds filter what is sent; a test still goes to a disabled webhook", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    await allowPrivate(admin, true);
    await runner(false);
    const off = await createWebhook(ctx(admin), { name: "Off", url: url("/off"), kinds: ["review.due"], enabled: false });
    const other = await createWebhook(ctx(admin), { name: "Other kinds", url: url("/other"), kinds: ["gate.denied"] });
    const { id: systemId } = await createSystem(ctx(owner), systemInput());
    await notify(t.db, { kind: "review.due", systemId, dueOn: "2027-04-01" });
    expect(await t.db.webhookDelivery.count({ where: { webhookId: { in: [off.id, other.id] } } })).toBe(0);
    const { deliveryId } = await sendWebhookTest(ctx(admin), off.id);
    await runner(true);
    await until(async () => (await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).status === "SUCCEEDED");
    const got = received.find((r) => r.path === "/off")!;
    expect(JSON.parse(got.body)).toMatchObject({ id: deliveryId, type: "webhook.test", test: true, system: null });
    await allowPrivate(admin, false);
  });
});
