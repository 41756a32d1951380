/**
 * Artifact digests (pure). An asset keeps its SHA-256 in `Asset.sha256` (the digest the
 * deployment gate, approvals and "Verify artifact" use) and any digests of other algorithms,
 * as a bill of materials recorded them, in `AssetDigest` rows (`otherDigests` in the app).
 * Algorithm names and value lengths follow CycloneDX 1.6 (`hash-alg`, `hash-content`).
 */
import type { AssetKind, DigestAlgorithm } from "@/generated/prisma/enums";

/** "sha256:ABC…" or "abc…" (64 hex) -> lower-case bare hex; anything else -> null. */
export function normaliseSha256(raw: string): string | null {
  const value = raw.trim().replace(/^sha-?256:/i, "");
  return /^[0-9a-fA-F]{64}$/.test(value) ? value.toLowerCase() : null;
}

/** Every algorithm AssetDigest may hold, in display order, with its CycloneDX name and hex length(s). */
export const OTHER_DIGEST_ALGORITHMS = {
  MD5: { name: "MD5", hexLengths: [32] },
  SHA_1: { name: "SHA-1", hexLengths: [40] },
  SHA_384: { name: "SHA-384", hexLengths: [96] },
  SHA_512: { name: "SHA-512", hexLengths: [128] },
  SHA3_256: { name: "SHA3-256", hexLengths: [64] },
  SHA3_384: { name: "SHA3-384", hexLengths: [96] },
  SHA3_512: { name: "SHA3-512", hexLengths: [128] },
  BLAKE2B_256: { name: "BLAKE2b-256", hexLengths: [64] },
  BLAKE2B_384: { name: "BLAKE2b-384", hexLengths: [96] },
  BLAKE2B_512: { name: "BLAKE2b-512", hexLengths: [128] },
  // BLAKE3 has a variable output length; CycloneDX allows these.
  BLAKE3: { name: "BLAKE3", hexLengths: [32, 40, 64, 96, 128] },
} as const satisfies Record<DigestAlgorithm, { name: string; hexLengths: readonly number[] }>;

const ALGORITHM_ORDER = Object.keys(OTHER_DIGEST_ALGORITHMS) as DigestAlgorithm[];

/** A digest of an algorithm other than SHA-256: `value` is lower-case hex. */
export type OtherDigest = { algorithm: DigestAlgorithm; value: string };

/** The parsed form of one algorithm name: SHA-256 is named apart because it has its own field. */
export type ParsedAlgorithm = { algorithm: DigestAlgorithm } | { sha256: true } | { unknown: string };

/** "SHA-512", "sha512", "SHA_512", "blake2b-256" -> the algorithm; case, "-" and "_" do not matter. */
export function parseDigestAlgorithm(raw: string): ParsedAlgorithm {
  const key = raw.trim().toUpperCase().replace(/[-_\s]/g, "");
  if (key === "SHA256") return { sha256: true };
  const found = ALGORITHM_ORDER.find((a) => OTHER_DIGEST_ALGORITHMS[a].name.toUpperCase().replace(/-/g, "") === key);
  return found ? { algorithm: found } : { unknown: raw.trim() };
}

export function digestAlgorithmName(algorithm: DigestAlgorithm): string {
  return OTHER_DIGEST_ALGORITHMS[algorithm].name;
}

/** Lower-case hex when `raw` has a length this algorithm produces, else null. */
export function normaliseDigestValue(algorithm: DigestAlgorithm, raw: string): string | null {
  const value = raw.trim();
  if (!/^[0-9a-fA-F]+$/.test(value)) return null;
  return (OTHER_DIGEST_ALGORITHMS[algorithm].hexLengths as readonly number[]).includes(value.length) ? value.toLowerCase() : null;
}

/** Sorted by algorithm (display order), so equal sets compare equal. */
export function sortDigests<T extends { algorithm: DigestAlgorithm }>(digests: readonly T[]): T[] {
  return [...digests].sort((a, b) => ALGORITHM_ORDER.indexOf(a.algorithm) - ALGORITHM_ORDER.indexOf(b.algorithm));
}

/** The text form used in CSV cells and reports: "SHA-1:ab12…;SHA-512:cd34…". */
export function formatDigestList(digests: readonly OtherDigest[]): string {
  return sortDigests(digests)
    .map((d) => `${digestAlgorithmName(d.algorithm)}:${d.value}`)
    .join(";");
}

