import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createAsset } from "@/lib/assets/create-asset";
import { createSystem } from "@/lib/systems/create-system";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";

// The server action is called directly, as a browser could without the page: only the session
// and the request scope are stood in for (as in test/hostile-input.int.test.ts).
const state = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null }));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs(state, { requestId: "edit-test", ip: "203.0.113.7" }));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const { updateIncidentAction } = await import("./actions");
const { getIncident, incidentEditOptions } = await import("./queries");
const { reportIncident } = await import("./report");
const { transitionIncident } = await import("./transition");
const { updateIncident } = await import("./update");

const t = useTestDatabase();
const ctx = (actor: Actor) => ({ actor, db: t.db });

beforeEach(() => {
  state.db = t.db;
  state.actor = null;
});

async function world() {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
  const auditor = await createActor(t.db, "AUDITOR");
  const { id: systemId } = await createSystem(ctx(owner), systemInput());
  const asset = await createAsset(ctx(owner), systemId, { kind: "MODEL", name: "support-llm", version: "3" });
  const { id } = await reportIncident(ctx(owner), {
    title: "Assistant followed hidden instructions",
    category: "PROMPT_INJECTION",
    severity: "SEV3",
    systemIds: [systemId],
    detectedAt: new Date(Date.now() - 3_600_000).toISOString().slice(0, 16),
    description: "A ticket contained instructions; the assistant followed them.",
    impact: "Unknown yet.",
    tags: ["LLM01:2025"],
  });
  return { owner, reviewer, auditor, systemId, assetId: asset.id, id };
}

const editOf = (d: Awaited<ReturnType<typeof getIncident>>, extra: Record<string, unknown> = {}) => ({
  expectedVersion: d.rowVersion,
  title: d.title,
  category: d.category,
  severity: d.severity,
  leadId: d.lead?.id ?? "",
  description: d.description,
  impact: d.impact,
  tags: d.tags,
  assetIds: d.assets.map((a) => a.id),
  ...extra,
});

function form(values: Record<string, unknown>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, String(x));
  return f;
}

