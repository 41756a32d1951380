import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { createSystem } from "@/lib/systems/create-system";
import { createApiToken } from "@/lib/tokens/create-token";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import { addCustomThreat } from "./add-threats";
import { startThreatModelDraft } from "./start-draft";

// The route uses the app's client and, without a bearer token, the session: point both at the test.
const state = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null }));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs(state, { requestId: "test", ip: "203.0.113.9" }));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));

const exportRoute = await import("@/app/api/systems/[id]/threat-model/export/route");
const t = useTestDatabase();

const get = (systemId: string, query: string, secret: string | null) =>
  exportRoute.GET(new Request(`http://localhost/api/systems/${systemId}/threat-model/export${query}`, { headers: { host: "localhost", ...(secret ? { authorization: `Bearer ${secret}` } : {}) } }), {
    params: Promise.resolve({ id: systemId }),
  });

describe("[THREATS] threat-model export over HTTP", () => {
  it("exports as an attachment for a session or a systems:read token; refuses a token without it, bad versions and unknown systems", async () => {
    state.db = t.db;
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const admin = await createActor(t.db, "ADMIN");
    const { id } = await createSystem({ actor: admin, db: t.db }, systemInput());
    const { id: modelId } = await startThreatModelDraft({ actor: reviewer, db: t.db }, id);
    await addCustomThreat({ actor: reviewer, db: t.db }, modelId, { title: "Insider exports the index", description: "A staff member copies the vector index.", likelihood: 2, impact: 4 });

    state.actor = reviewer;
    const bySession = await get(id, "?version=1", null);
    expect(bySession.status).toBe(200);
    expect(bySession.headers.get("content-disposition")).toMatch(/attachment; filename=".*-threat-model-v1\.json"/);
    const doc = (await bySession.json()) as { format: string; threats: { title: string; inherent: { score: number } }[] };
    expect(doc.format).toBe("aigov.threat-model");
    expect(doc.threats).toEqual([expect.objectContaining({ title: "Insider exports the index", inherent: expect.objectContaining({ score: 8 }) })]);

    expect((await get(id, "?version=abc", null)).status).toBe(400);
    expect((await get(id, "?version=7", null)).status).toBe(404);
    expect((await get("nosuchsystem", "", null)).status).toBe(404);

    state.actor = null;
    const reader = await createApiToken({ actor: admin, db: t.db }, { name: "GRC reader", scopes: ["systems:read"] });
    expect((await get(id, "", reader.secret)).status).toBe(200);
    const writer = await createApiToken({ actor: admin, db: t.db }, { name: "Evidence bot", scopes: ["evidence:write"] });
    const refused = await get(id, "", writer.secret);
    expect(refused.status).toBe(403);
    expect(await t.db.auditEvent.count({ where: { action: "threat_model.exported" } })).toBe(2);
  });
});