export type DigestListResult = { digests: OtherDigest[]; problems: string[] };

/**
 * Parses "SHA-512:hex; SHA-1:hex" (entries separated by ";", "," or line breaks; one entry may
 * also be "SHA-512 hex" or "SHA-512=hex") or a list of `{ algorithm, value }`. Problems are
 * sentences naming the entry: an unknown algorithm, a value of the wrong length, a SHA-256
 * (it has its own field), or two different values for one algorithm.
 */
export function parseDigestList(input: string | readonly { algorithm: string; value: string }[]): DigestListResult {
  const entries =
    typeof input === "string"
      ? input
          .split(/[\n\r,;]+/)
          .map((s) => s.trim())
          .filter(Boolean)
          .map((entry) => {
            const match = /^([A-Za-z0-9_-]+)\s*[:= ]\s*(\S+)$/.exec(entry);
            return match ? { algorithm: match[1]!, value: match[2]!, entry } : { algorithm: "", value: "", entry };
          })
      : input.map((d) => ({ algorithm: d.algorithm, value: d.value, entry: `${d.algorithm}:${d.value}` }));

  const problems: string[] = [];
  const byAlgorithm = new Map<DigestAlgorithm, string>();
  for (const { algorithm: rawAlgorithm, value: rawValue, entry } of entries) {
    if (!rawAlgorithm) {
      problems.push(`"${shorten(entry)}" is not "ALGORITHM:hex" (e.g. SHA-512:9b71…).`);
      continue;
    }
    const parsed = parseDigestAlgorithm(rawAlgorithm);
    if ("sha256" in parsed) {
      problems.push("SHA-256 has its own field (sha256); list only other algorithms here.");
      continue;
    }
    if ("unknown" in parsed) {
      problems.push(`Unknown digest algorithm "${shorten(parsed.unknown)}". Use ${ALGORITHM_ORDER.map(digestAlgorithmName).join(", ")}.`);
      continue;
    }
    const name = digestAlgorithmName(parsed.algorithm);
    const value = normaliseDigestValue(parsed.algorithm, rawValue);
    if (!value) {
      const lengths = OTHER_DIGEST_ALGORITHMS[parsed.algorithm].hexLengths.join(", ");
      problems.push(`The ${name} digest must be ${lengths} hexadecimal characters.`);
      continue;
    }
    const previous = byAlgorithm.get(parsed.algorithm);
    if (previous !== undefined && previous !== value) {
      problems.push(`Two different ${name} digests: ${previous} and ${value}.`);
      continue;
    }
    byAlgorithm.set(parsed.algorithm, value);
  }
  return { digests: sortDigests([...byAlgorithm].map(([algorithm, value]) => ({ algorithm, value }))), problems };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The kinds whose artifact must be pinned by a SHA-256 digest before deployment approval. */
export const DIGEST_REQUIRED_KINDS = ["MODEL", "DATASET"] as const satisfies readonly AssetKind[];

export type MissingDigest<T> = { asset: T; reason: string };

/**
 * Deployment-gate rule "every MODEL and DATASET asset has a digest" (DESIGN.md, Lifecycles and
 * rules; NCSC/CISA guideline "Secure your supply chain"). The digest that counts is SHA-256
 * (`sha256`): it is what approvals pin and what "Verify artifact" computes in the browser.
 * Digests of other algorithms do not satisfy the rule, but the reason names them so the user
 * knows the artifact is identified and only a SHA-256 is missing.
 *
 * @param assets any objects with `kind`, `sha256` and optionally `otherDigests`
 * @returns one entry per MODEL or DATASET without a SHA-256, in input order; [] when all pass
 */
export function findAssetsMissingDigest<T extends { kind: AssetKind; sha256: string | null; otherDigests?: readonly OtherDigest[] }>(
  assets: readonly T[],
): MissingDigest<T>[] {
  return assets
    .filter((asset) => (DIGEST_REQUIRED_KINDS as readonly AssetKind[]).includes(asset.kind) && !asset.sha256)
    .map((asset) => {
      const others = sortDigests(asset.otherDigests ?? []).map((d) => digestAlgorithmName(d.algorithm));
      const reason = others.length
        ? `only ${others.join(", ")} recorded; approval needs a SHA-256 digest`
        : "no SHA-256 digest recorded";
      return { asset, reason };
    });
}