describe("[INCIDENTS] edit and escalate", () => {
  it("raising the severity escalates: incident.escalated audit, an 'Escalated' timeline entry and the duties of the new severity, in one step", async () => {
    const { reviewer, id } = await world();
    const before = await getIncident(ctx(reviewer), id);
    expect(before.notifications.map((n) => n.party).sort()).toEqual(["VENDOR"]);
    const result = await updateIncident(ctx(reviewer), id, editOf(before, { severity: "SEV1", leadId: reviewer.id, title: "Assistant leaked ticket history" }));
    expect(result).toEqual({ changed: ["title", "severity", "lead"], escalated: true });

    const after = await getIncident(ctx(reviewer), id);
    expect(after.severity).toBe("SEV1");
    expect(after.rowVersion).toBe(before.rowVersion + 1);
    expect(after.lead?.id).toBe(reviewer.id);
    // SEV1 default rules: regulator, affected users, customers, vendor; the vendor deadline moves to 24 h.
    expect(after.notifications.map((n) => n.party).sort()).toEqual(["AFFECTED_USERS", "CUSTOMERS", "REGULATOR", "VENDOR"]);
    const vendor = after.notifications.find((n) => n.party === "VENDOR")!;
    expect(vendor.ruleHours).toBe(24);
    const last = after.entries.at(-1)!;
    expect(last.kind).toBe("DETAILS_UPDATED");
    expect(last.body).toMatch(/^Escalated: severity SEV3 → SEV1/);
    const audit = await t.db.auditEvent.findMany({ where: { entityType: "Incident", entityId: id }, orderBy: { id: "asc" }, select: { action: true, summary: true } });
    expect(audit.map((a) => a.action)).toEqual(["incident.reported", "incident.escalated"]);

    // Lowering it again is a plain update; duties already listed stay.
    await updateIncident(ctx(reviewer), id, editOf(after, { severity: "SEV2" }));
    const lowered = await getIncident(ctx(reviewer), id);
    expect(lowered.entries.at(-1)!.body).toMatch(/^De-escalated: severity SEV1 → SEV2/);
    expect(lowered.notifications).toHaveLength(4);
    expect((await t.db.auditEvent.findFirstOrThrow({ where: { entityId: id }, orderBy: { id: "desc" } })).action).toBe("incident.updated");
  });

  it("two tabs: the second save with the old version is refused with a conflict and writes nothing", async () => {
    const { reviewer, id } = await world();
    const tab = await getIncident(ctx(reviewer), id);
    await updateIncident(ctx(reviewer), id, editOf(tab, { title: "First tab's title" }));
    await expect(updateIncident(ctx(reviewer), id, editOf(tab, { severity: "SEV1" }))).rejects.toBeInstanceOf(ConflictError);
    const now = await getIncident(ctx(reviewer), id);
    expect([now.title, now.severity]).toEqual(["First tab's title", "SEV3"]);
    // Saving without any change writes nothing.
    const events = await t.db.auditEvent.count({ where: { entityId: id } });
    expect(await updateIncident(ctx(reviewer), id, editOf(now))).toEqual({ changed: [], escalated: false });
    expect(await t.db.auditEvent.count({ where: { entityId: id } })).toBe(events);
  });

  it("wrong roles are refused (service and options); bad input and a closed incident are refused with nothing written", async () => {
    const { owner, auditor, reviewer, id, assetId } = await world();
    const d = await getIncident(ctx(reviewer), id);
    expect((await getIncident(ctx(owner), id)).can.manage).toBe(false);
    await expect(updateIncident(ctx(owner), id, editOf(d, { severity: "SEV1" }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateIncident(ctx(auditor), id, editOf(d, { severity: "SEV1" }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(incidentEditOptions(ctx(owner), id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(incidentEditOptions(ctx(reviewer), "c0000000000000000000000000")).rejects.toBeInstanceOf(NotFoundError);
    expect((await incidentEditOptions(ctx(reviewer), id)).assets.map((a) => a.id)).toEqual([assetId]);

    for (const bad of [{ severity: "SEV9" }, { title: "" }, { tags: ["NOT-A-TAG"] }, { leadId: owner.id }, { assetIds: ["c0000000000000000000000000"] }, { expectedVersion: "x" }]) {
      await expect(updateIncident(ctx(reviewer), id, editOf(d, bad)), JSON.stringify(bad)).rejects.toBeInstanceOf(ValidationError);
    }
    expect((await getIncident(ctx(reviewer), id)).rowVersion).toBe(d.rowVersion);

    let v = d.rowVersion;
    for (const event of ["triage", "contain", "resolve"] as const) await transitionIncident(ctx(reviewer), id, event, { expectedVersion: v++ });
    await transitionIncident(ctx(reviewer), id, "close", { expectedVersion: v++, rootCause: "Unfiltered ticket text.", lessonsLearned: "Filter it." });
    const closed = await getIncident(ctx(reviewer), id);
    await expect(updateIncident(ctx(reviewer), id, editOf(closed, { severity: "SEV1" }))).rejects.toThrow(/closed incident cannot be edited/);
  });

  it("the server action called directly: a product owner is refused, a reviewer's bad input comes back as field errors, a good one saves", async () => {
    const { owner, reviewer, id } = await world();
    const d = await getIncident(ctx(reviewer), id);

    state.actor = owner;
    const refused = await updateIncidentAction(id, null, form(editOf(d, { severity: "SEV1" })));
    expect(refused.ok).toBe(false);
    expect((await getIncident(ctx(reviewer), id)).severity).toBe("SEV3");

    state.actor = null;
    expect((await updateIncidentAction(id, null, form(editOf(d, { severity: "SEV1" })))).ok).toBe(false);

    state.actor = reviewer;
    const bad = await updateIncidentAction(id, null, form(editOf(d, { severity: "SEV9", title: "" })));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["severity", "title"]);
    const badId = await updateIncidentAction("../../etc", null, form(editOf(d)));
    expect(badId.ok).toBe(false);

    const ok = await updateIncidentAction(id, null, form(editOf(d, { severity: "SEV2" })));
    expect(ok).toMatchObject({ ok: true, data: { message: expect.stringMatching(/escalated/) } });
    const stale = await updateIncidentAction(id, null, form(editOf(d, { title: "Other tab" })));
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error).toMatch(/Someone else changed this incident/);
  });
});
