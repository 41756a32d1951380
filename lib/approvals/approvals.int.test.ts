import { describe, expect, it } from "vitest";
import { updateAsset } from "@/lib/assets/update-asset";
import { createAsset } from "@/lib/assets/create-asset";
import { deleteAsset } from "@/lib/assets/delete-asset";
import { systemActor } from "@/lib/authz/actor";
import { updateChecklistItem } from "@/lib/checklists/update-item";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { findGateApproval as gateApprovalSource } from "@/lib/gate/approval-source";
import { evaluateGate as evaluateGateCall } from "@/lib/gate/evaluate";
import { reportIncident } from "@/lib/incidents/report";
import { transitionIncident } from "@/lib/incidents/transition";
import { JOBS } from "@/lib/jobs/registry";
import { useTestDatabase } from "@/test/db";
import { greenSystem, sha } from "@/test/approval-fixtures";
import { createActor } from "@/test/factories";
import { decideApprovalRequest } from "./decide-request";
import { expireApprovalsJob } from "./jobs";
import { expireApprovals } from "./expire-approvals";
import { findGateApproval } from "./gate-query";
import { openApprovalRequest } from "./open-request";
import { getApprovalRequest, listMyRequests, listReviewQueue } from "./queries";
import { recordApprovalException } from "./record-exception";
import { revokeApproval } from "./revoke-approval";
import { previewGate, submitApprovalRequest } from "./submit-request";
import { withdrawApprovalRequest } from "./withdraw-request";

const t = useTestDatabase();

async function submitted(tier: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL" = "HIGH", environment = "production") {
  const green = await greenSystem(t.db, tier);
  const ctx = { actor: green.owner, db: t.db };
  const { id } = await openApprovalRequest(ctx, { systemId: green.systemId, releaseLabel: "v1.0", environment });
  const result = await submitApprovalRequest(ctx, id, { expectedVersion: 1 });
  return { ...green, requestId: id, result };
}

const approve = (comment = "Evidence reviewed, looks good.") => ({ outcome: "APPROVE", comment });

