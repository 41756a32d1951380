import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import type { Actor } from "@/lib/authz/actor";
import { createAsset } from "@/lib/assets/create-asset";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { applyRecompute } from "@/lib/checklists/recompute";
import { createSystem } from "@/lib/systems/create-system";
import { withTransaction } from "@/lib/service-context";
import { checkGate } from "@/lib/gate/check";
import { incidentRef } from "./catalog";
import { pauseSystemFromIncident, resumeSystemFromIncident } from "./containment";
import { getIncident } from "./queries";
import { reportIncident } from "./report";
import { decommissioningControls, getDecommissioning, signRetirement, startRetirement } from "./retire";

const t = useTestDatabase();
const ctx = (actor: Actor) => ({ actor, db: t.db });

async function deployedSystem(lifecycle: "DEPLOYED" | "APPROVED" = "DEPLOYED") {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
  const { id } = await createSystem(ctx(owner), systemInput());
  await createAsset(ctx(owner), id, { kind: "MODEL", name: "support-llm", version: "3" });
  await createAsset(ctx(owner), id, { kind: "VECTOR_STORE", name: "ticket-index" });
  await applyRecompute(ctx(owner), id);
  // Test set-up: the approval workflow is not under test here.
  await t.db.aiSystem.update({ where: { id }, data: { lifecycle } });
  const incident = await reportIncident(ctx(owner), {
    title: "Injected instructions through support-llm",
    category: "PROMPT_INJECTION",
    severity: "SEV1",
    systemIds: [id],
    detectedAt: "2026-11-29T08:00",
    description: "Seen by rita@example.com from 198.51.100.4.",
    impact: "Other customers' tickets shown.",
    tags: ["LLM01:2025", "AML.T0051.001"],
  });
  return { owner, reviewer, id, incident };
}

describe("[INCIDENTS] containment", () => {
  it("a reviewer pauses an affected deployed system with the timeline entry in one transaction; resuming needs a comment", async () => {
    const { owner, reviewer, id, incident } = await deployedSystem();
    await expect(pauseSystemFromIncident(ctx(owner), incident.id, { systemId: id, comment: "stop" })).rejects.toBeInstanceOf(ForbiddenError);

    // If anything later in the same transaction fails, the pause is rolled back with the entry.
    await expect(
      withTransaction(ctx(reviewer), async (tx) => {
        await pauseSystemFromIncident(tx, incident.id, { systemId: id, comment: "Stop new answers" });
        expect((await tx.db.aiSystem.findUniqueOrThrow({ where: { id } })).lifecycle).toBe("PAUSED");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id } })).lifecycle).toBe("DEPLOYED");
    expect(await t.db.incidentEntry.count({ where: { incidentId: incident.id, kind: "SYSTEM_PAUSED" } })).toBe(0);

    await pauseSystemFromIncident(ctx(reviewer), incident.id, { systemId: id, comment: "Stop new answers" });
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id } })).lifecycle).toBe("PAUSED");
    const lifecycleEvent = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "system.lifecycle_changed" }, orderBy: { id: "desc" } });
    expect(lifecycleEvent.summary).toMatchObject({ from: "DEPLOYED", to: "PAUSED", cause: { kind: "incident", id: incident.id } });
    await expect(pauseSystemFromIncident(ctx(reviewer), incident.id, { systemId: id, comment: "again" })).rejects.toThrow(/neither deployed nor approved/);
    // From the commit on, the deployment gate denies the system, linking the incident that paused it.
    const { slug } = await t.db.aiSystem.findUniqueOrThrow({ where: { id } });
    const gate = await checkGate({ actor: reviewer, db: t.db }, { system: slug, environment: "production", digest: [`sha256:${"a".repeat(64)}`] }, "http://localhost");
    expect(gate.allow).toBe(false);
    expect(gate.reasons[0]).toEqual({ code: "SYSTEM_PAUSED", message: expect.stringContaining(`paused by incident ${incidentRef(incident.number)}`), fix: `http://localhost/incidents/${incident.id}` });

    await expect(resumeSystemFromIncident(ctx(reviewer), incident.id, { systemId: id, comment: "" })).rejects.toBeInstanceOf(ValidationError);
    await resumeSystemFromIncident(ctx(reviewer), incident.id, { systemId: id, comment: "Filter deployed and tested" });
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id } })).lifecycle).toBe("DEPLOYED");
    const detail = await getIncident(ctx(reviewer), incident.id);
    expect(detail.entries.map((e) => e.kind)).toEqual(["REPORTED", "SYSTEM_PAUSED", "SYSTEM_RESUMED"]);

    // A closed incident pauses nothing (reopen it first); set-up: closing itself is tested in transition tests.
    await t.db.incident.update({ where: { id: incident.id }, data: { status: "CLOSED" } });
    await expect(pauseSystemFromIncident(ctx(reviewer), incident.id, { systemId: id, comment: "late" })).rejects.toThrow(/closed: reopen it/);
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id } })).lifecycle).toBe("DEPLOYED");
  });
});

