import { execFileSync } from "node:child_process";
import { createPublicKey, verify } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { cancelScheduledGateFold } from "@/lib/gate/fold";
import { pae } from "@/lib/signing/dsse";
import { createSystem } from "@/lib/systems/create-system";
import { createApiToken } from "@/lib/tokens/create-token";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import { privateKeyForms } from "@/test/private-key-forms";
import { runCommand, serveRoutes } from "@/test/route-server";
import { approvalFixture } from "./fixtures";
import type { AttestationApproval } from "./types";

// Routes use the app's client and the session: point both at the test. Approvals are fixtures
// here (states and expiries set directly); ./source.int.test.ts covers the real approvals query.
const state = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null, approvals: new Map<string, unknown>(), tamper: false }));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs(state));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));
vi.mock("./source", () => ({ findApprovalForAttestation: async (_db: unknown, id: string) => state.approvals.get(id) ?? null }));

const attestationRoute = await import("@/app/api/v1/approvals/[id]/attestation/route");
const keyRoute = await import("@/app/api/v1/keys/[keyId]/route");
const keysRoute = await import("@/app/api/v1/keys/route");
const gateRoute = await import("@/app/api/v1/gate/route");
const t = useTestDatabase();

type Envelope = { payloadType: string; payload: string; signatures: { keyid: string; sig: string }[] };
let server: Awaited<ReturnType<typeof serveRoutes>>;
let gateSecret = "";
let readerSecret = "";
let approval: AttestationApproval;
const dir = mkdtempSync(path.join(tmpdir(), "aigov-attest-"));

