/**
 * CycloneDX 1.6 -> assets (pure): which component types become which asset kind, licences as
 * one expression, hashes as digests, and how entries listed twice are merged.
 */
import type { AssetKind, DigestAlgorithm } from "@/generated/prisma/enums";
import { digestAlgorithmName, parseDigestList, type OtherDigest } from "./digests";
import { assetKey } from "./kinds";

/** Every component `type` of CycloneDX 1.6 (bom-1.6.schema.json, component.type). */
export const CYCLONEDX_COMPONENT_TYPES = [
  "application",
  "framework",
  "library",
  "container",
  "platform",
  "operating-system",
  "device",
  "device-driver",
  "firmware",
  "file",
  "machine-learning-model",
  "data",
  "cryptographic-asset",
] as const;
export type CycloneDxComponentType = (typeof CYCLONEDX_COMPONENT_TYPES)[number];

/**
 * The decision for each component type: an asset kind, or "skip" with the reason the import
 * report shows. Types are never folded into LIBRARY: a type without a kind of its own is
 * skipped and listed, so nothing disappears unseen and unrelated entries cannot collide.
 * - machine-learning-model, data: the AI assets this inventory exists for.
 * - library, framework: software the system is built from (CycloneDX calls a framework a
 *   library with framework features).
 * - container, platform: where the system runs; CycloneDX defines a platform as "a runtime
 *   environment", and a container isolates one. Both are ENVIRONMENT assets.
 * - the rest describe things this inventory does not record as assets.
 */
export const CYCLONEDX_TYPE_DECISIONS = {
  "machine-learning-model": { kind: "MODEL" },
  data: { kind: "DATASET" },
  library: { kind: "LIBRARY" },
  framework: { kind: "LIBRARY" },
  container: { kind: "ENVIRONMENT" },
  platform: { kind: "ENVIRONMENT" },
  application: {
    skip: "An application is a whole program, which this inventory records as an AI system, not as an asset; the components inside it are imported.",
  },
  "operating-system": {
    skip: "An operating system is part of the environment the system runs on; record that environment (its platform or container) instead.",
  },
  device: { skip: "Hardware devices are not recorded as assets of an AI system." },
  "device-driver": { skip: "Device drivers are not recorded as assets of an AI system." },
  firmware: { skip: "Firmware is not recorded as an asset of an AI system." },
  file: {
    skip: "A plain file has no asset kind; record the model, dataset or prompt it holds, with the file's digest.",
  },
  "cryptographic-asset": {
    skip: "Cryptographic assets (algorithms, keys, certificates) belong in a cryptography BOM; record where a credential lives as a CREDENTIAL asset.",
  },
} as const satisfies Record<CycloneDxComponentType, { kind: AssetKind } | { skip: string }>;

/** Component type -> `{ kind }` or `{ skip: reason }` (an unknown type is skipped too). */
export function cycloneDxTypeDecision(type: string): { kind: AssetKind } | { skip: string } {
  const decision = (CYCLONEDX_TYPE_DECISIONS as Record<string, { kind: AssetKind } | { skip: string }>)[type];
  return decision ?? { skip: `CycloneDX component type "${type}" has no asset kind.` };
}

type CdxLicence = { license?: { id?: string; name?: string }; expression?: string };

/**
 * All licences of a component as one expression: SPDX ids and expressions joined with
 * " AND " (an expression that contains OR or WITH is parenthesised), e.g. "GPL-3.0-only AND
 * MIT". Licence names that are not SPDX ids are kept as written, so the result is a strict SPDX
 * expression only when every entry is an SPDX id or expression. Repeats are dropped.
 */
export function licenceExpression(licences: readonly CdxLicence[] | undefined): string | undefined {
  const parts: string[] = [];
  for (const entry of licences ?? []) {
    const part = entry.license?.id ?? entry.license?.name ?? entry.expression;
    if (!part?.trim()) continue;
    const text = part.trim();
    parts.push(entry.expression && (licences?.length ?? 0) > 1 && /\s(OR|WITH)\s/.test(text) ? `(${text})` : text);
  }
  const unique = [...new Set(parts)];
  return unique.length ? unique.join(" AND ") : undefined;
}

export type ComponentDigests = {
  /** The SHA-256 value as written (the asset schema normalises it), if any. */
  sha256: string | undefined;
  /** Other algorithms, as `{ algorithm, value }` for the asset schema to check per algorithm. */
  otherDigests: { algorithm: string; value: string }[];
  /** Set when one component lists two different SHA-256 values. */
  problem?: string;
};