describe("[INCIDENTS] containment of an approved, not yet deployed system", () => {
  it("a SEV1 pauses an APPROVED system (the gate denies it); resuming returns it to APPROVED, not DEPLOYED", async () => {
    const { reviewer, id, incident } = await deployedSystem("APPROVED");
    await pauseSystemFromIncident(ctx(reviewer), incident.id, { systemId: id, comment: "Stop the first rollout" });
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id } })).lifecycle).toBe("PAUSED");
    const paused = await t.db.incidentEntry.findFirstOrThrow({ where: { incidentId: incident.id, kind: "SYSTEM_PAUSED" } });
    expect(paused.data).toEqual({ from: "APPROVED" });
    const pauseEvent = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: incident.id, action: "incident.system_paused" } });
    expect(pauseEvent.summary).toMatchObject({ from: "APPROVED", to: "PAUSED" });
    const { slug } = await t.db.aiSystem.findUniqueOrThrow({ where: { id } });
    const gate = await checkGate({ actor: reviewer, db: t.db }, { system: slug, environment: "production", digest: [`sha256:${"a".repeat(64)}`] }, "http://localhost");
    expect(gate.reasons[0]).toMatchObject({ code: "SYSTEM_PAUSED", fix: `http://localhost/incidents/${incident.id}` });

    expect(await resumeSystemFromIncident(ctx(reviewer), incident.id, { systemId: id, comment: "Injection filter added before the first rollout" })).toEqual({ lifecycle: "APPROVED" });
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id } })).lifecycle).toBe("APPROVED");
    const lifecycleEvent = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "system.lifecycle_changed" }, orderBy: { id: "desc" } });
    expect(lifecycleEvent.summary).toMatchObject({ from: "PAUSED", to: "APPROVED", cause: { kind: "incident", id: incident.id } });
    const resumeEvent = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: incident.id, action: "incident.system_resumed" } });
    expect(resumeEvent.summary).toMatchObject({ from: "PAUSED", to: "APPROVED" });
  });

  it("a system in review (not approved) has nothing to pause", async () => {
    const { reviewer, id, incident } = await deployedSystem();
    await t.db.aiSystem.update({ where: { id }, data: { lifecycle: "IN_REVIEW" } });
    await expect(pauseSystemFromIncident(ctx(reviewer), incident.id, { systemId: id, comment: "stop" })).rejects.toThrow(/in review, neither deployed nor approved/);
  });
});

describe("[INCIDENTS] secure decommissioning", () => {
  it("refuses RETIRED while a decommissioning control is open; a reviewer signs; every asset is marked retired", async () => {
    const { owner, reviewer, id } = await deployedSystem();
    await expect(startRetirement(ctx(owner), id, { statement: "end of life" })).rejects.toBeInstanceOf(ForbiddenError);
    await startRetirement(ctx(reviewer), id, { statement: "Replaced by the new assistant" });
    const controls = await decommissioningControls(t.db, id);
    expect(controls.length).toBeGreaterThan(3);

    const refused = await signRetirement(ctx(reviewer), id, { statement: "All artefacts removed and checked." }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).message).toMatch(/Retirement refused: \d+ decommissioning controls are not met/);
    expect((await t.db.aiSystem.findUniqueOrThrow({ where: { id } })).lifecycle).toBe("RETIRING");

    // All but one done (one justified N/A); still refused, naming the last one.
    const [last, ...rest] = controls;
    for (const [i, c] of rest.entries()) {
      await t.db.checklistItem.update({ where: { id: c.itemId }, data: i === 0 ? { status: "NOT_APPLICABLE", justification: "No vendor access was granted" } : { status: "MET" } });
    }
    await t.db.checklistItem.update({ where: { id: last!.itemId }, data: { status: "NOT_APPLICABLE", justification: null } });
    await expect(signRetirement(ctx(reviewer), id, { statement: "All artefacts removed and checked." })).rejects.toThrow(new RegExp(`${last!.code.replace(".", "\\.")}\\.$`));
    await t.db.checklistItem.update({ where: { id: last!.itemId }, data: { status: "MET" } });

    await expect(signRetirement(ctx(owner), id, { statement: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    // A one-letter sign-off is not a statement of what was checked.
    await expect(signRetirement(ctx(reviewer), id, { statement: "x" })).rejects.toMatchObject({ fieldErrors: { statement: ["The sign-off statement must be at least 20 characters."] } });
    const { assetsRetired } = await signRetirement(ctx(reviewer), id, { statement: "Weights deleted, keys revoked, vendor account closed" });
    expect(assetsRetired).toBe(2);
    const assets = await t.db.asset.findMany({ where: { systemId: id } });
    expect(assets.every((a) => a.retiredAt !== null)).toBe(true);
    const page = await getDecommissioning(ctx(owner), id);
    expect(page.lifecycle).toBe("RETIRED");
    expect(page.signature?.statement).toBe("Weights deleted, keys revoked, vendor account closed");
    const signed = await t.db.auditEvent.findMany({ where: { entityId: id, action: "system.retirement_signed" } });
    expect(signed).toHaveLength(1);
    // The audit table renders the summary as "key: value": the controls read as "DEC-1.1 met, DEC-1.2 not applicable, …".
    expect(signed[0]!.summary).toMatchObject({ assetsRetired: 2, controls: expect.arrayContaining([`${last!.code} met`, `${rest[0]!.code} not applicable`]) });
    // Retired is final.
    await expect(startRetirement(ctx(reviewer), id, { statement: "Retire it again, a second time." })).rejects.toThrow(/cannot move from RETIRED/);
  });
});
