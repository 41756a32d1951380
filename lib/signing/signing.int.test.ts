import { createPublicKey, verify } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/create-client";
import { createPrismaClient } from "@/lib/db/create-client";
import { useTestDatabase } from "@/test/db";
import { createActor } from "@/test/factories";
import { privateKeyForms } from "@/test/private-key-forms";
import { dsseEnvelope, getSigningKey, listPublicKeys, pae, rotateSigningKey } from "./index";

const state = vi.hoisted(() => ({ db: null as Db | null }));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs({ actor: null }));

const keysRoute = await import("@/app/api/v1/keys/route");
const t = useTestDatabase();

describe("[SIGNING] instance key in the database", () => {
  it("several instances asking at once create exactly one active key, audited once", async () => {
    const clients = [0, 1, 2, 3].map(() => createPrismaClient(t.url, 2));
    try {
      const keys = await Promise.all(clients.map((c) => getSigningKey(c)));
      expect(new Set(keys.map((k) => k.keyId)).size).toBe(1);
      expect(await t.db.signingKey.count()).toBe(1);
      expect(await t.db.auditEvent.count({ where: { action: "signing_key.created" } })).toBe(1);
      const sig = keys[0]!.sign(Buffer.from("x"));
      expect(verify(null, Buffer.from("x"), createPublicKey(keys[3]!.publicKeyPem), sig)).toBe(true);
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
  });

  it("a second active key is refused by the database itself", async () => {
    const row = await t.db.signingKey.findFirstOrThrow();
    await expect(t.db.signingKey.create({ data: { ...row, id: "f".repeat(64) } })).rejects.toThrow();
  });

  it("rotation retires the old key (still listed with dates) and signs with the new one; refuses non-admins and stale confirmations", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const before = await getSigningKey(t.db);
    await expect(rotateSigningKey({ actor: reviewer, db: t.db }, before.keyId)).rejects.toThrow(/permission|not allowed|may not/i);
    const rotated = await rotateSigningKey({ actor: admin, db: t.db }, before.keyId);
    await expect(rotateSigningKey({ actor: admin, db: t.db }, before.keyId)).rejects.toMatchObject({ status: 409 });
    const after = await getSigningKey(t.db);
    expect(after.keyId).toBe(rotated.keyId);
    expect(after.keyId).not.toBe(before.keyId);
    const list = await listPublicKeys(t.db);
    expect(list.map((k) => [k.keyId, k.status])).toEqual([
      [after.keyId, "active"],
      [before.keyId, "retired"],
    ]);
    expect(list[1]!.retiredAt).not.toBeNull();
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "signing_key.rotated" } });
    expect(event.actorId).toBe(admin.id);
    expect(event.summary).toMatchObject({ retiredKeyId: before.keyId, fingerprint: after.fingerprint });
    const envelope = dsseEnvelope("text/plain", Buffer.from("hi"), after);
    expect(verify(null, pae("text/plain", Buffer.from("hi")), createPublicKey(after.publicKeyPem), Buffer.from(envelope.signatures[0]!.sig, "base64"))).toBe(true);
  });

  it("GET /api/v1/keys lists public keys without a token and never any private material", async () => {
    state.db = t.db;
    const res = await keysRoute.GET(new Request("http://localhost/api/v1/keys"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { keys: { keyId: string; fingerprint: string; publicKeyPem: string; status: string }[] };
    expect(body.keys).toHaveLength(2);
    expect(body.keys[0]).toMatchObject({ status: "active", publicKeyPem: expect.stringContaining("BEGIN PUBLIC KEY") });
    const forms = await privateKeyForms(t.db);
    expect(forms.length).toBeGreaterThan(8);
    for (const form of forms) expect(text).not.toContain(form);
    expect(text).not.toMatch(/PRIVATE KEY|encryptedPrivateKey|secretSource/);
  });
});
