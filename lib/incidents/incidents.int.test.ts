import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import type { Actor } from "@/lib/authz/actor";
import { createAsset } from "@/lib/assets/create-asset";
import { addNoteEvidence } from "@/lib/evidence/create-evidence";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createSystem } from "@/lib/systems/create-system";
import { addIncidentEntry } from "./entries";
import { addNotification, markNotificationDone } from "./notifications";
import { getIncident, listIncidents, openSevereIncidents } from "./queries";
import { reportIncident } from "./report";
import { notificationRulesVersion, setNotificationRules } from "./settings";
import { transitionIncident } from "./transition";
import { updateIncident } from "./update";

const t = useTestDatabase();
const ctx = (actor: Actor) => ({ actor, db: t.db });

async function setup() {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const otherOwner = await createActor(t.db, "PRODUCT_OWNER");
  const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
  const auditor = await createActor(t.db, "AUDITOR");
  const { id: systemId } = await createSystem(ctx(owner), systemInput());
  const { id: otherSystemId } = await createSystem(ctx(otherOwner), systemInput());
  const asset = await createAsset(ctx(owner), systemId, { kind: "MODEL", name: "support-llm", version: "3" });
  return { owner, otherOwner, reviewer, auditor, systemId, otherSystemId, assetId: asset.id };
}

const report = (systemIds: string[], extra: Record<string, unknown> = {}) => ({
  title: "Hidden instructions in a ticket made the assistant leak history",
  category: "PROMPT_INJECTION",
  severity: "SEV2",
  systemIds,
  detectedAt: "2026-11-29T08:00",
  description: "A ticket contained instructions; the assistant followed them.",
  impact: "One customer saw parts of another customer's ticket history.",
  tags: ["LLM01:2025", "AML.T0051.001"],
  ...extra,
});

