import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { decideApprovalRequest } from "@/lib/approvals/decide-request";
import { openApprovalRequest } from "@/lib/approvals/open-request";
import { recordApprovalException } from "@/lib/approvals/record-exception";
import { revokeApproval } from "@/lib/approvals/revoke-approval";
import { submitApprovalRequest } from "@/lib/approvals/submit-request";
import type { Db } from "@/lib/db/create-client";
import { cancelScheduledGateFold } from "@/lib/gate/fold";
import { pae } from "@/lib/signing/dsse";
import { createApiToken } from "@/lib/tokens/create-token";
import { greenSystem, sha } from "@/test/approval-fixtures";
import { useTestDatabase } from "@/test/db";
import { createActor } from "@/test/factories";
import { serveRoutes } from "@/test/route-server";
import { pauseSystemFromIncident, resumeSystemFromIncident } from "@/lib/incidents/containment";
import { reportIncident } from "@/lib/incidents/report";
import { startRetirement } from "@/lib/incidents/retire";
import { findApprovalForAttestation } from "./source";

// The real approvals query (./source.ts, not mocked) behind the real endpoint: approvals made
// through lib/approvals are attested, signed, and refused once they no longer hold.
const state = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null }));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs(state));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));

const attestationRoute = await import("@/app/api/v1/approvals/[id]/attestation/route");
const keyRoute = await import("@/app/api/v1/keys/[keyId]/route");
const t = useTestDatabase();

type Envelope = { payloadType: string; payload: string; signatures: { keyid: string; sig: string }[] };
type Predicate = {
  system: { id: string; riskTier: string };
  environment: string;
  release: string;
  approval: { id: string; state: string; requestedBy: { email: string } | null; approvedAt: string | null; expiresAt: string | null };
  approvers: { email: string; comment: string | null }[];
  artifacts: { name: string; kind: string; version: string | null; digest: { sha256: string } }[];
  gate: { result: string; rules: { rule: string; passed: boolean }[]; exception: { rationale: string; expiresAt: string | null; recordedBy: string } | null };
};

let server: Awaited<ReturnType<typeof serveRoutes>>;
let secret = "";

beforeAll(async () => {
  state.db = t.db;
  const admin = await createActor(t.db, "ADMIN");
  secret = (await createApiToken({ actor: admin, db: t.db }, { name: "Pipeline", scopes: ["gate:read"] })).secret;
  server = await serveRoutes([
    { pattern: /^\/api\/v1\/approvals\/(?<id>[^/]+)\/attestation$/, GET: attestationRoute.GET },
    { pattern: /^\/api\/v1\/keys\/(?<keyId>[^/]+)$/, GET: keyRoute.GET },
  ]);
});
afterAll(async () => {
  cancelScheduledGateFold();
  await server?.close();
});