/** Splits a component's `hashes` into the SHA-256 (Asset.sha256) and the other digests. */
export function componentDigests(hashes: readonly { alg: string; content: string }[] | undefined): ComponentDigests {
  const sha256 = [...new Set((hashes ?? []).filter((h) => h.alg === "SHA-256").map((h) => h.content.toLowerCase()))];
  const otherDigests = (hashes ?? []).filter((h) => h.alg !== "SHA-256").map((h) => ({ algorithm: h.alg, value: h.content }));
  return {
    sha256: sha256[0],
    otherDigests,
    problem: sha256.length > 1 ? `Lists two different SHA-256 digests (${sha256.map(short).join(", ")}).` : undefined,
  };
}

function short(hex: string): string {
  return hex.length > 16 ? `${hex.slice(0, 12)}…` : hex;
}

/** The fields merging looks at; the rest of an asset is carried along untouched. */
export type MergeableAsset = {
  kind: AssetKind;
  name: string;
  version: string | null;
  sha256: string | null;
  otherDigests: OtherDigest[];
} & Record<string, unknown>;

export type MergeNotice = { row: string; into: string; message: string };
export type MergeConflict = { row: string; field: string; message: string };

/**
 * Entries with the same coordinates (kind, name, version; "no version" is one value) are one
 * asset. Generators list one component under several bom-refs (npm and Maven plugins do), so:
 * - entries whose digests agree are merged into the first: missing values are filled from the
 *   later entries, digests are united; a later entry that says something else for a field
 *   keeps the first entry's value and the notice names the field;
 * - entries whose digests disagree (same algorithm, different value) are two artifacts under
 *   one name: each gets a conflict naming the other entries, and nothing of them is merged.
 * @returns assets in first-appearance order, one notice per merged entry, conflicts per entry
 */
export function mergeDuplicateEntries<A extends MergeableAsset>(
  entries: readonly { row: string; asset: A }[],
): { assets: { row: string; asset: A }[]; merged: MergeNotice[]; conflicts: MergeConflict[] } {
  const groups = new Map<string, { row: string; asset: A }[]>();
  for (const entry of entries) {
    const key = assetKey(entry.asset);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }

  const assets: { row: string; asset: A }[] = [];
  const merged: MergeNotice[] = [];
  const conflicts: MergeConflict[] = [];
  for (const group of groups.values()) {
    if (group.length === 1) {
      assets.push(group[0]!);
      continue;
    }
    const disagreement = digestDisagreement(group.map((e) => e.asset));
    if (disagreement) {
      for (const entry of group) {
        const others = group.filter((e) => e !== entry).map((e) => e.row);
        conflicts.push({
          row: entry.row,
          field: "hashes",
          message: `Same kind, name and version as ${others.join(", ")} but a different ${disagreement.algorithm} digest (${disagreement.values.map(short).join(" vs ")}): two different artifacts cannot share one name and version.`,
        });
      }
      continue;
    }
    const [first, ...rest] = group;
    const asset = { ...first!.asset } as Record<string, unknown>;
    for (const later of rest) {
      const differing: string[] = [];
      for (const [field, value] of Object.entries(later.asset)) {
        if (field === "otherDigests") continue;
        if (isEmpty(asset[field])) asset[field] = value;
        else if (!isEmpty(value) && JSON.stringify(asset[field]) !== JSON.stringify(value)) differing.push(field);
      }
      asset.otherDigests = unite(asset.otherDigests as OtherDigest[], later.asset.otherDigests);
      const kept = differing.length ? ` It differs in ${differing.join(", ")}; the values of ${first!.row} were kept.` : "";
      merged.push({ row: later.row, into: first!.row, message: `Listed again (same kind, name, version and digests as ${first!.row}): merged.${kept}` });
    }
    assets.push({ row: first!.row, asset: asset as A });
  }
  return { assets, merged, conflicts };
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

function unite(a: readonly OtherDigest[], b: readonly OtherDigest[]): OtherDigest[] {
  return parseDigestList([...a, ...b].map((d) => ({ algorithm: d.algorithm, value: d.value }))).digests;
}

function digestDisagreement(assets: readonly MergeableAsset[]): { algorithm: string; values: string[] } | null {
  const sha256 = [...new Set(assets.map((a) => a.sha256).filter((v): v is string => !!v))];
  if (sha256.length > 1) return { algorithm: "SHA-256", values: sha256 };
  const byAlgorithm = new Map<DigestAlgorithm, Set<string>>();
  for (const digest of assets.flatMap((a) => a.otherDigests)) {
    const values = byAlgorithm.get(digest.algorithm) ?? new Set<string>();
    values.add(digest.value);
    byAlgorithm.set(digest.algorithm, values);
  }
  for (const [algorithm, values] of byAlgorithm) {
    if (values.size > 1) return { algorithm: digestAlgorithmName(algorithm), values: [...values] };
  }
  return null;
}