describe("[INCIDENTS] report, run and close an incident", () => {
  it("walks OPEN → TRIAGED → CONTAINED → RESOLVED → CLOSED, reopens, with one audit event per timeline entry", async () => {
    const { owner, reviewer, auditor, systemId, assetId } = await setup();
    const { id, number } = await reportIncident(ctx(owner), report([systemId], { assetIds: [assetId] }));
    expect(number).toBeGreaterThan(0);

    // Product owners and auditors may not run it.
    await expect(transitionIncident(ctx(owner), id, "triage", { expectedVersion: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(transitionIncident(ctx(auditor), id, "triage", { expectedVersion: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    // A skipped step is refused.
    await expect(transitionIncident(ctx(reviewer), id, "contain", { expectedVersion: 1 })).rejects.toThrow(/cannot be moved to contained/);

    await transitionIncident(ctx(reviewer), id, "triage", { expectedVersion: 1, comment: "Confirmed from logs" });
    await expect(transitionIncident(ctx(reviewer), id, "contain", { expectedVersion: 1 })).rejects.toBeInstanceOf(ConflictError);
    await transitionIncident(ctx(reviewer), id, "contain", { expectedVersion: 2 });
    await transitionIncident(ctx(reviewer), id, "resolve", { expectedVersion: 3 });
    const refused = await transitionIncident(ctx(reviewer), id, "close", { expectedVersion: 4, rootCause: "Ticket text reached the prompt unfiltered" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).message).toBe("Closing needs the lessons learned.");
    await transitionIncident(ctx(reviewer), id, "close", { expectedVersion: 4, rootCause: "Ticket text reached the prompt unfiltered", lessonsLearned: "Treat ticket text as untrusted data" });

    let detail = await getIncident(ctx(auditor), id);
    expect(detail.status).toBe("CLOSED");
    expect(detail.containedAt).not.toBeNull();
    expect(detail.closedAt).not.toBeNull();
    expect(detail.can.manage).toBe(false);
    expect(detail.assets.map((a) => a.name)).toEqual(["support-llm"]);

    await expect(transitionIncident(ctx(reviewer), id, "reopen", { expectedVersion: 5 })).rejects.toThrow(/Say why/);
    await transitionIncident(ctx(reviewer), id, "reopen", { expectedVersion: 5, comment: "The same payload came back" });
    detail = await getIncident(ctx(reviewer), id);
    expect(detail.status).toBe("OPEN");
    expect(detail.closedAt).toBeNull();
    expect(detail.reopenCount).toBe(1);
    expect(detail.entries.map((e) => e.kind)).toEqual(["REPORTED", "STATUS_CHANGED", "STATUS_CHANGED", "STATUS_CHANGED", "STATUS_CHANGED", "STATUS_CHANGED"]);

    const audit = await t.db.auditEvent.findMany({ where: { entityType: "Incident", entityId: id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["incident.reported", "incident.status_changed", "incident.status_changed", "incident.status_changed", "incident.status_changed", "incident.reopened"]);
    expect(audit.map((a) => (a.summary as { entryId: string }).entryId)).toEqual(detail.entries.map((e) => e.id));
  });

  it("refuses unknown tags, systems the reporter cannot see and assets of other systems", async () => {
    const { owner, systemId, otherSystemId, assetId } = await setup();
    await expect(reportIncident(ctx(owner), report([systemId], { tags: ["AML.T0000"] }))).rejects.toBeInstanceOf(ValidationError);
    await expect(reportIncident(ctx(owner), report([otherSystemId]))).rejects.toThrow(/systems you have access to/);
    await expect(reportIncident(ctx(owner), report([systemId], { leadId: owner.id }))).rejects.toThrow(/lead must be/);
    const { otherOwner } = await setup();
    const { id: third } = await createSystem(ctx(otherOwner), systemInput());
    await expect(reportIncident(ctx(otherOwner), report([third], { assetIds: [assetId] }))).rejects.toThrow(/assets of the affected systems/);
    expect(await t.db.incident.count({ where: { title: report([]).title, systems: { some: { systemId: third } } } })).toBe(0);
  });
});

describe("[INCIDENTS] access", () => {
  it("a product owner sees incidents of their own systems only; an auditor reads all", async () => {
    const { owner, otherOwner, reviewer, auditor, systemId, otherSystemId } = await setup();
    const mine = await reportIncident(ctx(owner), report([systemId], { title: "Mine" }));
    const theirs = await reportIncident(ctx(otherOwner), report([otherSystemId], { title: "Theirs" }));
    const both = await reportIncident(ctx(reviewer), report([systemId, otherSystemId], { title: "Both" }));

    const ownerList = await listIncidents(ctx(owner), { status: "all" });
    const ids = ownerList.items.map((i) => i.id);
    expect(ids).toContain(mine.id);
    expect(ids).toContain(both.id);
    expect(ids).not.toContain(theirs.id);
    // The other owner's system is not named to them.
    const shared = ownerList.items.find((i) => i.id === both.id)!;
    expect(shared.systems.map((s) => s.id)).toEqual([systemId]);
    expect(shared.hiddenSystems).toBe(1);

    await expect(getIncident(ctx(owner), theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(addIncidentEntry(ctx(owner), theirs.id, { kind: "NOTE", body: "peek" })).rejects.toBeInstanceOf(NotFoundError);
    const auditorIds = (await listIncidents(ctx(auditor), { status: "all" })).items.map((i) => i.id);
    expect(auditorIds).toEqual(expect.arrayContaining([mine.id, theirs.id, both.id]));
    // Anyone with access reports; the owner may add a note but not an action.
    await addIncidentEntry(ctx(owner), mine.id, { kind: "NOTE", body: "Seen again at 10:00" });
    await expect(addIncidentEntry(ctx(owner), mine.id, { kind: "ACTION", body: "Blocked the user" })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("[INCIDENTS] timeline is append-only", () => {
  it("the database refuses UPDATE and DELETE of a timeline entry", async () => {
    const { owner, systemId } = await setup();
    const { id } = await reportIncident(ctx(owner), report([systemId]));
    const entry = await t.db.incidentEntry.findFirstOrThrow({ where: { incidentId: id } });
    await expect(t.db.$executeRaw`UPDATE "IncidentEntry" SET body = 'rewritten' WHERE id = ${entry.id}`).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRaw`DELETE FROM "IncidentEntry" WHERE id = ${entry.id}`).rejects.toThrow(/append-only/);
    await expect(t.db.incidentEntry.update({ where: { id: entry.id }, data: { body: "x" } })).rejects.toThrow(/append-only/);
    expect((await t.db.incidentEntry.findUniqueOrThrow({ where: { id: entry.id } })).body).toBe(entry.body);
  });
});

describe("[INCIDENTS] notification duties", () => {
  it("creates duties from the rules at detection time, flags overdue, records done with evidence", async () => {
    const { owner, reviewer, systemId, otherSystemId } = await setup();
    const admin = await createActor(t.db, "ADMIN");
    await expect(setNotificationRules(ctx(reviewer), {}, "none")).rejects.toBeInstanceOf(ForbiddenError);
    await setNotificationRules(ctx(admin), { SEV1: { REGULATOR: "24" }, SEV2: { REGULATOR: "72", CUSTOMERS: "" }, SEV3: {}, SEV4: {} }, await notificationRulesVersion(t.db));
    const { id } = await reportIncident(ctx(owner), report([systemId], { severity: "SEV2", detectedAt: "2026-11-01T00:00" }));
    let detail = await getIncident(ctx(reviewer), id, new Date("2026-11-02T00:00:00Z"));
    expect(detail.notifications.map((n) => [n.party, n.dueAt, n.state])).toEqual([["REGULATOR", "2026-11-04T00:00:00.000Z", "due"]]);
    detail = await getIncident(ctx(reviewer), id, new Date("2026-11-05T00:00:00Z"));
    expect(detail.notifications[0]!.state).toBe("overdue");
    expect((await listIncidents(ctx(reviewer), { overdue: "true" }, new Date("2026-11-05T00:00:00Z"))).items.map((i) => i.id)).toContain(id);

    // Raising the severity adds the SEV1 duty deadline (24 h) to the open regulator duty.
    await updateIncident(ctx(reviewer), id, { expectedVersion: detail.rowVersion, title: detail.title, category: detail.category, severity: "SEV1", description: detail.description, impact: detail.impact, tags: detail.tags });
    detail = await getIncident(ctx(reviewer), id);
    expect(detail.notifications[0]!.dueAt).toBe("2026-11-02T00:00:00.000Z");
    await addNotification(ctx(reviewer), id, { party: "VENDOR", hours: "48" });
    await expect(addNotification(ctx(reviewer), id, { party: "VENDOR" })).rejects.toThrow(/already listed/);

    const otherEvidence = await addNoteEvidence(ctx(reviewer), otherSystemId, { title: "Elsewhere", body: "x", effectiveDate: "2026-11-01" });
    const evidence = await addNoteEvidence(ctx(reviewer), systemId, { title: "Regulator notification sent", body: "Reference 123", effectiveDate: "2026-11-01" });
    const duty = detail.notifications.find((n) => n.party === "REGULATOR")!;
    await expect(markNotificationDone(ctx(reviewer), duty.id, { expectedVersion: duty.rowVersion, evidenceId: otherEvidence.id })).rejects.toThrow(/evidence of an affected system/);
    await expect(markNotificationDone(ctx(owner), duty.id, { expectedVersion: duty.rowVersion, evidenceId: evidence.id })).rejects.toBeInstanceOf(ForbiddenError);
    const { late } = await markNotificationDone(ctx(reviewer), duty.id, { expectedVersion: duty.rowVersion, evidenceId: evidence.id });
    expect(late).toBe(true);
    detail = await getIncident(ctx(reviewer), id);
    const done = detail.notifications.find((n) => n.party === "REGULATOR")!;
    expect(done.state).toBe("done");
    expect(done.evidence?.title).toBe("Regulator notification sent");
    expect(detail.entries.at(-1)!.kind).toBe("NOTIFICATION_DONE");
    expect(detail.entries.at(-1)!.evidence?.id).toBe(evidence.id);
  });

  it("open SEV1/SEV2 incidents are the gate's input; closed or low ones are not", async () => {
    const { owner, reviewer, systemId } = await setup();
    const low = await reportIncident(ctx(owner), report([systemId], { severity: "SEV3" }));
    expect(await openSevereIncidents(t.db, systemId)).toEqual([]);
    const severe = await reportIncident(ctx(owner), report([systemId], { severity: "SEV1" }));
    expect((await openSevereIncidents(t.db, systemId)).map((i) => i.id)).toEqual([severe.id]);
    expect(low.id).not.toBe(severe.id);
    for (const [event, v] of [["triage", 1], ["contain", 2], ["resolve", 3]] as const) await transitionIncident(ctx(reviewer), severe.id, event, { expectedVersion: v });
    expect((await openSevereIncidents(t.db, systemId)).length).toBe(1);
    await transitionIncident(ctx(reviewer), severe.id, "close", { expectedVersion: 4, rootCause: "x", lessonsLearned: "y" });
    expect(await openSevereIncidents(t.db, systemId)).toEqual([]);
  });
});
