import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { decideApprovalRequest } from "@/lib/approvals/decide-request";
import { openApprovalRequest } from "@/lib/approvals/open-request";
import { submitApprovalRequest } from "@/lib/approvals/submit-request";
import { ValidationError } from "@/lib/errors";
import { incidentRef } from "@/lib/incidents/catalog";
import { reportIncident } from "@/lib/incidents/report";
import { startRetirement } from "@/lib/incidents/retire";
import { transitionIncident } from "@/lib/incidents/transition";
import { greenSystem, type GreenSystem } from "@/test/approval-fixtures";
import { useTestDatabase } from "@/test/db";
import { createActor } from "@/test/factories";
import { checkGate } from "./check";
import { cancelScheduledGateFold } from "./fold";

// The gate over real approvals, incidents and lifecycle (lib/approvals, lib/incidents): the
// first production allow deploys an APPROVED system; open severe incidents and retirement deny.
const t = useTestDatabase();
afterAll(() => cancelScheduledGateFold());

/** A LOW system approved for `environments` through the approvals services. */
async function approvedFor(environments: string[]): Promise<GreenSystem & { slug: string; reviewer: Actor; requests: Record<string, string> }> {
  const green = await greenSystem(t.db, "LOW");
  const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
  const requests: Record<string, string> = {};
  for (const environment of environments) {
    const { id } = await openApprovalRequest({ actor: green.owner, db: t.db }, { systemId: green.systemId, releaseLabel: "v1", environment });
    await submitApprovalRequest({ actor: green.owner, db: t.db }, id, { expectedVersion: 1 });
    await decideApprovalRequest({ actor: reviewer, db: t.db }, id, { outcome: "APPROVE", comment: "Evidence reviewed." });
    requests[environment] = id;
  }
  const { slug } = await t.db.aiSystem.findUniqueOrThrow({ where: { id: green.systemId } });
  return { ...green, slug, reviewer, requests };
}

const lifecycle = async (id: string) => (await t.db.aiSystem.findUniqueOrThrow({ where: { id } })).lifecycle;
const deployEvents = (systemId: string) => t.db.auditEvent.findMany({ where: { entityId: systemId, action: "system.lifecycle_changed", summary: { path: ["to"], equals: "DEPLOYED" } } });

describe("[GATE] the first production allow deploys an approved system", () => {
  it("an allow for staging leaves it APPROVED; two production allows at the same moment move it to DEPLOYED once, audited with the approval", async () => {
    const s = await approvedFor(["staging", "production"]);
    const ci = await createActor(t.db, "ADMIN");
    const ask = (environment: string) => checkGate({ actor: ci, db: t.db }, { system: s.slug, environment, digest: [`sha256:${s.modelSha}`] }, "http://localhost");
    expect(await lifecycle(s.systemId)).toBe("APPROVED");

    expect((await ask("staging")).allow).toBe(true);
    expect(await lifecycle(s.systemId)).toBe("APPROVED");

    const both = await Promise.all([ask("production"), ask("production")]);
    expect(both.map((d) => d.allow)).toEqual([true, true]);
    expect(await lifecycle(s.systemId)).toBe("DEPLOYED");
    const events = await deployEvents(s.systemId);
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toMatchObject({ from: "APPROVED", to: "DEPLOYED", cause: { kind: "gate", id: s.requests.production } });
    expect(events[0]!.actorId).toBe(ci.id);

    // Later allows change nothing.
    expect((await ask("production")).allow).toBe(true);
    expect(await deployEvents(s.systemId)).toHaveLength(1);
  });

  it("a deny (a digest that was not approved) deploys nothing", async () => {
    const s = await approvedFor(["production"]);
    const ci = await createActor(t.db, "ADMIN");
    const denied = await checkGate({ actor: ci, db: t.db }, { system: s.slug, environment: "production", digest: [`sha256:${"0".repeat(64)}`] }, "http://localhost");
    expect(denied.allow).toBe(false);
    expect(await lifecycle(s.systemId)).toBe("APPROVED");
  });

  it("production is the environment's flag, not its key: a flagged 'prod-eu' deploys, an unflagged 'production' does not", async () => {
    await t.db.deploymentEnvironment.create({ data: { key: "prod-eu", label: "Production EU", position: 3, production: true } });
    const ci = await createActor(t.db, "ADMIN");
    const flagged = await approvedFor(["prod-eu"]);
    const allowed = await checkGate({ actor: ci, db: t.db }, { system: flagged.slug, environment: "prod-eu", digest: [`sha256:${flagged.modelSha}`] }, "http://localhost");
    expect(allowed.allow).toBe(true);
    expect(await lifecycle(flagged.systemId)).toBe("DEPLOYED");

    await t.db.deploymentEnvironment.update({ where: { key: "production" }, data: { production: false } });
    try {
      const unflagged = await approvedFor(["production"]);
      const again = await checkGate({ actor: ci, db: t.db }, { system: unflagged.slug, environment: "production", digest: [`sha256:${unflagged.modelSha}`] }, "http://localhost");
      expect(again.allow).toBe(true);
      expect(await lifecycle(unflagged.systemId)).toBe("APPROVED");
    } finally {
      await t.db.deploymentEnvironment.update({ where: { key: "production" }, data: { production: true } });
    }
  });
});

