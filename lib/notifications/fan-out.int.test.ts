/**
 * The notifications raised by approvals, incidents and the deployment gate reach exactly the
 * people the fan-out rules name (./rules.ts), through the real services, in the services' own
 * transactions. Expected recipients are computed from the database (every active reviewer,
 * every active admin), so users made by other tests in this file count as they should.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/authz/actor";
import { updateAsset } from "@/lib/assets/update-asset";
import { decideApprovalRequest } from "@/lib/approvals/decide-request";
import { openApprovalRequest } from "@/lib/approvals/open-request";
import { revokeApproval } from "@/lib/approvals/revoke-approval";
import { submitApprovalRequest } from "@/lib/approvals/submit-request";
import { todayUtc } from "@/lib/evidence/rules";
import { checkGate } from "@/lib/gate/check";
import { cancelScheduledGateFold, foldAllGateChecks } from "@/lib/gate/fold";
import { dayStart } from "@/lib/home/providers";
import { getIncident } from "@/lib/incidents/queries";
import { reportIncident } from "@/lib/incidents/report";
import { startRetirement } from "@/lib/incidents/retire";
import { updateIncident } from "@/lib/incidents/update";
import { greenSystem, sha } from "@/test/approval-fixtures";
import { useTestDatabase } from "@/test/db";
import { createActor, createUser } from "@/test/factories";
import { scanExpiries } from "./scan";

const t = useTestDatabase();
afterAll(() => cancelScheduledGateFold());

/** Who got a notification of `kind` pointing at `href` (each person at most once per key). */
async function recipients(kind: string, where: { href?: string; systemId?: string } = {}) {
  const rows = await t.db.notification.findMany({ where: { kind, ...where }, select: { userId: true } });
  return rows.map((r) => r.userId).sort();
}
const sorted = (ids: readonly string[]) => [...new Set(ids)].sort();
async function activeIds(role: "SECURITY_REVIEWER" | "ADMIN") {
  return (await t.db.user.findMany({ where: { role, disabled: false }, select: { id: true } })).map((u) => u.id);
}

/** A LOW-tier system (one approval needed) with a contributor, bystanders of every role, and a disabled reviewer. */
async function cast() {
  const contributor = await createActor(t.db, "PRODUCT_OWNER");
  const green = await greenSystem(t.db, "LOW", { contributorIds: [contributor.id] });
  const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
  const stranger = await createActor(t.db, "PRODUCT_OWNER");
  const auditor = await createActor(t.db, "AUDITOR");
  const admin = await createActor(t.db, "ADMIN");
  const gone = await createUser(t.db, "SECURITY_REVIEWER");
  await t.db.user.update({ where: { id: gone.id }, data: { disabled: true } });
  return { ...green, owner: green.owner as UserActor, contributor, reviewer, stranger, auditor, admin, goneId: gone.id };
}

