import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { cycloneDx16Validator } from "@/lib/assets/cyclonedx-schema";
import { importAssetsCycloneDx } from "@/lib/assets/import-cyclonedx";
import { listAssets, type AssetDto } from "@/lib/assets/queries";
import { NotFoundError } from "@/lib/errors";
import { createSystem } from "@/lib/systems/create-system";
import { useTestDatabase } from "@/test/db";
import { buildExportFixture, FIXTURE_ASSETS, type ExportFixture } from "@/test/export-fixture";
import { createActor, systemInput } from "@/test/factories";
import { OSCAL_VERSION } from "./oscal";
import { exportSystemAibom, exportSystemOscal } from "./system-exports";

const t = useTestDatabase();

/** NIST's OSCAL 1.0.6 assessment-results JSON schema (draft-07), copied from ../shared/schemas. */
function oscalValidator() {
  const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../test/schemas/oscal-1.0.6_assessment-results_schema.json"), "utf8"));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

function content(assets: AssetDto[]) {
  return assets
    .map(({ id: _id, systemId: _s, rowVersion: _v, createdAt: _c, updatedAt: _u, ...rest }) => rest)
    .sort((a, b) => `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`));
}

let fx: ExportFixture;
beforeAll(async () => {
  fx = await buildExportFixture(t.db);
});

