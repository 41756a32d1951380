/**
 * Demo approvals (`npm run demo`): every demo system shown as approved, deployed or paused
 * gets the production approval that put it there, a retiring one an expired approval, and
 * one system under review waits in the review queue. Snapshots are pinned from the seeded
 * state; a release whose gate fails (most demo checklists are unfinished) is approved on an
 * explicit exception, shown in red, exactly as a reviewer would have to record it. Written
 * through Prisma inside the seeding transaction, with audit events.
 */
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { LifecycleState, RiskTier } from "@/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/authz/actor";
import { evaluateGate, failingRuleIds } from "./gate-rules";
import { approvalExpiry, DEFAULT_TIER_POLICY } from "./policy-rules";
import { buildSnapshot, pinnedDigests, snapshotSha256 } from "./snapshot";

type Person = Pick<Actor, "id" | "email">;
type DemoSystemRef = { id: string; ownerId: string; lifecycle: LifecycleState; riskTier: RiskTier };

const DAY = 86_400_000;

/** Which demo systems get which kind of approval history. */
function planFor(lifecycle: LifecycleState): "approved" | "expired" | "queued" | null {
  if (lifecycle === "APPROVED" || lifecycle === "DEPLOYED" || lifecycle === "PAUSED") return "approved";
  if (lifecycle === "RETIRING" || lifecycle === "RETIRED") return "expired";
  if (lifecycle === "IN_REVIEW") return "queued";
  return null;
}

/**
 * Seeds the approvals for the demo systems (`systems` by slug). Reviewer decisions come from
 * the security reviewer and, where the tier needs two, the admin (neither owns a demo system).
 * @returns the number of approval requests written.
 */
export async function seedDemoApprovals(
  tx: Prisma.TransactionClient,
  systems: Map<string, DemoSystemRef>,
  people: { reviewer: Person; admin: Person },
  now: Date,
): Promise<number> {
  let written = 0;
  let queued = false;
  for (const [slug, system] of systems) {
    const plan = planFor(system.lifecycle);
    if (!plan || (plan === "queued" && queued)) continue;
    const owner = await tx.user.findUniqueOrThrow({ where: { id: system.ownerId }, select: { id: true, email: true } });
    const policy = DEFAULT_TIER_POLICY[system.riskTier];
    const ageDays = plan === "expired" ? policy.validityDays + 20 : plan === "queued" ? 2 : 12;
    const submittedAt = new Date(now.getTime() - ageDays * DAY);
    const snapshot = await buildSnapshot(tx, system.id, submittedAt);
    const gate = evaluateGate(snapshot, submittedAt);
    const sha = snapshotSha256(snapshot);
    const request = await tx.approvalRequest.create({
      data: {
        systemId: system.id,
        releaseLabel: plan === "queued" ? "v0.9.0-rc1" : "v1.0.0",
        environment: "production",
        requesterId: owner.id,
        state: "SUBMITTED",
        round: 1,
        snapshot: snapshot as unknown as Prisma.InputJsonValue,
        snapshotSha256: sha,
        gateResult: gate as unknown as Prisma.InputJsonValue,
        gatePassed: gate.passed,
        needsException: !gate.passed,
        riskTier: system.riskTier,
        approvalsRequired: policy.approvalsRequired,
        validityDays: policy.validityDays,
        submittedAt,
        createdAt: submittedAt,
        digests: { create: pinnedDigests(snapshot) },
      },
      select: { id: true },
    });
    written++;
    await appendAudit(tx, owner, { action: "approval.opened", entityType: "ApprovalRequest", entityId: request.id, summary: { systemId: system.id, releaseLabel: "v1.0.0", environment: "production", source: "demo-seed" } });
    await appendAudit(tx, owner, {
      action: "approval.submitted",
      entityType: "ApprovalRequest",
      entityId: request.id,
      summary: { systemId: system.id, environment: "production", round: 1, gatePassed: gate.passed, failingRules: failingRuleIds(gate), needsException: !gate.passed, snapshotSha256: sha },
    });
    if (plan === "queued") {
      queued = true;
      continue;
    }

    const decidedAt = new Date(submittedAt.getTime() + DAY);
    let exceptionExpiresOn: string | null = null;
    if (!gate.passed) {
      exceptionExpiresOn = new Date(decidedAt.getTime() + 60 * DAY).toISOString().slice(0, 10);
      const rationale = `Released under the governance process in place before this platform; the open items (${failingRuleIds(gate).join(", ")}) are tracked in the remediation plan and must be closed before the exception ends.`;
      await tx.approvalException.create({
        data: { requestId: request.id, round: 1, reviewerId: people.reviewer.id, rationale, expiresOn: new Date(`${exceptionExpiresOn}T00:00:00.000Z`), failingRules: failingRuleIds(gate), grantedAt: decidedAt },
      });
      await appendAudit(tx, people.reviewer, {
        action: "approval.exception_granted",
        entityType: "ApprovalRequest",
        entityId: request.id,
        summary: { systemId: system.id, environment: "production", round: 1, rationale, expiresOn: exceptionExpiresOn, failingRules: failingRuleIds(gate) },
      });
    }
    const deciders = [people.reviewer, people.admin].slice(0, policy.approvalsRequired);
    for (const [i, reviewer] of deciders.entries()) {
      const comment = i === 0 ? "Checked the snapshot, threat model and evidence for this release." : "Second review for the tier: agree.";
      await tx.approvalDecision.create({ data: { requestId: request.id, round: 1, reviewerId: reviewer.id, outcome: "APPROVE", comment, decidedAt } });
      await appendAudit(tx, reviewer, {
        action: "approval.decided",
        entityType: "ApprovalRequest",
        entityId: request.id,
        summary: { systemId: system.id, environment: "production", round: 1, outcome: "APPROVE", comment, approvals: i + 1, approvalsRequired: policy.approvalsRequired, state: i + 1 >= policy.approvalsRequired ? "APPROVED" : "SUBMITTED" },
      });
    }
    const expiresAt = approvalExpiry(decidedAt, policy.validityDays, exceptionExpiresOn);
    const expired = plan === "expired" || expiresAt <= now;
    await tx.approvalRequest.update({
      where: { id: request.id },
      data: {
        state: expired ? "EXPIRED" : "APPROVED",
        approvedAt: decidedAt,
        expiresAt,
        ...(expired ? { closedAt: expiresAt, stateReason: `Validity ended on ${expiresAt.toISOString().slice(0, 10)}.` } : {}),
      },
    });
    await appendAudit(tx, deciders[deciders.length - 1]!, {
      action: "approval.approved",
      entityType: "ApprovalRequest",
      entityId: request.id,
      summary: { systemId: system.id, environment: "production", releaseLabel: "v1.0.0", snapshotSha256: sha, expiresAt: expiresAt.toISOString(), withException: !gate.passed, slug },
    });
    if (expired) {
      await appendAudit(tx, null, { action: "approval.expired", entityType: "ApprovalRequest", entityId: request.id, summary: { systemId: system.id, environment: "production", expiresAt: expiresAt.toISOString() } });
    }
  }
  return written;
}