beforeAll(async () => {
  state.db = t.db;
  const admin = await createActor(t.db, "ADMIN");
  const created = await createSystem({ actor: admin, db: t.db }, systemInput());
  const system = await t.db.aiSystem.findUniqueOrThrow({ where: { id: created.id } });
  approval = approvalFixture({ id: system.id, slug: system.slug, name: system.name, ownerId: system.ownerId });
  state.approvals.set(approval.id, approval);
  state.approvals.set("apr_stale", { ...approval, id: "apr_stale", state: "STALE" });
  state.approvals.set("apr_expired", { ...approval, id: "apr_expired", expiresAt: new Date(Date.now() - 1000) });
  for (const lifecycle of ["PAUSED", "RETIRING", "RETIRED"]) state.approvals.set(`apr_${lifecycle}`, { ...approval, id: `apr_${lifecycle}`, system: { ...approval.system, lifecycle } });
  gateSecret = (await createApiToken({ actor: admin, db: t.db }, { name: "Verifier", scopes: ["gate:read"] })).secret;
  readerSecret = (await createApiToken({ actor: admin, db: t.db }, { name: "Reader", scopes: ["systems:read"] })).secret;
  server = await serveRoutes(
    [
      { pattern: /^\/api\/v1\/approvals\/(?<id>[^/]+)\/attestation$/, GET: attestationRoute.GET },
      { pattern: /^\/api\/v1\/keys\/(?<keyId>[^/]+)$/, GET: keyRoute.GET },
      { pattern: /^\/api\/v1\/keys$/, GET: keysRoute.GET },
      { pattern: /^\/api\/v1\/gate$/, GET: gateRoute.GET },
    ],
    (pathname, body) => {
      if (!state.tamper || !pathname.endsWith("/attestation")) return body;
      // A man in the middle swaps an approved digest for his own, keeping the signature.
      const envelope = JSON.parse(body.toString()) as Envelope;
      envelope.payload = Buffer.from(Buffer.from(envelope.payload, "base64").toString().replace("1f".repeat(32), "66".repeat(32))).toString("base64");
      return Buffer.from(JSON.stringify(envelope));
    },
  );
});
afterAll(async () => {
  cancelScheduledGateFold();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (p: string, secret: string | null) => fetch(`${server.url}${p}`, { headers: secret ? { authorization: `Bearer ${secret}` } : {} });

/** The verification block of docs/attestations.md, exactly as written there. */
function documentedCommands(): string {
  const doc = readFileSync(path.resolve("docs/attestations.md"), "utf8");
  const block = /<!-- verify-attestation:begin[^>]*-->\s*```sh\n([\s\S]*?)```\s*<!-- verify-attestation:end -->/.exec(doc);
  if (!block) throw new Error("docs/attestations.md lost its verify-attestation block");
  return block[1]!;
}

function runDocumented(approvalId: string) {
  const work = mkdtempSync(path.join(dir, "run-"));
  writeFileSync(path.join(work, "verify-attestation.sh"), documentedCommands());
  return runCommand("sh", ["-e", "verify-attestation.sh"], { cwd: work, env: { ...process.env, AIGOV_URL: server.url, AIGOV_TOKEN: gateSecret, APPROVAL_ID: approvalId } });
}

describe("[ATTESTATION] GET /api/v1/approvals/<id>/attestation", () => {
  it("returns a DSSE envelope over an in-toto statement of the approval, signed by the instance key", async () => {
    const res = await get(`/api/v1/approvals/${approval.id}/attestation`, gateSecret);
    expect(res.status).toBe(200);
    const envelope = (await res.json()) as Envelope;
    expect(envelope.payloadType).toBe("application/vnd.in-toto+json");
    const payload = Buffer.from(envelope.payload, "base64");
    const statement = JSON.parse(payload.toString()) as { _type: string; subject: { digest: { sha256: string } }[]; predicate: { environment: string; approvers: unknown[] } };
    expect(statement._type).toBe("https://in-toto.io/Statement/v1");
    expect(statement.subject.map((s) => s.digest.sha256)).toEqual(approval.artifacts.map((a) => a.sha256));
    expect(statement.predicate.environment).toBe("production");
    expect(statement.predicate.approvers).toHaveLength(2);
    const pem = await (await get(`/api/v1/keys/${envelope.signatures[0]!.keyid}`, null)).text();
    expect(verify(null, pae(envelope.payloadType, payload), createPublicKey(pem), Buffer.from(envelope.signatures[0]!.sig, "base64"))).toBe(true);
  });

  it("refuses without a token (401), without gate:read (403), for an unknown approval (404) and one not in force (409)", async () => {
    expect((await get(`/api/v1/approvals/${approval.id}/attestation`, null)).status).toBe(401);
    expect((await get(`/api/v1/approvals/${approval.id}/attestation`, readerSecret)).status).toBe(403);
    expect((await get(`/api/v1/approvals/nope/attestation`, gateSecret)).status).toBe(404);
    expect((await get(`/api/v1/approvals/apr_stale/attestation`, gateSecret)).status).toBe(409);
    expect((await get(`/api/v1/approvals/apr_expired/attestation`, gateSecret)).status).toBe(409);
    // An approval still APPROVED, of a system that may not deploy (paused, being retired, retired).
    for (const [lifecycle, words] of [["PAUSED", "is paused"], ["RETIRING", "is being retired"], ["RETIRED", "is retired"]] as const) {
      const res = await get(`/api/v1/approvals/apr_${lifecycle}/attestation`, gateSecret);
      expect(res.status, lifecycle).toBe(409);
      expect(((await res.json()) as { error: { message: string } }).error.message, lifecycle).toContain(words);
    }
    expect((await get(`/api/v1/keys/${"0".repeat(64)}`, null)).status).toBe(404);
  });

  it("the verification steps in docs/attestations.md, run verbatim with curl, sed, base64 and openssl, verify a real attestation", async () => {
    const run = await runDocumented(approval.id);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Key digest matches key id");
    expect(run.stdout).toContain("Signature Verified Successfully");
    expect(run.stdout).toContain('"_type":"https://in-toto.io/Statement/v1"');
    for (const a of approval.artifacts) expect(run.stdout).toContain(`"sha256":"${a.sha256}"`);
  });

  it("the same documented steps fail on a tampered attestation", async () => {
    state.tamper = true;
    try {
      const run = await runDocumented(approval.id);
      expect(run.status).not.toBe(0);
      expect(run.stdout + run.stderr).toMatch(/Signature Verification Failure/);
      expect(run.stdout).not.toContain("Signature Verified Successfully");
    } finally {
      state.tamper = false;
    }
  });

  it("no API answer (keys, key, attestation, gate) ever contains the private key in any encoding", async () => {
    const envelope = (await (await get(`/api/v1/approvals/${approval.id}/attestation`, gateSecret)).json()) as Envelope;
    const answers = [
      await (await get("/api/v1/keys", null)).text(),
      await (await get(`/api/v1/keys/${envelope.signatures[0]!.keyid}`, null)).text(),
      JSON.stringify(envelope),
      Buffer.from(envelope.payload, "base64").toString(),
      await (await get(`/api/v1/gate?system=${approval.system.slug}&environment=production&digest=sha256:${"1f".repeat(32)}`, gateSecret)).text(),
    ];
    const forms = await privateKeyForms(t.db);
    expect(forms.length).toBeGreaterThanOrEqual(8);
    for (const answer of answers) {
      expect(answer.length).toBeGreaterThan(10);
      for (const form of forms) expect(answer).not.toContain(form);
      expect(answer).not.toMatch(/PRIVATE KEY/);
    }
    // And the database never holds it in the clear.
    const row = await t.db.signingKey.findFirstOrThrow();
    expect(execFileSync("openssl", ["version"], { encoding: "utf8" })).toMatch(/^OpenSSL 3/);
    expect(Buffer.from(row.encryptedPrivateKey).toString("latin1")).not.toContain("PRIVATE");
  });
});
