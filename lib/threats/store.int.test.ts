import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import { createSystem } from "@/lib/systems/create-system";
import { ensureShippedThreatLibraries, currentThreatLibrary } from "./store";
import { getResidualThreshold, RESIDUAL_THRESHOLD_KEY } from "./settings";
import { DEFAULT_RESIDUAL_THRESHOLD } from "./rules";

const t = useTestDatabase();

async function systemWithModel(status: "DRAFT" | "REVIEWED") {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const { id } = await createSystem({ actor: owner, db: t.db }, systemInput());
  const model = await t.db.threatModel.create({
    data: { systemId: id, version: 1, libraryVersion: "1.0.0", authorId: owner.id, scope: "Chat front end", assumptions: [] },
  });
  const threat = await t.db.threat.create({
    data: { threatModelId: model.id, title: "Direct prompt injection", description: "x", likelihood: 3, impact: 3, position: 0, atlas: [], owaspLlm: [], owaspAgentic: [], assetIds: [] },
  });
  if (status === "REVIEWED") await t.db.threatModel.update({ where: { id: model.id }, data: { status: "REVIEWED" } });
  return { systemId: id, owner, model, threat };
}

describe("[THREATS] storage", () => {
  it("seeds the shipped threat library once, as the current version", async () => {
    await ensureShippedThreatLibraries(t.db);
    await ensureShippedThreatLibraries(t.db);
    expect(await t.db.threatLibraryVersion.count()).toBe(1);
    const doc = await currentThreatLibrary(t.db);
    expect(doc.version).toBe("1.0.0");
    expect(doc.threats.length).toBeGreaterThanOrEqual(25);
  });

  it("allows one open and one reviewed version per system", async () => {
    const { systemId, owner } = await systemWithModel("DRAFT");
    await expect(
      t.db.threatModel.create({ data: { systemId, version: 2, libraryVersion: "1.0.0", authorId: owner.id, assumptions: [] } }),
    ).rejects.toThrow(/ThreatModel_one_open_per_system|Unique constraint/);
  });

  it("the database refuses edits to a reviewed version's content, but not its supersession", async () => {
    const { model, threat } = await systemWithModel("REVIEWED");
    await expect(t.db.threat.update({ where: { id: threat.id }, data: { likelihood: 1 } })).rejects.toThrow(/frozen/);
    await expect(t.db.threatModel.update({ where: { id: model.id }, data: { scope: "changed" } })).rejects.toThrow(/frozen/);
    await expect(t.db.threatModel.update({ where: { id: model.id }, data: { status: "DRAFT" } })).rejects.toThrow(/frozen/);
    await expect(
      t.db.dataFlow.create({ data: { threatModelId: model.id, position: 0, source: "User", target: "API", data: "prompt", assetIds: [] } }),
    ).rejects.toThrow(/frozen/);
    await t.db.threatModel.update({ where: { id: model.id }, data: { status: "SUPERSEDED", supersededAt: new Date() } });
    await expect(t.db.threatModel.update({ where: { id: model.id }, data: { status: "REVIEWED" } })).rejects.toThrow(/frozen/);
  });

  it("keeps scores on the 1-5 scales", async () => {
    const { threat } = await systemWithModel("DRAFT");
    await expect(t.db.threat.update({ where: { id: threat.id }, data: { likelihood: 6 } })).rejects.toThrow(/Threat_likelihood_range|check/i);
    await expect(t.db.threat.update({ where: { id: threat.id }, data: { residualLikelihood: 2 } })).rejects.toThrow(/Threat_residual_range|check/i);
  });

  it("reads the residual threshold, falling back to the default", async () => {
    expect(await getResidualThreshold(t.db)).toBe(DEFAULT_RESIDUAL_THRESHOLD);
    await t.db.instanceSetting.create({ data: { key: RESIDUAL_THRESHOLD_KEY, value: { threshold: 12 } } });
    expect(await getResidualThreshold(t.db)).toBe(12);
    await t.db.instanceSetting.update({ where: { key: RESIDUAL_THRESHOLD_KEY }, data: { value: { threshold: "lots" } } });
    expect(await getResidualThreshold(t.db)).toBe(DEFAULT_RESIDUAL_THRESHOLD);
  });
});
