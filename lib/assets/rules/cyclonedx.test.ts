import { describe, expect, it } from "vitest";
import { componentDigests, CYCLONEDX_COMPONENT_TYPES, cycloneDxTypeDecision, licenceExpression, mergeDuplicateEntries, type MergeableAsset } from "./cyclonedx";

const A = "a".repeat(64);
const B = "b".repeat(64);
const SHA1 = "c".repeat(40);

function asset(overrides: Partial<MergeableAsset> = {}): MergeableAsset {
  return { kind: "LIBRARY", name: "com.github.jnr/jffi", version: "1.3.13", sha256: A, otherDigests: [], licence: null, supplier: null, ...overrides };
}

describe("[ASSETS] CycloneDX component types", () => {
  it("decides every CycloneDX 1.6 type: a kind, or skipped with a reason; nothing falls into LIBRARY by default", () => {
    const decisions = Object.fromEntries(CYCLONEDX_COMPONENT_TYPES.map((t) => [t, cycloneDxTypeDecision(t)]));
    expect(decisions["machine-learning-model"]).toEqual({ kind: "MODEL" });
    expect(decisions.data).toEqual({ kind: "DATASET" });
    expect(decisions.library).toEqual({ kind: "LIBRARY" });
    expect(decisions.framework).toEqual({ kind: "LIBRARY" });
    expect(decisions.container).toEqual({ kind: "ENVIRONMENT" });
    expect(decisions.platform).toEqual({ kind: "ENVIRONMENT" });
    for (const type of ["application", "operating-system", "device", "device-driver", "firmware", "file", "cryptographic-asset"]) {
      expect(decisions[type]).toEqual({ skip: expect.stringMatching(/\w.*\.$/) });
    }
    expect(cycloneDxTypeDecision("quantum-widget")).toEqual({ skip: 'CycloneDX component type "quantum-widget" has no asset kind.' });
  });
});

describe("[ASSETS] CycloneDX licences and hashes", () => {
  it("keeps every licence as one expression", () => {
    expect(licenceExpression([{ license: { id: "GPL-3.0-only" } }, { license: { id: "MIT" } }])).toBe("GPL-3.0-only AND MIT");
    expect(licenceExpression([{ license: { id: "MIT" } }, { license: { id: "MIT" } }])).toBe("MIT");
    expect(licenceExpression([{ expression: "Apache-2.0 OR MIT" }])).toBe("Apache-2.0 OR MIT");
    expect(licenceExpression([{ expression: "Apache-2.0 OR MIT" }, { license: { name: "Custom Licence" } }])).toBe("(Apache-2.0 OR MIT) AND Custom Licence");
    expect(licenceExpression([])).toBeUndefined();
    expect(licenceExpression(undefined)).toBeUndefined();
  });

  it("splits hashes into the SHA-256 and the other digests; two SHA-256 values are a problem", () => {
    expect(componentDigests([{ alg: "SHA-256", content: A.toUpperCase() }, { alg: "SHA-1", content: SHA1 }])).toEqual({
      sha256: A,
      otherDigests: [{ algorithm: "SHA-1", value: SHA1 }],
      problem: undefined,
    });
    expect(componentDigests([{ alg: "SHA-256", content: A }, { alg: "SHA-256", content: B }]).problem).toMatch(/two different SHA-256 digests/);
    expect(componentDigests(undefined)).toEqual({ sha256: undefined, otherDigests: [], problem: undefined });
  });
});

describe("[ASSETS] CycloneDX entries listed twice", () => {
  it("merges entries with the same coordinates and agreeing digests, filling gaps and uniting digests", () => {
    const result = mergeDuplicateEntries([
      { row: "components[0]", asset: asset({ licence: "MIT" }) },
      { row: "components[1]", asset: asset({ name: "other" }) },
      { row: "components[2]", asset: asset({ sha256: null, supplier: "JNR", otherDigests: [{ algorithm: "SHA_1", value: SHA1 }] }) },
    ]);
    expect(result.conflicts).toEqual([]);
    expect(result.assets.map((a) => a.row)).toEqual(["components[0]", "components[1]"]);
    expect(result.assets[0]!.asset).toMatchObject({ sha256: A, licence: "MIT", supplier: "JNR", otherDigests: [{ algorithm: "SHA_1", value: SHA1 }] });
    expect(result.merged).toEqual([
      { row: "components[2]", into: "components[0]", message: "Listed again (same kind, name, version and digests as components[0]): merged." },
    ]);
  });

  it("says which fields differed when merging, keeping the first entry's values", () => {
    const result = mergeDuplicateEntries([
      { row: "components[0]", asset: asset({ licence: "MIT" }) },
      { row: "components[1]", asset: asset({ licence: "Apache-2.0" }) },
    ]);
    expect(result.assets[0]!.asset.licence).toBe("MIT");
    expect(result.merged[0]!.message).toMatch(/It differs in licence; the values of components\[0\] were kept\.$/);
  });

  it("treats a missing version as one value when merging", () => {
    const result = mergeDuplicateEntries([
      { row: "components[0]", asset: asset({ version: null }) },
      { row: "components[1]", asset: asset({ version: null }) },
    ]);
    expect(result.assets).toHaveLength(1);
    expect(result.merged).toHaveLength(1);
  });

  it("refuses entries with the same coordinates and different digests, each naming the others", () => {
    const result = mergeDuplicateEntries([
      { row: "components[0]", asset: asset({ sha256: A }) },
      { row: "components[1]", asset: asset({ sha256: B }) },
    ]);
    expect(result.assets).toEqual([]);
    expect(result.merged).toEqual([]);
    expect(result.conflicts).toEqual([
      { row: "components[0]", field: "hashes", message: expect.stringMatching(/^Same kind, name and version as components\[1\] but a different SHA-256 digest \(aaaaaaaaaaaa… vs bbbbbbbbbbbb…\)/) },
      { row: "components[1]", field: "hashes", message: expect.stringMatching(/^Same kind, name and version as components\[0\]/) },
    ]);
    const other = mergeDuplicateEntries([
      { row: "components[0]", asset: asset({ sha256: null, otherDigests: [{ algorithm: "SHA_1", value: SHA1 }] }) },
      { row: "components[1]", asset: asset({ sha256: null, otherDigests: [{ algorithm: "SHA_1", value: "d".repeat(40) }] }) },
    ]);
    expect(other.conflicts[0]!.message).toMatch(/different SHA-1 digest/);
  });
});
