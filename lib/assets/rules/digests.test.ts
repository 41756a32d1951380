import { describe, expect, it } from "vitest";
import { findAssetsMissingDigest, formatDigestList, normaliseSha256, parseDigestAlgorithm, parseDigestList } from "./digests";

const DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const SHA1 = "861b79314b8cef27f506c007edb78bf1ad0df77c";
const SHA512 = "1af68694bcead74cedce28c1ffd6efd3c96b733830433450605e251d01150d41e7396a6d3b85cfee1d616aeb433425c8c0c64c4b8c35d8e3c5e5c2dd56b6f8f2";

describe("[ASSETS] digests", () => {
  it("normalises SHA-256 digests to lower-case bare hex", () => {
    expect(normaliseSha256(DIGEST.toUpperCase())).toBe(DIGEST);
    expect(normaliseSha256(`sha256:${DIGEST}`)).toBe(DIGEST);
    expect(normaliseSha256(`  SHA256:${DIGEST.toUpperCase()} `)).toBe(DIGEST);
    expect(normaliseSha256(DIGEST.slice(1))).toBeNull();
    expect(normaliseSha256(`${DIGEST.slice(1)}g`)).toBeNull();
    expect(normaliseSha256(`md5:${DIGEST}`)).toBeNull();
  });

  it("reads CycloneDX algorithm names loosely and keeps SHA-256 apart", () => {
    expect(parseDigestAlgorithm("SHA-512")).toEqual({ algorithm: "SHA_512" });
    expect(parseDigestAlgorithm("sha512")).toEqual({ algorithm: "SHA_512" });
    expect(parseDigestAlgorithm("SHA_512")).toEqual({ algorithm: "SHA_512" });
    expect(parseDigestAlgorithm("SHA3-256")).toEqual({ algorithm: "SHA3_256" });
    expect(parseDigestAlgorithm("BLAKE2b-256")).toEqual({ algorithm: "BLAKE2B_256" });
    expect(parseDigestAlgorithm("SHA-256")).toEqual({ sha256: true });
    expect(parseDigestAlgorithm("CRC32")).toEqual({ unknown: "CRC32" });
  });

  it("parses a digest list from text or objects, sorted, lower-cased, repeats dropped", () => {
    const text = `SHA-512:${SHA512.toUpperCase()}; sha1=${SHA1}\nSHA-1 ${SHA1}`;
    expect(parseDigestList(text)).toEqual({
      digests: [
        { algorithm: "SHA_1", value: SHA1 },
        { algorithm: "SHA_512", value: SHA512 },
      ],
      problems: [],
    });
    expect(parseDigestList([{ algorithm: "SHA-1", value: SHA1 }]).digests).toEqual([{ algorithm: "SHA_1", value: SHA1 }]);
    expect(parseDigestList("").digests).toEqual([]);
  });

  it("names every problem in a digest list", () => {
    expect(parseDigestList(`SHA-1:${SHA1.slice(2)}`).problems).toEqual(["The SHA-1 digest must be 40 hexadecimal characters."]);
    expect(parseDigestList(`SHA-256:${DIGEST}`).problems).toEqual(["SHA-256 has its own field (sha256); list only other algorithms here."]);
    expect(parseDigestList(`CRC32:abcd`).problems[0]).toMatch(/^Unknown digest algorithm "CRC32"\. Use MD5, SHA-1, SHA-384/);
    expect(parseDigestList(`just-a-word`).problems).toEqual(['"just-a-word" is not "ALGORITHM:hex" (e.g. SHA-512:9b71…).']);
    expect(parseDigestList(`SHA-1:${SHA1};SHA-1:${"a".repeat(40)}`).problems).toEqual([`Two different SHA-1 digests: ${SHA1} and ${"a".repeat(40)}.`]);
  });

  it("formats digests for CSV cells in algorithm order and reads them back", () => {
    const digests = [
      { algorithm: "SHA_512" as const, value: SHA512 },
      { algorithm: "SHA_1" as const, value: SHA1 },
    ];
    const text = formatDigestList(digests);
    expect(text).toBe(`SHA-1:${SHA1};SHA-512:${SHA512}`);
    expect(parseDigestList(text).digests).toEqual([...digests].reverse());
  });
});

describe("[ASSETS] gate rule: every MODEL and DATASET has a SHA-256 digest", () => {
  it("lists models and datasets without a SHA-256, saying when other digests exist", () => {
    const assets = [
      { id: "m1", kind: "MODEL" as const, sha256: DIGEST },
      { id: "m2", kind: "MODEL" as const, sha256: null },
      { id: "d1", kind: "DATASET" as const, sha256: null, otherDigests: [{ algorithm: "SHA_512" as const, value: SHA512 }, { algorithm: "SHA_1" as const, value: SHA1 }] },
      { id: "p1", kind: "PROMPT" as const, sha256: null },
      { id: "l1", kind: "LIBRARY" as const, sha256: null },
    ];
    expect(findAssetsMissingDigest(assets).map(({ asset, reason }) => [asset.id, reason])).toEqual([
      ["m2", "no SHA-256 digest recorded"],
      ["d1", "only SHA-1, SHA-512 recorded; approval needs a SHA-256 digest"],
    ]);
    expect(findAssetsMissingDigest([])).toEqual([]);
    expect(findAssetsMissingDigest([assets[0]!, assets[3]!])).toEqual([]);
  });
});
