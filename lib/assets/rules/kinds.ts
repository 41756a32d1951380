/** Which fields make sense for which kind of asset, and what identifies an asset (pure). */
import type { AssetKind } from "@/generated/prisma/enums";

/** Kinds that act on the system's behalf and therefore carry an agent capability register. */
export const AGENTIC_KINDS = ["TOOL_CONNECTOR", "AGENT_IDENTITY", "VENDOR_API"] as const satisfies readonly AssetKind[];
/** Kinds that record where a secret lives and how it rotates. */
export const CREDENTIAL_KINDS = ["CREDENTIAL"] as const satisfies readonly AssetKind[];

export function isAgenticKind(kind: AssetKind): boolean {
  return (AGENTIC_KINDS as readonly AssetKind[]).includes(kind);
}

export function isCredentialKind(kind: AssetKind): boolean {
  return (CREDENTIAL_KINDS as readonly AssetKind[]).includes(kind);
}

/**
 * Identity of an asset inside one system: kind, name and version, with "no version" as one
 * value. Mirrors the unique index `Asset_systemId_kind_name_version_key` (NULLS NOT DISTINCT).
 */
export function assetKey(asset: { kind: string; name: string; version: string | null | undefined }): string {
  return JSON.stringify([asset.kind, asset.name, asset.version ?? null]);
}