describe("[APPROVALS] request, submit, decide", () => {
  it("a HIGH release needs two distinct reviewers; then the system is APPROVED and the gate query finds its digests", async () => {
    const { owner, systemId, requestId, result, modelSha } = await submitted("HIGH");
    expect(result.gate.passed).toBe(true);
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id: systemId } })).lifecycle).toBe("IN_REVIEW");
    const a = await createActor(t.db, "SECURITY_REVIEWER");
    const b = await createActor(t.db, "SECURITY_REVIEWER");

    const first = await decideApprovalRequest({ actor: a, db: t.db }, requestId, approve());
    expect(first).toMatchObject({ state: "SUBMITTED", approvals: 1, approvalsRequired: 2 });
    await expect(decideApprovalRequest({ actor: a, db: t.db }, requestId, approve())).rejects.toThrow(/another reviewer/);
    expect(await findGateApproval(t.db, { systemId, environment: "production" })).toBeNull();

    const second = await decideApprovalRequest({ actor: b, db: t.db }, requestId, approve("Second pair of eyes: fine."));
    expect(second.state).toBe("APPROVED");
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id: systemId } })).lifecycle).toBe("APPROVED");

    const gate = await findGateApproval(t.db, { systemId, environment: "production" });
    expect(gate).toMatchObject({ id: requestId, state: "APPROVED", releaseLabel: "v1.0", gatePassed: true, exception: null, systemLifecycle: "APPROVED" });
    expect(gate!.digests.map((d) => d.value)).toContain(modelSha);
    expect(gate!.approvers.map((p) => p.id)).toEqual([a.id, b.id]);
    expect(gate!.expiresAt.getTime() - gate!.approvedAt.getTime()).toBe(90 * 86_400_000);
    expect(await findGateApproval(t.db, { systemId, environment: "staging" })).toBeNull();

    const actions = (await t.db.auditEvent.findMany({ where: { entityId: requestId }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["approval.opened", "approval.submitted", "approval.decided", "approval.decided", "approval.approved"]);
    const detail = await getApprovalRequest({ actor: owner, db: t.db }, requestId);
    expect(detail.decisions).toHaveLength(2);
    expect(detail.can.decide).toBe(false);
  });

  it("the owner, the requester and contributors never decide; product owners lack the right altogether", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const green = await greenSystem(t.db, "LOW");
    // An admin who opened the request may not decide it.
    const { id } = await openApprovalRequest({ actor: admin, db: t.db }, { systemId: green.systemId, releaseLabel: "v2", environment: "staging" });
    await submitApprovalRequest({ actor: admin, db: t.db }, id, { expectedVersion: 1 });
    await expect(decideApprovalRequest({ actor: admin, db: t.db }, id, approve())).rejects.toThrow(/You requested this approval/);
    await expect(decideApprovalRequest({ actor: green.owner, db: t.db }, id, approve())).rejects.toBeInstanceOf(ForbiddenError);
    // An admin who owns the system may not decide it either.
    await t.db.aiSystem.update({ where: { id: green.systemId }, data: { ownerId: (await createActor(t.db, "ADMIN")).id } });
    const owningAdmin = (await t.db.aiSystem.findUniqueOrThrow({ where: { id: green.systemId }, include: { owner: true } })).owner;
    await expect(
      decideApprovalRequest({ actor: { kind: "user", id: owningAdmin.id, email: owningAdmin.email, name: owningAdmin.name, role: "ADMIN" }, db: t.db }, id, approve()),
    ).rejects.toThrow(/You own this system/);
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id } })).state).toBe("SUBMITTED");
    expect(await t.db.approvalDecision.count({ where: { requestId: id } })).toBe(0);
  });

  it("a failing gate is submitted only as needs exception; approving then needs a recorded exception, which caps the expiry", async () => {
    const green = await greenSystem(t.db, "MEDIUM");
    await t.db.asset.update({ where: { id: green.modelId }, data: { sha256: null } });
    const ctx = { actor: green.owner, db: t.db };
    const { id } = await openApprovalRequest(ctx, { systemId: green.systemId, releaseLabel: "v3", environment: "production" });
    const refused = await submitApprovalRequest(ctx, id, { expectedVersion: 1 }).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).message).toMatch(/1 gate rule fails/);
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id } })).state).toBe("DRAFT");

    const { needsException, gate } = await submitApprovalRequest(ctx, id, { expectedVersion: 1, asException: true });
    expect(needsException).toBe(true);
    expect(gate.rules.filter((r) => !r.passed).map((r) => r.id)).toEqual(["assets.digests"]);
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const rctx = { actor: reviewer, db: t.db };
    await expect(decideApprovalRequest(rctx, id, approve())).rejects.toThrow(/record an exception/);
    const now = new Date();
    const in10 = new Date(now.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    await expect(recordApprovalException(rctx, id, { rationale: "too short", expiresOn: in10 })).rejects.toBeInstanceOf(ValidationError);
    await expect(recordApprovalException({ actor: green.owner, db: t.db }, id, { rationale: "x".repeat(40), expiresOn: in10 })).rejects.toBeInstanceOf(ForbiddenError);
    await recordApprovalException(rctx, id, { rationale: "The model is pinned by the vendor's signed manifest until the digest import lands.", expiresOn: in10 });
    const decided = await decideApprovalRequest(rctx, id, approve());
    expect(decided.state).toBe("APPROVED");
    expect(decided.expiresAt!.toISOString()).toBe(`${in10}T23:59:59.999Z`);
    const gateView = await findGateApproval(t.db, { systemId: green.systemId, environment: "production" });
    expect(gateView!.exception).toMatchObject({ reviewerId: reviewer.id, expiresOn: in10, failingRules: ["assets.digests"] });
  });

  it("request changes sends it back; the requester resubmits a new snapshot (round 2) and earlier decisions do not count", async () => {
    const { owner, requestId } = await submitted("HIGH");
    const a = await createActor(t.db, "SECURITY_REVIEWER");
    const b = await createActor(t.db, "SECURITY_REVIEWER");
    await decideApprovalRequest({ actor: a, db: t.db }, requestId, approve());
    await decideApprovalRequest({ actor: b, db: t.db }, requestId, { outcome: "REQUEST_CHANGES", comment: "Add the red-team report first." });
    const back = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(back.state).toBe("CHANGES_REQUESTED");
    await submitApprovalRequest({ actor: owner, db: t.db }, requestId, { expectedVersion: back.rowVersion });
    expect(await decideApprovalRequest({ actor: a, db: t.db }, requestId, approve())).toMatchObject({ state: "SUBMITTED", approvals: 1 });
  });

  it("withdraw by the requester side; a stale version conflicts; a withdrawn request cannot be decided", async () => {
    const { owner, requestId } = await submitted("LOW");
    await expect(withdrawApprovalRequest({ actor: owner, db: t.db }, requestId, { expectedVersion: 1 })).rejects.toBeInstanceOf(ConflictError);
    const row = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } });
    await withdrawApprovalRequest({ actor: owner, db: t.db }, requestId, { expectedVersion: row.rowVersion });
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    await expect(decideApprovalRequest({ actor: reviewer, db: t.db }, requestId, approve())).rejects.toThrow(/withdrawn/);
  });

  it("lists: my requests for the owner; the review queue oldest first with who may not decide", async () => {
    const first = await submitted("LOW");
    const second = await submitted("CRITICAL", "staging");
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const queue = await listReviewQueue({ actor: reviewer, db: t.db });
    const ids = queue.items.map((i) => i.id);
    expect(ids.indexOf(first.requestId)).toBeLessThan(ids.indexOf(second.requestId));
    expect(queue.items.find((i) => i.id === second.requestId)).toMatchObject({ riskTier: "CRITICAL", approvalsRequired: 2, gatePassed: true, blockedReason: null });
    const mine = await listMyRequests({ actor: first.owner, db: t.db });
    expect(mine.items.map((i) => i.id)).toEqual([first.requestId]);
    await expect(listReviewQueue({ actor: first.owner, db: t.db })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("[APPROVALS] open severe incidents (lib/incidents)", () => {
  const incident = (systemId: string, severity: string) => ({
    title: "Hidden instructions in a ticket made the assistant leak history",
    category: "PROMPT_INJECTION",
    severity,
    systemIds: [systemId],
    detectedAt: "2026-11-29T08:00",
    description: "A ticket contained instructions; the assistant followed them.",
    impact: "One customer saw parts of another customer's ticket history.",
  });

  it("an open SEV1/SEV2 incident fails the gate rule and is pinned; a SEV3 or a closed one does not", async () => {
    const green = await greenSystem(t.db, "MEDIUM");
    const ctx = { actor: green.owner, db: t.db };
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    await reportIncident(ctx, incident(green.systemId, "SEV3"));
    const { id } = await openApprovalRequest(ctx, { systemId: green.systemId, releaseLabel: "v4", environment: "production" });
    expect((await previewGate(ctx, id)).gate.passed).toBe(true);

    const severe = await reportIncident(ctx, incident(green.systemId, "SEV2"));
    const preview = await previewGate(ctx, id);
    const rule = preview.gate.rules.find((r) => r.id === "incidents.severe")!;
    expect(rule).toMatchObject({ passed: false, reason: "1 severe incident is open." });
    expect(preview.snapshot.openSevereIncidents).toEqual([{ id: severe.id, title: expect.stringMatching(/leak history/), severity: "SEV2" }]);
    const refused = await submitApprovalRequest(ctx, id, { expectedVersion: 1 }).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    const { gate, needsException } = await submitApprovalRequest(ctx, id, { expectedVersion: 1, asException: true });
    expect(needsException).toBe(true);
    expect(gate.rules.filter((r) => !r.passed).map((r) => r.id)).toEqual(["incidents.severe"]);
    const pinned = await t.db.approvalRequest.findUniqueOrThrow({ where: { id } });
    expect((pinned.snapshot as { openSevereIncidents: { id: string }[] }).openSevereIncidents.map((i) => i.id)).toEqual([severe.id]);

    for (const [event, v] of [["triage", 1], ["contain", 2], ["resolve", 3]] as const) await transitionIncident({ actor: reviewer, db: t.db }, severe.id, event, { expectedVersion: v });
    await transitionIncident({ actor: reviewer, db: t.db }, severe.id, "close", { expectedVersion: 4, rootCause: "Instructions in tickets were obeyed.", lessonsLearned: "Tickets are data, not instructions." });
    const { id: next } = await openApprovalRequest(ctx, { systemId: green.systemId, releaseLabel: "v5", environment: "staging" });
    expect((await previewGate(ctx, next)).gate.rules.find((r) => r.id === "incidents.severe")!.passed).toBe(true);
  });
});

describe("[APPROVALS] concurrency", () => {
  it("two reviewers approving a HIGH request at the same moment: both count once, one approval, one lifecycle move", async () => {
    const { systemId, requestId } = await submitted("HIGH");
    const [a, b] = [await createActor(t.db, "SECURITY_REVIEWER"), await createActor(t.db, "SECURITY_REVIEWER")];
    const results = await Promise.allSettled([
      decideApprovalRequest({ actor: a, db: t.db }, requestId, approve()),
      decideApprovalRequest({ actor: b, db: t.db }, requestId, approve()),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    const states = results.map((r) => (r as PromiseFulfilledResult<{ state: string }>).value.state).sort();
    expect(states).toEqual(["APPROVED", "SUBMITTED"]);
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("APPROVED");
    expect(await t.db.approvalDecision.count({ where: { requestId } })).toBe(2);
    expect(await t.db.auditEvent.count({ where: { entityId: systemId, action: "system.lifecycle_changed", summary: { path: ["to"], equals: "APPROVED" } } })).toBe(1);
  });

  it("approve and reject at the same moment on a LOW request: one wins, the other is told, no lost or double decision", async () => {
    const { requestId } = await submitted("LOW");
    const [a, b] = [await createActor(t.db, "SECURITY_REVIEWER"), await createActor(t.db, "SECURITY_REVIEWER")];
    const results = await Promise.allSettled([
      decideApprovalRequest({ actor: a, db: t.db }, requestId, approve()),
      decideApprovalRequest({ actor: b, db: t.db }, requestId, { outcome: "REJECT", comment: "Not without the pen test." }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toBeInstanceOf(ConflictError);
    const final = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId }, include: { decisions: true } });
    expect(final.decisions).toHaveLength(1);
    expect(final.state).toBe(final.decisions[0]!.outcome === "APPROVE" ? "APPROVED" : "REJECTED");
  });
});

describe("[APPROVALS] staleness, revocation, expiry", () => {
  async function approved(tier: "LOW" | "HIGH" = "LOW") {
    const s = await submitted(tier);
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    await decideApprovalRequest({ actor: reviewer, db: t.db }, s.requestId, approve());
    if (tier === "HIGH") await decideApprovalRequest({ actor: await createActor(t.db, "SECURITY_REVIEWER"), db: t.db }, s.requestId, approve());
    return { ...s, reviewer };
  }

  it("changing the pinned model digest turns the approval STALE in the same transaction, with the reason", async () => {
    const { owner, systemId, requestId, modelId } = await approved();
    const asset = await t.db.asset.findUniqueOrThrow({ where: { id: modelId } });
    // A change that rolls back leaves the approval alone.
    await expect(
      t.db.$transaction(async (tx) => {
        await updateAsset({ actor: owner, db: tx }, modelId, { sha256: sha("other build"), expectedVersion: asset.rowVersion });
        expect((await tx.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("STALE");
        throw new Error("caller rolls back");
      }),
    ).rejects.toThrow(/caller rolls back/);
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("APPROVED");

    await updateAsset({ actor: owner, db: t.db }, modelId, { sha256: sha("other build"), expectedVersion: asset.rowVersion });
    const row = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row.state).toBe("STALE");
    expect(row.stateReason).toBe('The pinned digest of the model "support-llm" 1.0 asset changed.');
    expect(await findGateApproval(t.db, { systemId, environment: "production" })).toBeNull();
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id: systemId } })).lifecycle).toBe("IN_REVIEW");
    const stale = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: requestId, action: "approval.stale" } });
    expect(stale.summary).toMatchObject({ cause: { change: "asset.updated", id: modelId } });
  });

  it("editing an asset without touching digests keeps the approval", async () => {
    const { owner, requestId, modelId } = await approved();
    const asset = await t.db.asset.findUniqueOrThrow({ where: { id: modelId } });
    await updateAsset({ actor: owner, db: t.db }, modelId, { notes: "Runs in eu-west-1.", expectedVersion: asset.rowVersion });
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("APPROVED");
  });

  it("adding or removing an asset turns it STALE", async () => {
    const added = await approved();
    await createAsset({ actor: added.owner, db: t.db }, added.systemId, { kind: "TOOL_CONNECTOR", name: "crm-writer" });
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: added.requestId } })).stateReason).toMatch(/tool connector "crm-writer" asset was added/);
    const removed = await approved();
    const ds = await t.db.asset.findUniqueOrThrow({ where: { id: removed.datasetId } });
    await deleteAsset({ actor: removed.owner, db: t.db }, removed.datasetId, { expectedVersion: ds.rowVersion });
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: removed.requestId } })).stateReason).toMatch(/dataset "help-centre" 2026-11 asset was removed/);
  });

  it("a gated checklist item regressing turns it STALE; a submitted request goes stale too", async () => {
    const { owner, systemId, requestId } = await approved();
    const item = await t.db.checklistItem.findFirstOrThrow({
      where: { checklist: { systemId }, applicable: true, control: { pillar: "DEP", reviewerOnly: false } },
      include: { control: true },
    });
    await updateChecklistItem({ actor: owner, db: t.db }, item.id, { status: "IN_PROGRESS", expectedVersion: item.rowVersion });
    const row = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row.state).toBe("STALE");
    expect(row.stateReason).toBe(`Checklist control ${item.control.code} regressed: from met to in progress.`);

    const pending = await submitted("HIGH");
    const other = await t.db.checklistItem.findFirstOrThrow({ where: { checklist: { systemId: pending.systemId }, applicable: true, control: { pillar: "DES", reviewerOnly: false } } });
    await updateChecklistItem({ actor: pending.owner, db: t.db }, other.id, { status: "NOT_MET", expectedVersion: other.rowVersion });
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: pending.requestId } })).state).toBe("STALE");
  });

  it("a reviewer revokes; the gate stops finding it and the system returns to IN_REVIEW", async () => {
    const { systemId, requestId, reviewer, owner } = await approved();
    await expect(revokeApproval({ actor: owner, db: t.db }, requestId, { reason: "Owner wants it gone." })).rejects.toBeInstanceOf(ForbiddenError);
    await revokeApproval({ actor: reviewer, db: t.db }, requestId, { reason: "Vendor disclosed a poisoned checkpoint." });
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("REVOKED");
    expect(await findGateApproval(t.db, { systemId, environment: "production" })).toBeNull();
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id: systemId } })).lifecycle).toBe("IN_REVIEW");
  });

  it("expiry: the gate query ignores a passed expiry at once; the job marks it EXPIRED", async () => {
    const { systemId, requestId } = await approved();
    const row = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } });
    const after = new Date(row.expiresAt!.getTime() + 1000);
    expect(await findGateApproval(t.db, { systemId, environment: "production" }, after)).toBeNull();
    const job = { actor: systemActor("approvals.expire", ["approval:decide"]), db: t.db };
    const { expired } = await expireApprovals(job, after);
    expect(expired).toBeGreaterThanOrEqual(1);
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("EXPIRED");
    expect((await expireApprovals(job, after)).expired).toBe(0);
  });

  it("the registered expire-approvals job, with only the permissions it declares, expires a passed approval", async () => {
    expect(JOBS).toContain(expireApprovalsJob);
    const { requestId } = await approved();
    await t.db.approvalRequest.update({ where: { id: requestId }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const ctx = { actor: systemActor(expireApprovalsJob.name, expireApprovalsJob.permissions), db: t.db };
    const result = await expireApprovalsJob.handler({}, { jobId: "test", attempt: 0, ctx });
    expect(result).toEqual({ expired: 1 });
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("EXPIRED");
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "approval.expired", entityId: requestId } });
    expect(event.actorLabel).toBe("job:expire-approvals");
  });
});

