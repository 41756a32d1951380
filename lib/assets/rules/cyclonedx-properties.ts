/**
 * Asset fields CycloneDX has no place for, carried as component/service `properties` named
 * `aigov:asset:<name>` (pure). Our AI-BOM export writes them (lib/exports/aibom.ts) and the
 * CycloneDX importer reads them back, so an exported BOM re-imports without losing a field.
 * List fields repeat the property once per value (CycloneDX allows repeated names).
 */
import { AssetKind } from "@/generated/prisma/enums";

export const ASSET_PROPERTY_PREFIX = "aigov:asset:";

/** Asset field -> property name (after the prefix). */
export const ASSET_PROPERTY = {
  kind: "kind",
  signatureRef: "signature-ref",
  sensitivity: "sensitivity",
  permissions: "permission",
  dueDiligence: "due-diligence",
  capabilities: "capability",
  credentialType: "credential-type",
  humanApprovalRequired: "human-approval-required",
  secretLocation: "secret-location",
  rotationDays: "rotation-days",
} as const;

const LIST_FIELDS = new Set<string>(["permissions", "capabilities"]);

/**
 * Reads our properties from a component's or service's `properties`: asset input fields
 * (strings, or string lists for permissions and capabilities), left to the asset schema to
 * validate. Unknown `aigov:asset:` names and other namespaces are ignored.
 */
export function readAssetProperties(properties: readonly { name: string; value?: string }[] | undefined): Record<string, string | string[]> {
  const byName = new Map<string, string>(Object.entries(ASSET_PROPERTY).map(([field, name]) => [`${ASSET_PROPERTY_PREFIX}${name}`, field]));
  const out: Record<string, string | string[]> = {};
  for (const property of properties ?? []) {
    const field = byName.get(property.name);
    if (!field || property.value === undefined) continue;
    if (LIST_FIELDS.has(field)) out[field] = [...((out[field] as string[] | undefined) ?? []), property.value];
    else if (!(field in out)) out[field] = property.value;
  }
  return out;
}

/** The asset kind a BOM entry names in `aigov:asset:kind`, when it is one of ours. */
export function propertyKind(fields: Record<string, string | string[]>): AssetKind | null {
  const kind = fields.kind;
  return typeof kind === "string" && (Object.values(AssetKind) as string[]).includes(kind) ? (kind as AssetKind) : null;
}