describe("[NOTIFY] approvals, incidents and the gate notify exactly the right people", () => {
  it("approval.requested: every active reviewer who may decide (not the team, not a disabled reviewer, not auditors, admins or strangers); again on the next round", async () => {
    const c = await cast();
    const { id } = await openApprovalRequest({ actor: c.contributor, db: t.db }, { systemId: c.systemId, releaseLabel: "v1.0", environment: "production" });
    await submitApprovalRequest({ actor: c.contributor, db: t.db }, id, { expectedVersion: 1 });
    const href = `/approvals/${id}`;
    const expected = sorted(await activeIds("SECURITY_REVIEWER"));
    expect(await recipients("approval.requested", { href })).toEqual(expected);
    expect(expected).toContain(c.reviewer.id);
    for (const outsider of [c.owner.id, c.contributor.id, c.stranger.id, c.auditor.id, c.admin.id, c.goneId]) expect(expected).not.toContain(outsider);
    const notice = await t.db.notification.findFirstOrThrow({ where: { kind: "approval.requested", href, userId: c.reviewer.id } });
    expect(notice.title).toMatch(/^Approval requested: /);
    expect(notice.body).toBe("v1.0 to production");

    // Sent back: the requester and the owner hear of it (not the reviewer who decided).
    await decideApprovalRequest({ actor: c.reviewer, db: t.db }, id, { outcome: "REQUEST_CHANGES", comment: "Add the eval report first, please." });
    expect(await recipients("approval.decided", { href })).toEqual(sorted([c.contributor.id, c.owner.id]));
    const back = await t.db.notification.findFirstOrThrow({ where: { kind: "approval.decided", href, userId: c.owner.id } });
    expect(back.title).toMatch(/^Approval sent back for changes: /);
    expect(back.body).toBe("Add the eval report first, please.");

    // Submitted again: reviewers are asked again (round 2), once each.
    const row = await t.db.approvalRequest.findUniqueOrThrow({ where: { id } });
    await submitApprovalRequest({ actor: c.contributor, db: t.db }, id, { expectedVersion: row.rowVersion });
    const twice = await t.db.notification.count({ where: { kind: "approval.requested", href, userId: c.reviewer.id } });
    expect(twice).toBe(2);
  });

  it("approval.decided and approval.stale: the requester and the owner; a stale approval also the contributors; revocation too", async () => {
    const c = await cast();
    const { id } = await openApprovalRequest({ actor: c.contributor, db: t.db }, { systemId: c.systemId, releaseLabel: "v2.0", environment: "production" });
    await submitApprovalRequest({ actor: c.contributor, db: t.db }, id, { expectedVersion: 1 });
    await decideApprovalRequest({ actor: c.reviewer, db: t.db }, id, { outcome: "APPROVE", comment: "Evidence reviewed, fine to ship." });
    const href = `/approvals/${id}`;
    expect(await recipients("approval.decided", { href })).toEqual(sorted([c.contributor.id, c.owner.id]));

    // An admin changes the pinned model digest: the approval turns stale in that transaction.
    const asset = await t.db.asset.findUniqueOrThrow({ where: { id: c.modelId } });
    await updateAsset({ actor: c.admin, db: t.db }, c.modelId, { sha256: sha(`retrained ${id}`), expectedVersion: asset.rowVersion });
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id } })).state).toBe("STALE");
    expect(await recipients("approval.stale", { href })).toEqual(sorted([c.contributor.id, c.owner.id]));
    const stale = await t.db.notification.findFirstOrThrow({ where: { kind: "approval.stale", href, userId: c.owner.id } });
    expect(stale.title).toMatch(/^Approval for production turned stale: /);
    expect(stale.body).toContain("pinned digest");

    // A second approval, revoked by a reviewer: "revoked" to the requester (the owner this time) only.
    const second = await openApprovalRequest({ actor: c.owner, db: t.db }, { systemId: c.systemId, releaseLabel: "v2.1", environment: "production" });
    await submitApprovalRequest({ actor: c.owner, db: t.db }, second.id, { expectedVersion: 1 });
    await decideApprovalRequest({ actor: c.reviewer, db: t.db }, second.id, { outcome: "APPROVE", comment: "Retrained model checked again." });
    await revokeApproval({ actor: c.reviewer, db: t.db }, second.id, { reason: "The vendor withdrew the base model." });
    const revoked = await t.db.notification.findMany({ where: { kind: "approval.decided", href: `/approvals/${second.id}`, title: { startsWith: "Approval revoked" } } });
    expect(revoked.map((n) => n.userId)).toEqual([c.owner.id]);
  });

  it("approval.decided on retirement: each live approval revoked because the system starts retiring tells its requester and the owner", async () => {
    const c = await cast();
    const { id } = await openApprovalRequest({ actor: c.contributor, db: t.db }, { systemId: c.systemId, releaseLabel: "v2.5", environment: "production" });
    await submitApprovalRequest({ actor: c.contributor, db: t.db }, id, { expectedVersion: 1 });
    await decideApprovalRequest({ actor: c.reviewer, db: t.db }, id, { outcome: "APPROVE", comment: "Evidence reviewed, fine to ship." });
    await startRetirement({ actor: c.reviewer, db: t.db }, c.systemId, { statement: "Replaced by the new assistant platform." });
    const revoked = await t.db.notification.findMany({ where: { kind: "approval.decided", href: `/approvals/${id}`, title: { startsWith: "Approval revoked" } }, select: { userId: true, body: true } });
    expect(sorted(revoked.map((n) => n.userId))).toEqual(sorted([c.contributor.id, c.owner.id]));
    expect(revoked.map((n) => n.body).join(" ")).toContain("system retiring");
  });

  it("approval.expiring: the team, once at 30 days and once at 7, however often the daily scan runs", async () => {
    const c = await cast();
    const { id } = await openApprovalRequest({ actor: c.owner, db: t.db }, { systemId: c.systemId, releaseLabel: "v3.0", environment: "staging" });
    await submitApprovalRequest({ actor: c.owner, db: t.db }, id, { expectedVersion: 1 });
    await decideApprovalRequest({ actor: c.reviewer, db: t.db }, id, { outcome: "APPROVE", comment: "Staging release reviewed." });
    const today = todayUtc();
    const expiresAt = new Date(dayStart(today, 20).getTime() + 12 * 3_600_000);
    await t.db.approvalRequest.update({ where: { id }, data: { expiresAt } });
    const href = `/approvals/${id}`;

    await Promise.all([scanExpiries(t.db, today), scanExpiries(t.db, today)]);
    await scanExpiries(t.db, today);
    expect(await recipients("approval.expiring", { href })).toEqual(sorted([c.owner.id, c.contributor.id]));
    const first = await t.db.notification.findFirstOrThrow({ where: { kind: "approval.expiring", href, userId: c.owner.id } });
    expect(first.title).toBe(`Approval for staging expires on ${expiresAt.toISOString().slice(0, 10)}: ${(await t.db.aiSystem.findUniqueOrThrow({ where: { id: c.systemId } })).name}`);

    // Fifteen days later (5 left): the 7-day notice, once.
    const later = dayStart(today, 15).toISOString().slice(0, 10);
    await scanExpiries(t.db, later);
    await scanExpiries(t.db, later);
    expect(await t.db.notification.count({ where: { kind: "approval.expiring", href, userId: c.owner.id } })).toBe(2);
    expect(await t.db.notification.count({ where: { kind: "approval.expiring", href } })).toBe(4);
  });

  it("incident.escalated: reviewers, admins, the team and the lead (not who raised it); lowering the severity notifies nobody", async () => {
    const c = await cast();
    const lead = await createActor(t.db, "SECURITY_REVIEWER");
    const { id } = await reportIncident(
      { actor: c.owner, db: t.db },
      { title: "Assistant quoted another customer", category: "PROMPT_INJECTION", severity: "SEV3", systemIds: [c.systemId], detectedAt: new Date().toISOString().slice(0, 16), description: "Hidden instructions in a ticket.", impact: "One customer saw another's order.", tags: [], leadId: lead.id },
    );
    const detail = await getIncident({ actor: c.reviewer, db: t.db }, id);
    const base = { title: detail.title, category: detail.category, description: detail.description, impact: detail.impact, tags: detail.tags, leadId: lead.id };
    await updateIncident({ actor: c.reviewer, db: t.db }, id, { ...base, severity: "SEV1", expectedVersion: detail.rowVersion });
    const href = `/incidents/${id}`;
    const everyone = [...(await activeIds("SECURITY_REVIEWER")), ...(await activeIds("ADMIN")), c.owner.id, c.contributor.id, lead.id];
    expect(await recipients("incident.escalated", { href })).toEqual(sorted(everyone.filter((u) => u !== c.reviewer.id)));
    expect(await recipients("incident.escalated", { href })).not.toContain(c.auditor.id);
    expect(await recipients("incident.escalated", { href })).not.toContain(c.stranger.id);
    const notice = await t.db.notification.findFirstOrThrow({ where: { kind: "incident.escalated", href, userId: c.owner.id } });
    expect(notice.title).toMatch(/^Incident escalated to SEV1: INC-\d+ Assistant quoted another customer$/);
    expect(notice.body).toMatch(/raised from SEV3\.$/);

    const before = await t.db.notification.count({ where: { kind: "incident.escalated" } });
    const now = await getIncident({ actor: c.reviewer, db: t.db }, id);
    await updateIncident({ actor: c.reviewer, db: t.db }, id, { ...base, severity: "SEV2", expectedVersion: now.rowVersion });
    expect(await t.db.notification.count({ where: { kind: "incident.escalated" } })).toBe(before);
  });

  it("gate.denied: production denials reach the team and reviewers when the checks are sealed, once per hour and reason set; staging denials and allowed calls notify nobody", async () => {
    const c = await cast();
    const slug = (await t.db.aiSystem.findUniqueOrThrow({ where: { id: c.systemId } })).slug;
    const gate = (environment: string) => checkGate({ actor: c.admin, db: t.db }, { system: slug, environment, digest: [`sha256:${c.modelSha}`] }, "https://gov.example");
    const denied = await gate("production");
    expect(denied.allow).toBe(false);
    expect(denied.reasons.map((r) => r.code)).toEqual(["NO_APPROVAL"]);
    // Nothing yet: the hot path only recorded the check.
    expect(await recipients("gate.denied", { systemId: c.systemId })).toEqual([]);
    await foldAllGateChecks(t.db);
    const expected = sorted([c.owner.id, c.contributor.id, ...(await activeIds("SECURITY_REVIEWER"))]);
    expect(await recipients("gate.denied", { systemId: c.systemId })).toEqual(expected);
    const notice = await t.db.notification.findFirstOrThrow({ where: { kind: "gate.denied", systemId: c.systemId, userId: c.owner.id } });
    expect(notice).toMatchObject({ title: expect.stringMatching(/^Deployment to production denied: /), body: "No approval for this environment.", href: `/systems/${c.systemId}/approvals` });

    // A pipeline retrying: more denials in the same hour add nothing; staging is not production.
    await gate("production");
    await gate("production");
    await gate("staging");
    await foldAllGateChecks(t.db);
    expect(await recipients("gate.denied", { systemId: c.systemId })).toEqual(expected);
    expect(await t.db.notification.count({ where: { kind: "gate.denied", title: { contains: "staging" } } })).toBe(0);
  });
});