describe("[APPROVALS] what the deployment gate reads (lib/gate/approval-source.ts)", () => {
  it("allows the approved digest, denies another; after a digest change it denies as stale, naming the reason", async () => {
    const s = await submitted("LOW");
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const system = { id: s.systemId, slug: "x", lifecycle: "APPROVED", archived: false, visible: true };
    const ask = async (digest: string) =>
      evaluateGateCall({
        systemSlug: "x",
        environment: "production",
        system,
        approval: await gateApprovalSource(t.db, { systemId: s.systemId, environment: "production" }),
        digests: [digest],
        now: new Date(),
      });
    expect((await ask(`sha256:${s.modelSha}`)).reasons.map((r) => r.code)).toContain("APPROVAL_NOT_DECIDED");
    await decideApprovalRequest({ actor: reviewer, db: t.db }, s.requestId, approve());
    expect(await ask(`sha256:${s.modelSha}`)).toMatchObject({ allow: true, approvalId: s.requestId });
    const other = await ask(`sha256:${sha("something else")}`);
    expect(other.allow).toBe(false);
    expect(other.reasons.map((r) => r.code)).toContain("DIGEST_NOT_APPROVED");

    const asset = await t.db.asset.findUniqueOrThrow({ where: { id: s.modelId } });
    await updateAsset({ actor: s.owner, db: t.db }, s.modelId, { sha256: sha("retrained"), expectedVersion: asset.rowVersion });
    const stale = await ask(`sha256:${s.modelSha}`);
    expect(stale.allow).toBe(false);
    expect(stale.reasons.map((r) => r.code)).toContain("APPROVAL_STALE");
    expect(JSON.stringify(stale.reasons)).toMatch(/pinned digest of the model/);
  });
});
