/**
 * A system as a CycloneDX 1.6 AI/ML bill of materials (pure). Shapes follow the official
 * schema (bom-1.6.schema.json) and FRAMEWORKS.md "Formats":
 * - assets become components (`machine-learning-model` for models and adapters, `data` for
 *   datasets, prompts, vector stores and evaluation suites, `library`, `platform`, ...) with
 *   their SHA-256 and other digests; vendor APIs become `services`;
 * - models carry the model-card fields we hold: the use case (the system's purpose) and the
 *   datasets of the same system (`modelParameters.datasets` by reference);
 * - every field the standard has no place for (asset kind, sensitivity, permissions,
 *   capabilities, credential facts, due diligence) is an `aigov:asset:*` property, which the
 *   product's importer (lib/assets/read-cyclonedx.ts) reads back, so export → import is lossless;
 * - checklist results are CDXA: the control library as a standard in `definitions`, one claim
 *   per applicable control pointing at its evidence, and an attestation mapping each
 *   requirement to its claim with a conformance score (1 satisfied, 0 not).
 */
import { createHash } from "node:crypto";
import type { AssetKind } from "@/generated/prisma/enums";
import { ASSET_PROPERTY, ASSET_PROPERTY_PREFIX } from "@/lib/assets/rules/cyclonedx-properties";
import { digestAlgorithmName } from "@/lib/assets/rules/digests";
import { GENERATOR, PROPERTY_PREFIX } from "./generator";
import type { ExportAsset, ExportChecklistItem, ExportEvidence, SystemExportData } from "./system-data";

/** CycloneDX component type per asset kind (VENDOR_API is a service, not a component). */
export const COMPONENT_TYPE_OF_KIND = {
  MODEL: "machine-learning-model",
  ADAPTER: "machine-learning-model",
  DATASET: "data",
  PROMPT: "data",
  VECTOR_STORE: "data",
  EVAL_SUITE: "data",
  LIBRARY: "library",
  ENVIRONMENT: "platform",
  TOOL_CONNECTOR: "application",
  AGENT_IDENTITY: "application",
  CREDENTIAL: "cryptographic-asset",
} as const satisfies Record<Exclude<AssetKind, "VENDOR_API">, string>;

type Property = { name: string; value: string };
type Json = Record<string, unknown>;

/** Where an evidence record lives: its pack path (files) or URL (links); null for notes. */
export type EvidenceLocator = (evidence: ExportEvidence) => string | null;

/** Files are stored in packs as `evidence/<sha256>`; links keep their URL. */
export const packEvidenceLocator: EvidenceLocator = (e) => (e.kind === "FILE" && e.sha256 ? `evidence/${e.sha256}` : e.kind === "LINK" ? e.url : null);

/**
 * A deterministic UUID (RFC 4122 layout, version 5 bits) from a name: the same record gives
 * the same serial number / OSCAL uuid in every export, so two exports can be compared.
 */
