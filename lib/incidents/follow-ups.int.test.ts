import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import type { Actor } from "@/lib/authz/actor";
import { createAsset } from "@/lib/assets/create-asset";
import { applyRecompute } from "@/lib/checklists/recompute";
import { createSystem } from "@/lib/systems/create-system";
import { buildIncidentAdvisory } from "./advisory";
import { followUpsForChecklist, openFollowUp } from "./follow-ups";
import { getIncident } from "./queries";
import { reportIncident } from "./report";

const t = useTestDatabase();
const ctx = (actor: Actor) => ({ actor, db: t.db });

async function systemWithIncident() {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
  const { id } = await createSystem(ctx(owner), systemInput());
  await createAsset(ctx(owner), id, { kind: "MODEL", name: "support-llm", version: "3" });
  await createAsset(ctx(owner), id, { kind: "VECTOR_STORE", name: "ticket-index" });
  await applyRecompute(ctx(owner), id);
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

describe("[INCIDENTS] follow-ups and advisory", () => {
  it("opens a checklist follow-up and a threat-model entry linked to the incident, and exports a valid redacted CSAF advisory", async () => {
    const { reviewer, id, incident } = await systemWithIncident();
    const item = await t.db.checklistItem.findFirstOrThrow({ where: { checklist: { systemId: id }, applicable: true }, include: { control: true } });
    await t.db.checklistItem.update({ where: { id: item.id }, data: { status: "NOT_APPLICABLE", justification: "Was thought not to apply" } });
    const { checklistItemId } = await openFollowUp(ctx(reviewer), incident.id, { systemId: id, kind: "CHECKLIST_ITEM", controlCode: item.control.code, title: "Filter ticket text", detail: "Treat ticket text as data." });
    const after = await t.db.checklistItem.findUniqueOrThrow({ where: { id: checklistItemId! } });
    expect(after.status).toBe("IN_PROGRESS");
    expect(after.notes).toMatch(/^Follow-up from INC-\d{4}: Filter ticket text/);
    expect((await followUpsForChecklist(ctx(reviewer), id)).map((f) => f.checklistItemId)).toEqual([checklistItemId]);

    const { threatId } = await openFollowUp(ctx(reviewer), incident.id, { systemId: id, kind: "THREAT", title: "Injection through ticket history", detail: "Ticket text reaches the prompt." });
    const threat = await t.db.threat.findUniqueOrThrow({ where: { id: threatId! }, include: { threatModel: true } });
    expect(threat.threatModel.status).toBe("DRAFT");
    expect(threat.impact).toBe(5);
    await expect(openFollowUp(ctx(reviewer), incident.id, { systemId: id, kind: "CHECKLIST_ITEM", controlCode: "XX-9.9", title: "x", detail: "y" })).rejects.toThrow(/not on this system's checklist/);
    expect((await getIncident(ctx(reviewer), incident.id)).followUps).toHaveLength(2);

    const choices = { title: "Prompt injection via tickets", summary: "Seen by rita@example.com from 198.51.100.4 on support-llm.", lessons: "Treat ticket text as data.", publisherName: "Example Security", publisherNamespace: "https://example.org", tlp: "WHITE" };
    const preview = await buildIncidentAdvisory(ctx(reviewer), incident.id, choices);
    expect(preview.validation).toEqual({ isValid: true, errors: [] });
    expect(preview.json).not.toMatch(/rita|198\.51|support-llm/);
    expect(await t.db.auditEvent.count({ where: { entityId: incident.id, action: "incident.advisory_exported" } })).toBe(0);
    await buildIncidentAdvisory(ctx(reviewer), incident.id, choices, { record: true });
    expect(await t.db.auditEvent.count({ where: { entityId: incident.id, action: "incident.advisory_exported" } })).toBe(1);
  });
});
