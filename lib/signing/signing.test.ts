import { execFileSync } from "node:child_process";
import { createPublicKey, verify } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dsseEnvelope, openDsseEnvelope, pae } from "./dsse";
import { inTotoStatement, IN_TOTO_STATEMENT_TYPE } from "./in-toto";
import { decryptPrivateKey, ed25519Sign, fingerprintOf, generateKeyMaterial, keyEncryptionKey, keyIdOf } from "./key-material";

const env = { AUTH_SECRET: "unit-test-auth-secret-0123456789abcdefghij" };
const material = generateKeyMaterial(keyEncryptionKey(env));
const privateKey = decryptPrivateKey(material, keyEncryptionKey(env));
const signer = { keyId: material.keyId, sign: (bytes: Uint8Array) => ed25519Sign(privateKey, bytes) };
const dir = mkdtempSync(path.join(tmpdir(), "aigov-sign-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("[SIGNING] DSSE pre-authentication encoding", () => {
  it("matches the DSSE v1 spec's test vector byte for byte", () => {
    expect(pae("http://example.com/HelloWorld", Buffer.from("hello world")).toString("binary")).toBe("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  });

  it("counts bytes, not characters, for non-ASCII types and payloads", () => {
    const bytes = pae("application/é", Buffer.from("ü", "utf8"));
    expect(bytes.equals(Buffer.concat([Buffer.from("DSSEv1 14 application/"), Buffer.from("é"), Buffer.from(" 2 "), Buffer.from("ü")]))).toBe(true);
    expect(pae("t", new Uint8Array()).toString()).toBe("DSSEv1 1 t 0 ");
  });
});

describe("[SIGNING] Ed25519 DSSE signatures", () => {
  const payload = Buffer.from(JSON.stringify({ hello: "world", n: 1 }));
  const envelope = dsseEnvelope("application/vnd.in-toto+json", payload, signer);
  const publicKey = createPublicKey(material.publicKeyPem);

  it("signs the PAE bytes; node:crypto verifies, and refuses a changed payload or type", () => {
    expect(envelope.signatures).toHaveLength(1);
    expect(envelope.signatures[0]!.keyid).toBe(material.keyId);
    const sig = Buffer.from(envelope.signatures[0]!.sig, "base64");
    expect(sig).toHaveLength(64);
    expect(verify(null, pae(envelope.payloadType, payload), publicKey, sig)).toBe(true);
    expect(verify(null, payload, publicKey, sig)).toBe(false);
    const check = (data: Buffer, s: Buffer) => verify(null, data, publicKey, s);
    expect(openDsseEnvelope(envelope, material.keyId, check)?.equals(payload)).toBe(true);
    expect(openDsseEnvelope({ ...envelope, payloadType: "text/plain" }, material.keyId, check)).toBeNull();
    expect(openDsseEnvelope({ ...envelope, payload: Buffer.from('{"hello":"mallory"}').toString("base64") }, material.keyId, check)).toBeNull();
    expect(openDsseEnvelope(envelope, "another-key", check)).toBeNull();
  });

  it("verifies with the openssl command line (pkeyutl -verify -rawin), and openssl refuses a tampered payload", () => {
    writeFileSync(path.join(dir, "key.pem"), material.publicKeyPem);
    writeFileSync(path.join(dir, "sig.bin"), Buffer.from(envelope.signatures[0]!.sig, "base64"));
    writeFileSync(path.join(dir, "pae.bin"), pae(envelope.payloadType, payload));
    writeFileSync(path.join(dir, "bad.bin"), pae(envelope.payloadType, Buffer.from(payload.toString().replace("world", "earth"))));
    const run = (file: string) =>
      execFileSync("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", "key.pem", "-rawin", "-in", file, "-sigfile", "sig.bin"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(run("pae.bin")).toContain("Signature Verified Successfully");
    expect(() => run("bad.bin")).toThrow();
  });

  it("the key id is the SHA-256 of the DER public key, as openssl computes it", () => {
    writeFileSync(path.join(dir, "id.pem"), material.publicKeyPem);
    const der = execFileSync("openssl", ["pkey", "-pubin", "-in", "id.pem", "-outform", "DER"], { cwd: dir });
    const digest = execFileSync("openssl", ["dgst", "-sha256", "-r"], { input: der, encoding: "utf8" }).split(" ")[0];
    expect(digest).toBe(material.keyId);
    expect(keyIdOf(publicKey)).toBe(material.keyId);
    expect(fingerprintOf(material.keyId)).toMatch(/^SHA256:([0-9a-f]{4}:){15}[0-9a-f]{4}$/);
  });
});

describe("[SIGNING] private key at rest", () => {
  it("is stored only encrypted: no PKCS#8 bytes in the stored blob, and it decrypts only under the same secret and key id", () => {
    const der = privateKey.export({ type: "pkcs8", format: "der" });
    expect(material.encryptedPrivateKey.includes(der.subarray(16))).toBe(false);
    expect(() => decryptPrivateKey(material, keyEncryptionKey({ AUTH_SECRET: "another-auth-secret-0123456789abcdefghijkl" }))).toThrow(/cannot be decrypted.*AUTH_SECRET.*rotate/);
    expect(() => decryptPrivateKey({ ...material, keyId: "0".repeat(64) }, keyEncryptionKey(env))).toThrow(/cannot be decrypted/);
  });

  it("uses SIGNING_KEY_SECRET when set, and names the mismatch when the source changed", () => {
    const dedicated = keyEncryptionKey({ ...env, SIGNING_KEY_SECRET: "dedicated-signing-secret-0123456789abcdef" });
    expect(dedicated.source).toBe("SIGNING_KEY_SECRET");
    expect(dedicated.key.equals(keyEncryptionKey(env).key)).toBe(false);
    expect(() => decryptPrivateKey(material, dedicated)).toThrow(/encrypted under AUTH_SECRET, but SIGNING_KEY_SECRET is in use now/);
    expect(() => keyEncryptionKey({})).toThrow(/AUTH_SECRET/);
  });
});

describe("[SIGNING] in-toto Statement v1", () => {
  it("has the v1 type, copies subjects and refuses subjects without hex digests", () => {
    const st = inTotoStatement([{ name: "model.safetensors", digest: { sha256: "ab".repeat(32) } }], "https://example.test/p/v1", { ok: true });
    expect(st).toEqual({ _type: IN_TOTO_STATEMENT_TYPE, subject: [{ name: "model.safetensors", digest: { sha256: "ab".repeat(32) } }], predicateType: "https://example.test/p/v1", predicate: { ok: true } });
    expect(IN_TOTO_STATEMENT_TYPE).toBe("https://in-toto.io/Statement/v1");
    expect(() => inTotoStatement([], "x", {})).toThrow(/at least one subject/);
    expect(() => inTotoStatement([{ name: "a", digest: {} }], "x", {})).toThrow(/no digest/);
    expect(() => inTotoStatement([{ name: "a", digest: { sha256: "XYZ" } }], "x", {})).toThrow(/malformed/);
  });
});