const get = (p: string) => fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${secret}` } });

/** Fetches an attestation, checks its signature against the published key, returns the statement. */
async function verifiedStatement(approvalId: string) {
  const res = await get(`/api/v1/approvals/${approvalId}/attestation`);
  expect(res.status).toBe(200);
  const envelope = (await res.json()) as Envelope;
  const payload = Buffer.from(envelope.payload, "base64");
  const pem = await (await get(`/api/v1/keys/${envelope.signatures[0]!.keyid}`)).text();
  expect(verify(null, pae(envelope.payloadType, payload), createPublicKey(pem), Buffer.from(envelope.signatures[0]!.sig, "base64"))).toBe(true);
  return JSON.parse(payload.toString()) as { _type: string; subject: { name: string; digest: { sha256: string } }[]; predicateType: string; predicate: Predicate };
}

describe("[ATTESTATION] findApprovalForAttestation reads lib/approvals", () => {
  it("an approved HIGH request yields a signed in-toto statement of its pinned artifacts, approvers and gate", async () => {
    const green = await greenSystem(t.db, "HIGH");
    const ctx = { actor: green.owner, db: t.db };
    const { id } = await openApprovalRequest(ctx, { systemId: green.systemId, releaseLabel: "2026.12.1", environment: "production" });
    const { gate } = await submitApprovalRequest(ctx, id, { expectedVersion: 1 });
    // Not in force yet: submitted, awaiting review.
    expect((await get(`/api/v1/approvals/${id}/attestation`)).status).toBe(409);
    const [a, b] = [await createActor(t.db, "SECURITY_REVIEWER"), await createActor(t.db, "SECURITY_REVIEWER")];
    await decideApprovalRequest({ actor: a, db: t.db }, id, { outcome: "APPROVE", comment: "Threat model reviewed." });
    await decideApprovalRequest({ actor: b, db: t.db }, id, { outcome: "APPROVE", comment: "Digests match the registry." });

    const statement = await verifiedStatement(id);
    expect(statement._type).toBe("https://in-toto.io/Statement/v1");
    expect(statement.predicateType).toBe("urn:aigov:attestation:deployment-approval:v1");
    // In the snapshot's order: by kind (DATASET before MODEL), then name and version.
    expect(statement.subject).toEqual([
      { name: "help-centre@2026-11", digest: { sha256: sha(`data ${green.systemId}`) } },
      { name: "support-llm@1.0", digest: { sha256: green.modelSha } },
    ]);
    const p = statement.predicate;
    expect(p).toMatchObject({ environment: "production", release: "2026.12.1", system: { id: green.systemId, riskTier: "HIGH" } });
    expect(p.approval).toMatchObject({ id, state: "APPROVED", requestedBy: { email: green.owner.email } });
    const row = await t.db.approvalRequest.findUniqueOrThrow({ where: { id } });
    expect(p.approval.approvedAt).toBe(row.approvedAt!.toISOString());
    expect(p.approval.expiresAt).toBe(row.expiresAt!.toISOString());
    expect(p.approvers.map((x) => [x.email, x.comment])).toEqual([
      [a.email, "Threat model reviewed."],
      [b.email, "Digests match the registry."],
    ]);
    expect(p.artifacts.map((x) => x.kind)).toEqual(["DATASET", "MODEL"]);
    expect(p.gate.result).toBe("PASS");
    expect(p.gate.exception).toBeNull();
    expect(p.gate.rules.map((r) => r.rule)).toEqual(gate.rules.map((r) => r.id));
    expect(p.gate.rules.every((r) => r.passed)).toBe(true);

    // Revoked: no fresh signature over a withdrawn approval.
    await revokeApproval({ actor: a, db: t.db }, id, { reason: "Vendor disclosed a poisoned checkpoint." });
    expect((await get(`/api/v1/approvals/${id}/attestation`)).status).toBe(409);
    expect((await get(`/api/v1/approvals/nope/attestation`)).status).toBe(404);
  });

  it("an approval on an exception states EXCEPTION with the rationale; only digested artifacts are subjects", async () => {
    const green = await greenSystem(t.db, "LOW");
    await t.db.asset.update({ where: { id: green.modelId }, data: { sha256: null } });
    const ctx = { actor: green.owner, db: t.db };
    const { id } = await openApprovalRequest(ctx, { systemId: green.systemId, releaseLabel: "v2", environment: "staging" });
    await submitApprovalRequest(ctx, id, { expectedVersion: 1, asException: true });
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const in10 = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const rationale = "The model is pinned by the vendor's signed manifest until the digest import lands.";
    await recordApprovalException({ actor: reviewer, db: t.db }, id, { rationale, expiresOn: in10 });
    await decideApprovalRequest({ actor: reviewer, db: t.db }, id, { outcome: "APPROVE", comment: "Accepted on the exception." });

    const { subject, predicate } = await verifiedStatement(id);
    expect(subject.map((s) => s.name)).toEqual(["help-centre@2026-11"]);
    expect(predicate.gate.result).toBe("EXCEPTION");
    expect(predicate.gate.rules.filter((r) => !r.passed).map((r) => r.rule)).toEqual(["assets.digests"]);
    expect(predicate.gate.exception).toEqual({ rationale, expiresAt: `${in10}T23:59:59.999Z`, recordedBy: reviewer.email });
    expect((await findApprovalForAttestation(t.db, id))!.system.contributorIds).toEqual([]);
  });

  it("no attestation while the system is paused; starting its retirement revokes the approval (system retiring) for good", async () => {
    const green = await greenSystem(t.db, "LOW");
    const ctx = { actor: green.owner, db: t.db };
    const { id } = await openApprovalRequest(ctx, { systemId: green.systemId, releaseLabel: "v3", environment: "production" });
    await submitApprovalRequest(ctx, id, { expectedVersion: 1 });
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    await decideApprovalRequest({ actor: reviewer, db: t.db }, id, { outcome: "APPROVE", comment: "Evidence reviewed." });
    await verifiedStatement(id);

    const incident = await reportIncident(ctx, {
      title: "Poisoned retrieval documents",
      category: "DATA_MODEL_POISONING",
      severity: "SEV1",
      systemIds: [green.systemId],
      detectedAt: "2026-11-29T08:00",
      description: "Planted documents steer answers.",
      impact: "Wrong refund amounts quoted.",
    });
    await pauseSystemFromIncident({ actor: reviewer, db: t.db }, incident.id, { systemId: green.systemId, comment: "Stop it" });
    const paused = await get(`/api/v1/approvals/${id}/attestation`);
    expect(paused.status).toBe(409);
    expect(((await paused.json()) as { error: { message: string } }).error.message).toMatch(/is paused/);
    await resumeSystemFromIncident({ actor: reviewer, db: t.db }, incident.id, { systemId: green.systemId, comment: "Documents removed" });
    await verifiedStatement(id);

    expect(await startRetirement({ actor: reviewer, db: t.db }, green.systemId, { statement: "Replaced by the new assistant platform." })).toEqual({ lifecycle: "RETIRING", approvalsRevoked: 1 });
    const row = await t.db.approvalRequest.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ state: "REVOKED", stateReason: "system retiring" });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "approval.revoked" } });
    expect(event.summary).toMatchObject({ reason: "system retiring", environment: "production" });
    expect((await get(`/api/v1/approvals/${id}/attestation`)).status).toBe(409);
  });
});