describe("[EXPORTS] CycloneDX 1.6 AI-BOM of a system", () => {
  it("is valid against the official CycloneDX 1.6 schema, with models, data, services, digests and CDXA declarations", async () => {
    const auditor = await createActor(t.db, "AUDITOR");
    const { text, fileName, sha256 } = await exportSystemAibom({ actor: auditor, db: t.db }, fx.systemId);
    const bom = JSON.parse(text);
    const validate = cycloneDx16Validator();
    expect(validate(bom), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(fileName).toMatch(/\.aibom\.cdx\.json$/);

    const model = bom.components.find((c: { name: string }) => c.name === "meta-llama/Llama-3.1-8B-Instruct");
    expect(model.type).toBe("machine-learning-model");
    expect(model.hashes).toEqual([
      { alg: "SHA-256", content: "a".repeat(64) },
      { alg: "SHA-512", content: "b".repeat(128) },
    ]);
    expect(model.modelCard.considerations.useCases).toHaveLength(1);
    expect(model.modelCard.modelParameters.datasets).toEqual([{ ref: expect.stringMatching(/^asset:/) }]);
    expect(bom.components.find((c: { name: string }) => c.name === "Help-centre articles").type).toBe("data");
    expect(bom.services.map((s: { name: string }) => s.name)).toEqual(["OpenAI Chat Completions"]);

    // Checklist results: a claim per applicable control, evidence referenced, conformance 1/0.
    const attestation = bom.declarations.attestations[0];
    const byRequirement = new Map<string, { claims: string[]; conformance: { score: number } }>(attestation.map.map((m: { requirement: string }) => [m.requirement, m]));
    const requirementOf = (code: string) => [...byRequirement.keys()].find((r) => r.endsWith(`:${code}`))!;
    expect(byRequirement.get(requirementOf(fx.items.metFile.control.code))!.conformance.score).toBe(1);
    expect(byRequirement.get(requirementOf(fx.items.staleMet.control.code))!.conformance.score).toBe(0);
    expect(byRequirement.get(requirementOf(fx.items.notMet.control.code))!.conformance.score).toBe(0);
    expect(byRequirement.get(requirementOf(fx.items.notApplicable.control.code))!.conformance.score).toBe(1);
    const claim = bom.declarations.claims.find((c: { "bom-ref": string }) => c["bom-ref"] === `claim:${fx.items.metFile.id}`);
    expect(claim.evidence).toEqual([`evidence:${fx.evidence.file.id}`]);
    const evidence = bom.declarations.evidence.find((e: { "bom-ref": string }) => e["bom-ref"] === `evidence:${fx.evidence.file.id}`);
    expect(evidence.data[0].contents.url).toBe(`evidence/${fx.evidence.file.sha256}`);

    const event = await t.db.auditEvent.findFirst({ where: { action: "inventory.exported", entityId: fx.systemId }, orderBy: { id: "desc" } });
    expect(event?.summary).toMatchObject({ systemId: fx.systemId, format: "cyclonedx-1.6", sha256, assets: FIXTURE_ASSETS.length });
    expect(event?.actorId).toBe(auditor.id);
  });

  it("re-imports losslessly through the product's own CycloneDX importer: every asset field comes back", async () => {
    const { text } = await exportSystemAibom({ actor: fx.owner, db: t.db }, fx.systemId);
    const target = await createSystem({ actor: fx.owner, db: t.db }, systemInput());
    const result = await importAssetsCycloneDx({ actor: fx.owner, db: t.db }, target.id, text);
    expect(result.imported).toBe(FIXTURE_ASSETS.length);
    const before = await listAssets({ actor: fx.owner, db: t.db }, fx.systemId);
    const after = await listAssets({ actor: fx.owner, db: t.db }, target.id);
    expect(content(after)).toEqual(content(before));
    // Something of every kind-specific field really went through (not a trivially empty compare).
    const connector = after.find((a) => a.kind === "TOOL_CONNECTOR")!;
    expect(connector).toMatchObject({ capabilities: ["READ_INTERNAL_DATA", "SEND_MESSAGES"], credentialType: "SERVICE_ACCOUNT", humanApprovalRequired: true });
    expect(after.find((a) => a.kind === "CREDENTIAL")).toMatchObject({ secretLocation: "vault://kv/support/zendesk", rotationDays: 90 });
  });

  it("a product owner cannot export somebody else's system (404, nothing audited)", async () => {
    const stranger = await createActor(t.db, "PRODUCT_OWNER");
    const before = await t.db.auditEvent.count({ where: { action: "inventory.exported" } });
    await expect(exportSystemAibom({ actor: stranger, db: t.db }, fx.systemId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.db.auditEvent.count({ where: { action: "inventory.exported" } })).toBe(before);
  });
});

describe(`[EXPORTS] OSCAL ${OSCAL_VERSION} assessment results of a system`, () => {
  it("is valid against NIST's OSCAL 1.0.6 assessment-results schema; one finding per control, satisfied or not, observations pointing at the evidence", async () => {
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const { text } = await exportSystemOscal({ actor: reviewer, db: t.db }, fx.systemId);
    const doc = JSON.parse(text);
    const validate = oscalValidator();
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(doc["assessment-results"].metadata["oscal-version"]).toBe("1.0.6");

    const [result] = doc["assessment-results"].results;
    const items = await t.db.checklistItem.findMany({ where: { checklist: { systemId: fx.systemId } }, select: { applicable: true, status: true } });
    expect(result.findings).toHaveLength(items.filter((i) => i.applicable || i.status === "NOT_APPLICABLE").length);
    const stateOf = (code: string) => result.findings.find((f: { target: { "target-id": string } }) => f.target["target-id"] === code).target.status.state;
    expect(stateOf(fx.items.metFile.control.code)).toBe("satisfied");
    expect(stateOf(fx.items.metLinkNote.control.code)).toBe("satisfied");
    expect(stateOf(fx.items.notApplicable.control.code)).toBe("satisfied");
    expect(stateOf(fx.items.staleMet.control.code)).toBe("not-satisfied");
    expect(stateOf(fx.items.notMet.control.code)).toBe("not-satisfied");

    const finding = result.findings.find((f: { target: { "target-id": string } }) => f.target["target-id"] === fx.items.metFile.control.code);
    const observation = result.observations.find((o: { uuid: string }) => o.uuid === finding["related-observations"][0]["observation-uuid"]);
    expect(observation["relevant-evidence"][0].href).toBe(`evidence/${fx.evidence.file.sha256}`);
    const linkFinding = result.findings.find((f: { target: { "target-id": string } }) => f.target["target-id"] === fx.items.metLinkNote.control.code);
    expect(linkFinding["related-observations"]).toHaveLength(2);
  });

  it("the schema check can fail: a finding without a state is refused", async () => {
    const { text } = await exportSystemOscal({ actor: fx.owner, db: t.db }, fx.systemId);
    const doc = JSON.parse(text);
    delete doc["assessment-results"].results[0].findings[0].target.status.state;
    expect(oscalValidator()(doc)).toBe(false);
  });
});