describe("[GATE] open severe incidents and retirement deny", () => {
  const incident = (systemId: string, severity: string) => ({
    title: "Assistant follows instructions hidden in tickets",
    category: "PROMPT_INJECTION",
    severity,
    systemIds: [systemId],
    detectedAt: "2026-11-29T08:00",
    description: "A ticket contained instructions; the assistant followed them.",
    impact: "One customer saw another customer's ticket.",
  });

  it("an open SEV2 denies with OPEN_SEVERE_INCIDENT naming it and linking its page; a SEV3 does not; once resolved it allows again", async () => {
    const s = await approvedFor(["staging"]);
    const ask = () => checkGate({ actor: s.reviewer, db: t.db }, { system: s.slug, environment: "staging", digest: [`sha256:${s.modelSha}`] }, "http://localhost");
    await reportIncident({ actor: s.owner, db: t.db }, incident(s.systemId, "SEV3"));
    expect((await ask()).allow).toBe(true);

    const severe = await reportIncident({ actor: s.owner, db: t.db }, incident(s.systemId, "SEV2"));
    const second = await reportIncident({ actor: s.owner, db: t.db }, incident(s.systemId, "SEV1"));
    const denied = await ask();
    expect(denied.allow).toBe(false);
    expect(denied.reasons).toEqual([
      { code: "OPEN_SEVERE_INCIDENT", message: `Severe incident ${incidentRef(severe.number)} (and 1 more) on "${s.slug}" is open; it must be resolved before the system deploys.`, fix: `http://localhost/incidents/${severe.id}` },
    ]);
    const row = await t.db.gateCheck.findFirstOrThrow({ where: { systemId: s.systemId }, orderBy: { id: "desc" } });
    expect(row.reasons).toEqual(["OPEN_SEVERE_INCIDENT"]);

    const reviewer = { actor: s.reviewer, db: t.db };
    for (const [event, v] of [["triage", 1], ["contain", 2], ["resolve", 3]] as const) await transitionIncident(reviewer, severe.id, event, { expectedVersion: v });
    expect((await ask()).reasons[0]!.message).toContain(incidentRef(second.number));
    for (const [event, v] of [["triage", 1], ["contain", 2], ["resolve", 3]] as const) await transitionIncident(reviewer, second.id, event, { expectedVersion: v });
    expect((await ask()).allow).toBe(true);
  });

  it("a retiring system is denied (SYSTEM_RETIRING, its approval revoked); no request is opened, submitted or approved for it; a retired one neither", async () => {
    const s = await approvedFor(["production"]);
    const { id: pending } = await openApprovalRequest({ actor: s.owner, db: t.db }, { systemId: s.systemId, releaseLabel: "v2", environment: "staging" });
    await submitApprovalRequest({ actor: s.owner, db: t.db }, pending, { expectedVersion: 1 });
    const { id: draft } = await openApprovalRequest({ actor: s.owner, db: t.db }, { systemId: s.systemId, releaseLabel: "v2", environment: "production" });
    await startRetirement({ actor: s.reviewer, db: t.db }, s.systemId, { statement: "Replaced by the new assistant" });
    const denied = await checkGate({ actor: s.reviewer, db: t.db }, { system: s.slug, environment: "production", digest: [`sha256:${s.modelSha}`] }, "http://localhost");
    expect(denied.allow).toBe(false);
    expect(denied.reasons.map((r) => r.code)).toEqual(["SYSTEM_RETIRING", "APPROVAL_REVOKED"]);
    expect(denied.reasons[0]!.fix).toBe(`http://localhost/systems/${s.systemId}/decommissioning`);

    const opened = await openApprovalRequest({ actor: s.owner, db: t.db }, { systemId: s.systemId, releaseLabel: "v3", environment: "production" }).catch((e: unknown) => e);
    expect(opened).toBeInstanceOf(ValidationError);
    expect((opened as ValidationError).message).toMatch(/is being retired: you cannot request an approval/);
    await expect(submitApprovalRequest({ actor: s.owner, db: t.db }, draft, { expectedVersion: 1 })).rejects.toThrow(/is being retired: you cannot submit/);
    await expect(decideApprovalRequest({ actor: s.reviewer, db: t.db }, pending, { outcome: "APPROVE", comment: "Evidence reviewed." })).rejects.toThrow(/is being retired: you cannot approve a release/);
    expect(await t.db.approvalRequest.count({ where: { systemId: s.systemId } })).toBe(3);
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: draft } })).state).toBe("DRAFT");
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: pending } })).state).toBe("SUBMITTED");

    await t.db.aiSystem.update({ where: { id: s.systemId }, data: { lifecycle: "RETIRED" } }); // set-up: signing is tested in lib/incidents
    await expect(openApprovalRequest({ actor: s.owner, db: t.db }, { systemId: s.systemId, releaseLabel: "v3", environment: "production" })).rejects.toThrow(/is retired: you cannot request/);
  });

  it("a paused system may still prepare and submit a request (the gate denies it until resumed)", async () => {
    const s = await approvedFor(["staging"]);
    await t.db.aiSystem.update({ where: { id: s.systemId }, data: { lifecycle: "PAUSED" } }); // set-up: containment is tested in lib/incidents
    const { id } = await openApprovalRequest({ actor: s.owner, db: t.db }, { systemId: s.systemId, releaseLabel: "v1.1 fix", environment: "production" });
    await submitApprovalRequest({ actor: s.owner, db: t.db }, id, { expectedVersion: 1 });
    await decideApprovalRequest({ actor: s.reviewer, db: t.db }, id, { outcome: "APPROVE", comment: "The fix release." });
    const denied = await checkGate({ actor: s.reviewer, db: t.db }, { system: s.slug, environment: "production", digest: [`sha256:${s.modelSha}`] }, "http://localhost");
    expect(denied.reasons.map((r) => r.code)).toEqual(["SYSTEM_PAUSED"]);
    expect(await lifecycle(s.systemId)).toBe("PAUSED");
  });
});