export function nameUuid(name: string): string {
  const h = createHash("sha256").update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const systemRef = (id: string) => `system:${id}`;
const assetRef = (id: string) => `asset:${id}`;
const evidenceRef = (id: string) => `evidence:${id}`;
const requirementRef = (version: string, code: string) => `requirement:${version}:${code}`;
const claimRef = (itemId: string) => `claim:${itemId}`;

function assetProperties(asset: ExportAsset): Property[] {
  const p = (field: keyof typeof ASSET_PROPERTY, value: string): Property => ({ name: `${ASSET_PROPERTY_PREFIX}${ASSET_PROPERTY[field]}`, value });
  const out: Property[] = [p("kind", asset.kind)];
  if (asset.signatureRef !== null) out.push(p("signatureRef", asset.signatureRef));
  if (asset.sensitivity !== null) out.push(p("sensitivity", asset.sensitivity));
  for (const permission of asset.permissions) out.push(p("permissions", permission));
  out.push(p("dueDiligence", asset.dueDiligence));
  for (const capability of asset.capabilities) out.push(p("capabilities", capability));
  if (asset.credentialType !== null) out.push(p("credentialType", asset.credentialType));
  if (asset.humanApprovalRequired !== null) out.push(p("humanApprovalRequired", String(asset.humanApprovalRequired)));
  if (asset.secretLocation !== null) out.push(p("secretLocation", asset.secretLocation));
  if (asset.rotationDays !== null) out.push(p("rotationDays", String(asset.rotationDays)));
  return out;
}

function hashesOf(asset: ExportAsset): Json[] | undefined {
  const hashes = [
    ...(asset.sha256 ? [{ alg: "SHA-256", content: asset.sha256 }] : []),
    ...asset.otherDigests.map((d) => ({ alg: digestAlgorithmName(d.algorithm), content: d.value })),
  ];
  return hashes.length ? hashes : undefined;
}

function componentOf(asset: Exclude<ExportAsset, { kind: "VENDOR_API" }>, data: SystemExportData, datasetRefs: string[]): Json {
  const type = COMPONENT_TYPE_OF_KIND[asset.kind as keyof typeof COMPONENT_TYPE_OF_KIND];
  const component: Json = {
    type,
    "bom-ref": assetRef(asset.id),
    ...(asset.supplier !== null ? { supplier: { name: asset.supplier } } : {}),
    name: asset.name,
    ...(asset.version !== null ? { version: asset.version } : {}),
    ...(asset.notes !== null ? { description: asset.notes } : {}),
    ...(hashesOf(asset) ? { hashes: hashesOf(asset) } : {}),
    ...(asset.licence !== null ? { licenses: [{ license: { name: asset.licence } }] } : {}),
  };
  if (type === "machine-learning-model") {
    component.modelCard = {
      "bom-ref": `model-card:${asset.id}`,
      ...(datasetRefs.length ? { modelParameters: { datasets: datasetRefs.map((ref) => ({ ref })) } } : {}),
      considerations: { useCases: [data.system.purpose] },
    };
  }
  if (type === "data") {
    component.data = [{ type: "dataset", name: asset.name, ...(asset.sensitivity ? { classification: asset.sensitivity } : {}) }];
  }
  if (type === "cryptographic-asset") {
    component.cryptoProperties = { assetType: "related-crypto-material" };
  }
  component.properties = assetProperties(asset);
  return component;
}

function serviceOf(asset: ExportAsset): Json {
  return {
    "bom-ref": assetRef(asset.id),
    ...(asset.supplier !== null ? { provider: { name: asset.supplier } } : {}),
    name: asset.name,
    ...(asset.version !== null ? { version: asset.version } : {}),
    ...(asset.notes !== null ? { description: asset.notes } : {}),
    ...(asset.licence !== null ? { licenses: [{ license: { name: asset.licence } }] } : {}),
    properties: assetProperties(asset),
  };
}

function evidenceEntry(e: ExportEvidence, locate: EvidenceLocator): Json {
  const where = locate(e);
  const contents = where ? { url: where } : e.noteBody ? { attachment: { contentType: "text/plain", content: e.noteBody } } : null;
  return {
    "bom-ref": evidenceRef(e.id),
    propertyName: `${PROPERTY_PREFIX}evidence`,
    description: e.description ? `${e.title}: ${e.description}` : e.title,
    data: [
      {
        name: e.fileName ?? e.title,
        ...(contents ? { contents } : {}),
      },
    ],
    created: e.createdAt,
    ...(e.expiresAt ? { expires: `${e.expiresAt}T23:59:59Z` } : {}),
  };
}

/** 1 when the control is met with evidence that holds, or not applicable; 0 otherwise. */
export function conformanceScore(item: Pick<ExportChecklistItem, "status" | "satisfied">): number {
  return (item.status === "MET" && item.satisfied) || item.status === "NOT_APPLICABLE" ? 1 : 0;
}

function declarationsOf(data: SystemExportData, locate: EvidenceLocator): { definitions: Json; declarations: Json } | null {
  const checklist = data.checklist;
  if (!checklist || checklist.items.length === 0) return null;
  const version = checklist.libraryVersion;
  const items = checklist.items.filter((i) => i.applicable || i.status === "NOT_APPLICABLE");
  const evidenceById = new Map(data.evidence.map((e) => [e.id, e]));
  const cited = new Set(items.flatMap((i) => i.evidenceIds));
  const evidence = [...cited].map((id) => evidenceById.get(id)).filter((e): e is ExportEvidence => !!e);
  return {
    definitions: {
      standards: [
        {
          "bom-ref": `standard:aigov-controls:${version}`,
          name: "AI governance control library (CISA / UK NCSC secure AI guidelines)",
          version,
          owner: GENERATOR.vendor,
          requirements: checklist.items.map((i) => ({
            "bom-ref": requirementRef(version, i.controlCode),
            identifier: i.controlCode,
            text: i.controlTitle,
            descriptions: [i.evidenceExpectation],
            properties: [{ name: `${PROPERTY_PREFIX}pillar`, value: `${i.pillar} ${i.pillarTitle}` }],
          })),
        },
      ],
    },
    declarations: {
      assessors: [{ "bom-ref": "assessor:instance", thirdParty: false, organization: { name: `${GENERATOR.name} instance` } }],
      attestations: [
        {
          summary: `Checklist results for ${data.system.name} (control library ${version}): ${checklist.progress.overall.done} of ${checklist.progress.overall.total} applicable controls done.`,
          assessor: "assessor:instance",
          map: items.map((i) => ({
            requirement: requirementRef(version, i.controlCode),
            claims: [claimRef(i.id)],
            conformance: { score: conformanceScore(i), rationale: statusRationale(i) },
          })),
        },
      ],
      claims: items.map((i) => ({
        "bom-ref": claimRef(i.id),
        target: systemRef(data.system.id),
        predicate: `${i.controlCode} ${i.controlTitle}: ${i.status}`,
        ...(i.justification || i.notes ? { reasoning: i.justification ?? i.notes ?? undefined } : {}),
        ...(i.evidenceIds.length ? { evidence: i.evidenceIds.filter((id) => evidenceById.has(id)).map(evidenceRef) } : {}),
      })),
      ...(evidence.length ? { evidence: evidence.map((e) => evidenceEntry(e, locate)) } : {}),
    },
  };
}

function statusRationale(i: ExportChecklistItem): string {
  if (i.status === "MET" && !i.satisfied) return "Marked met, but none of its evidence still holds.";
  if (i.status === "NOT_APPLICABLE") return `Not applicable: ${i.justification ?? i.applicabilityReason}`;
  return `Status ${i.status}.`;
}

/**
 * The BOM for one system. `serialNumber` is derived from the system id and the time, so each
 * export is its own BOM; `generatedAt` is an ISO instant.
 */
export function buildAibom(data: SystemExportData, opts: { generatedAt: string; locate?: EvidenceLocator }): Json {
  const locate = opts.locate ?? packEvidenceLocator;
  const datasetRefs = data.assets.filter((a) => a.kind === "DATASET").map((a) => assetRef(a.id));
  const components = data.assets.filter((a) => a.kind !== "VENDOR_API").map((a) => componentOf(a, data, datasetRefs));
  const services = data.assets.filter((a) => a.kind === "VENDOR_API").map(serviceOf);
  const cdxa = declarationsOf(data, locate);
  const s = data.system;
  return {
    $schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
    bomFormat: "CycloneDX",
    specVersion: "1.6",
    serialNumber: `urn:uuid:${nameUuid(`aibom:${s.id}:${opts.generatedAt}`)}`,
    version: 1,
    metadata: {
      timestamp: opts.generatedAt,
      tools: { components: [{ type: "application", group: GENERATOR.vendor, name: GENERATOR.name, version: GENERATOR.version }] },
      component: {
        type: "application",
        "bom-ref": systemRef(s.id),
        name: s.name,
        description: s.purpose,
        properties: [
          { name: `${PROPERTY_PREFIX}system:slug`, value: s.slug },
          { name: `${PROPERTY_PREFIX}system:risk-tier`, value: s.riskTier },
          { name: `${PROPERTY_PREFIX}system:data-sensitivity`, value: s.dataSensitivity },
          { name: `${PROPERTY_PREFIX}system:autonomy`, value: s.autonomy },
          { name: `${PROPERTY_PREFIX}system:exposure`, value: s.exposure },
          { name: `${PROPERTY_PREFIX}system:lifecycle`, value: s.lifecycle },
        ],
      },
      manufacturer: { name: s.owner.name, contact: [{ name: s.owner.name, email: s.owner.email }] },
    },
    components,
    ...(services.length ? { services } : {}),
    dependencies: [{ ref: systemRef(s.id), dependsOn: [...components, ...services].map((c) => c["bom-ref"] as string) }],
    ...(cdxa ?? {}),
  };
}
