import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { setSystemArchived } from "@/lib/systems/archive-system";
import { createSystem } from "@/lib/systems/create-system";
import { useTestDatabase } from "@/test/db";
import { actorOf, createActor, createUser, systemInput } from "@/test/factories";
import { createAsset } from "./create-asset";
import { deleteAsset } from "./delete-asset";
import { getAsset, listAssets } from "./queries";
import { SECRET_MESSAGE } from "./rules/secrets";
import { updateAsset } from "./update-asset";

const t = useTestDatabase();
const DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

async function ownedSystem(overrides: Record<string, unknown> = {}) {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  const system = await createSystem({ actor: owner, db: t.db }, systemInput(overrides));
  return { owner, system };
}

const modelInput = (overrides: Record<string, unknown> = {}) => ({
  kind: "MODEL",
  name: "claims-summariser",
  version: "1.2.0",
  supplier: "Internal ML team",
  sha256: `sha256:${DIGEST.toUpperCase()}`,
  notes: "Fine-tuned on historic claims.",
  ...overrides,
});

/** A client whose transactions fail when they try to write the audit event. */
function failingAuditDb(db: Db): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "$transaction") return Reflect.get(target, prop, receiver);
      return (fn: (tx: unknown) => Promise<unknown>, opts?: unknown) =>
        target.$transaction(
          (tx) =>
            fn(
              new Proxy(tx, {
                get(txTarget, txProp, txReceiver) {
                  if (txProp !== "auditEvent") return Reflect.get(txTarget, txProp, txReceiver);
                  return { ...txTarget.auditEvent, findFirst: txTarget.auditEvent.findFirst, create: () => Promise.reject(new Error("audit store down")) };
                },
              }),
            ),
          opts as never,
        );
    },
  });
}

async function auditActions(entityId: string) {
  return (await t.db.auditEvent.findMany({ where: { entityId }, orderBy: { id: "asc" } })).map((e) => e.action);
}

describe("[ASSETS] create, update, delete against PostgreSQL", () => {
  it("a product owner adds an asset to their system; the digest is normalised and the change audited", async () => {
    const { owner, system } = await ownedSystem();
    const asset = await createAsset({ actor: owner, db: t.db }, system.id, modelInput());
    expect(asset).toMatchObject({ systemId: system.id, kind: "MODEL", sha256: DIGEST, rowVersion: 1, dueDiligence: "NOT_STARTED" });
    expect(typeof asset.createdAt).toBe("string");
    const [event] = await t.db.auditEvent.findMany({ where: { entityId: asset.id } });
    expect(event).toMatchObject({ action: "asset.created", entityType: "Asset", actorId: owner.id });
    expect(event!.summary).toMatchObject({ systemId: system.id, kind: "MODEL", name: "claims-summariser", version: "1.2.0" });

    const list = await listAssets({ actor: owner, db: t.db }, system.id);
    expect(list.map((a) => a.id)).toEqual([asset.id]);
    expect(await listAssets({ actor: owner, db: t.db }, system.id, { kind: "DATASET" })).toEqual([]);
  });

  it("the asset and its audit event are written in one transaction: no audit, no asset", async () => {
    const { owner, system } = await ownedSystem();
    const error = await createAsset({ actor: owner, db: failingAuditDb(t.db) }, system.id, modelInput()).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/audit store down/);
    expect(await t.db.asset.count({ where: { systemId: system.id } })).toBe(0);
  });

  it("reviewers and auditors read assets but cannot change them", async () => {
    const { owner, system } = await ownedSystem();
    const asset = await createAsset({ actor: owner, db: t.db }, system.id, modelInput());
    for (const role of ["AUDITOR", "SECURITY_REVIEWER"] as const) {
      const actor = await createActor(t.db, role);
      expect((await getAsset({ actor, db: t.db }, asset.id)).can.edit).toBe(false);
      await expect(createAsset({ actor, db: t.db }, system.id, modelInput({ name: "x" }))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateAsset({ actor, db: t.db }, asset.id, { name: "x", expectedVersion: 1 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(deleteAsset({ actor, db: t.db }, asset.id, { expectedVersion: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await t.db.asset.findUniqueOrThrow({ where: { id: asset.id } })).toMatchObject({ name: "claims-summariser", rowVersion: 1 });
  });

  it("a product owner who does not own the system gets 'not found' for every asset operation", async () => {
    const { owner, system } = await ownedSystem();
    const asset = await createAsset({ actor: owner, db: t.db }, system.id, modelInput());
    const stranger = { actor: await createActor(t.db, "PRODUCT_OWNER"), db: t.db };
    await expect(createAsset(stranger, system.id, modelInput({ name: "other" }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateAsset(stranger, asset.id, { name: "hijacked", expectedVersion: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteAsset(stranger, asset.id, { expectedVersion: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAsset(stranger, asset.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listAssets(stranger, system.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.db.asset.count({ where: { systemId: system.id } })).toBe(1);
  });

  it("contributors and admins may change a system's assets", async () => {
    const helper = await createUser(t.db, "PRODUCT_OWNER");
    const { system } = await ownedSystem({ contributorIds: [helper.id] });
    const asset = await createAsset({ actor: actorOf(helper), db: t.db }, system.id, modelInput());
    const admin = await createActor(t.db, "ADMIN");
    const updated = await updateAsset({ actor: admin, db: t.db }, asset.id, { dueDiligence: "APPROVED", expectedVersion: 1 });
    expect(updated).toMatchObject({ dueDiligence: "APPROVED", rowVersion: 2, can: { edit: true } });
  });

  it("an update changes only the fields sent, bumps the version and audits what changed", async () => {
    const { owner, system } = await ownedSystem();
    const ctx = { actor: owner, db: t.db };
    const asset = await createAsset(ctx, system.id, modelInput());
    const updated = await updateAsset(ctx, asset.id, { version: "1.3.0", licence: "Proprietary", expectedVersion: asset.rowVersion });
    expect(updated).toMatchObject({ version: "1.3.0", licence: "Proprietary", supplier: "Internal ML team", sha256: DIGEST, rowVersion: 2 });
    const events = await t.db.auditEvent.findMany({ where: { entityId: asset.id, action: "asset.updated" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toEqual({
      systemId: system.id,
      kind: "MODEL",
      name: "claims-summariser",
      changes: { version: { from: "1.2.0", to: "1.3.0" }, licence: { from: null, to: "Proprietary" } },
    });
  });

  it("audit summaries never carry long notes", async () => {
    const { owner, system } = await ownedSystem();
    const ctx = { actor: owner, db: t.db };
    const asset = await createAsset(ctx, system.id, modelInput());
    await updateAsset(ctx, asset.id, { notes: "Long note. ".repeat(100), expectedVersion: 1 });
    const [event] = await t.db.auditEvent.findMany({ where: { entityId: asset.id, action: "asset.updated" } });
    const to = (event!.summary as { changes: { notes: { to: string } } }).changes.notes.to;
    expect(to.length).toBeLessThanOrEqual(201);
    expect(to.endsWith("…")).toBe(true);
  });

  it("changing the kind clears fields the new kind cannot have, unless they are sent", async () => {
    const { owner, system } = await ownedSystem();
    const ctx = { actor: owner, db: t.db };
    const tool = await createAsset(ctx, system.id, {
      kind: "TOOL_CONNECTOR",
      name: "crm",
      capabilities: ["SEND_MESSAGES"],
      credentialType: "SERVICE_ACCOUNT",
      humanApprovalRequired: true,
    });
    const library = await updateAsset(ctx, tool.id, { kind: "LIBRARY", expectedVersion: 1 });
    expect(library).toMatchObject({ kind: "LIBRARY", capabilities: [], credentialType: null, humanApprovalRequired: null });
    const refused = await updateAsset(ctx, tool.id, { kind: "MODEL", capabilities: ["SEND_MESSAGES"], expectedVersion: 2 }).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(Object.keys((refused as ValidationError).fieldErrors)).toEqual(["capabilities"]);
  });

  it("a stale update is refused with the current asset, and nothing changes", async () => {
    const { owner, system } = await ownedSystem();
    const helper: Actor = await createActor(t.db, "ADMIN");
    const opened = await createAsset({ actor: owner, db: t.db }, system.id, modelInput());
    await updateAsset({ actor: helper, db: t.db }, opened.id, { version: "2.0.0", expectedVersion: opened.rowVersion });
    const conflict = await updateAsset({ actor: owner, db: t.db }, opened.id, { version: "1.9.9", notes: "mine", expectedVersion: opened.rowVersion }).catch((e) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ConflictError).current).toMatchObject({ id: opened.id, version: "2.0.0", rowVersion: 2 });
    expect(await t.db.asset.findUniqueOrThrow({ where: { id: opened.id } })).toMatchObject({ version: "2.0.0", notes: "Fine-tuned on historic claims.", rowVersion: 2 });
    expect(await auditActions(opened.id)).toEqual(["asset.created", "asset.updated"]);
  });

  it("secret-looking values are refused with a field error and nothing is written", async () => {
    const { owner, system } = await ownedSystem();
    const ctx = { actor: owner, db: t.db };
    const auditBefore = await t.db.auditEvent.count();
    const error = await createAsset(ctx, system.id, {
      kind: "CREDENTIAL",
      name: "openai key",
      secretLocation: "sk-proj-Abc123def456GHI789jkl012mno345",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ secretLocation: [SECRET_MESSAGE] });

    const ok = await createAsset(ctx, system.id, { kind: "CREDENTIAL", name: "openai key", secretLocation: "vault://kv/prod/openai", rotationDays: 30 });
    const edit = await updateAsset(ctx, ok.id, { notes: "-----BEGIN RSA PRIVATE KEY-----", expectedVersion: 1 }).catch((e) => e);
    expect((edit as ValidationError).fieldErrors).toEqual({ notes: [SECRET_MESSAGE] });
    expect(await t.db.asset.findUniqueOrThrow({ where: { id: ok.id } })).toMatchObject({ notes: null, rowVersion: 1 });
    expect(await t.db.auditEvent.count()).toBe(auditBefore + 1);
  });

  it("a second asset with the same kind, name and version is refused, with or without a version", async () => {
    const { owner, system } = await ownedSystem();
    const ctx = { actor: owner, db: t.db };
    await createAsset(ctx, system.id, modelInput());
    const dup = await createAsset(ctx, system.id, modelInput({ sha256: "" })).catch((e) => e);
    expect(dup).toBeInstanceOf(ValidationError);
    expect((dup as ValidationError).fieldErrors.name![0]).toMatch(/already exists/);

    await createAsset(ctx, system.id, { kind: "PROMPT", name: "system prompt" });
    await expect(createAsset(ctx, system.id, { kind: "PROMPT", name: "system prompt", version: "" })).rejects.toThrow(/already exists/);
    // Same name as another kind, or another version, is a different asset.
    await createAsset(ctx, system.id, { kind: "EVAL_SUITE", name: "system prompt" });
    const v2 = await createAsset(ctx, system.id, modelInput({ version: "2.0.0" }));
    await expect(updateAsset(ctx, v2.id, { version: "1.2.0", expectedVersion: 1 })).rejects.toThrow(/already exists/);
  });

  it("20 parallel creates of one unversioned asset make exactly one; the others get the duplicate field error", async () => {
    const { owner, system } = await ownedSystem();
    const ctx = { actor: owner, db: t.db };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => createAsset(ctx, system.id, { kind: "MODEL", name: "gpt-4o" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(r.reason).toBeInstanceOf(ValidationError);
      expect((r.reason as ValidationError).status).toBe(422);
      expect((r.reason as ValidationError).fieldErrors).toEqual({ name: ["An asset of this kind with this name and version already exists."] });
    }
    expect(await t.db.asset.count({ where: { systemId: system.id } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: "asset.created", summary: { path: ["systemId"], equals: system.id } } })).toBe(1);
  });

  it("the database itself refuses a second unversioned asset (NULLS NOT DISTINCT), whatever the service checks", async () => {
    const { system } = await ownedSystem();
    await t.db.asset.create({ data: { systemId: system.id, kind: "DATASET", name: "faq" } });
    await expect(t.db.asset.create({ data: { systemId: system.id, kind: "DATASET", name: "faq" } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("other digests are kept with their algorithm, edited as a list, and removed with the asset", async () => {
    const { owner, system } = await ownedSystem();
    const ctx = { actor: owner, db: t.db };
    const sha1 = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3";
    const sha512 = "ee".repeat(64);
    const created = await createAsset(ctx, system.id, modelInput({ otherDigests: `SHA-512:${sha512}\nSHA-1:${sha1.toUpperCase()}` }));
    expect(created.otherDigests).toEqual([
      { algorithm: "SHA_1", value: sha1 },
      { algorithm: "SHA_512", value: sha512 },
    ]);
    const updated = await updateAsset(ctx, created.id, { otherDigests: `SHA-1:${sha1}`, expectedVersion: 1 });
    expect(updated.otherDigests).toEqual([{ algorithm: "SHA_1", value: sha1 }]);
    const [event] = await t.db.auditEvent.findMany({ where: { action: "asset.updated", entityId: created.id } });
    expect(event!.summary).toMatchObject({ changes: { otherDigests: { from: [{ algorithm: "SHA_1", value: sha1 }, { algorithm: "SHA_512", value: sha512 }], to: [{ algorithm: "SHA_1", value: sha1 }] } } });
    // A patch that does not mention them keeps them.
    expect((await updateAsset(ctx, created.id, { notes: "n", expectedVersion: 2 })).otherDigests).toHaveLength(1);
    await deleteAsset(ctx, created.id, { expectedVersion: 3 });
    expect(await t.db.assetDigest.count({ where: { assetId: created.id } })).toBe(0);
  });

  it("assets of an archived system are frozen", async () => {
    const { owner, system } = await ownedSystem();
    const ctx = { actor: owner, db: t.db };
    const asset = await createAsset(ctx, system.id, modelInput());
    await setSystemArchived(ctx, system.id, { archived: true, expectedVersion: system.rowVersion });
    await expect(createAsset(ctx, system.id, modelInput({ name: "new" }))).rejects.toThrow(/archived/);
    await expect(updateAsset(ctx, asset.id, { name: "renamed", expectedVersion: 1 })).rejects.toThrow(/archived/);
    await expect(deleteAsset(ctx, asset.id, { expectedVersion: 1 })).rejects.toThrow(/archived/);
    expect((await getAsset(ctx, asset.id)).can.edit).toBe(false);
  });

  it("delete removes the asset and audits it; a stale delete is refused and keeps it", async () => {
    const { owner, system } = await ownedSystem();
    const ctx = { actor: owner, db: t.db };
    const keep = await createAsset(ctx, system.id, modelInput());
    await updateAsset(ctx, keep.id, { version: "1.2.1", expectedVersion: 1 });
    const stale = await deleteAsset(ctx, keep.id, { expectedVersion: 1 }).catch((e) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).current).toMatchObject({ id: keep.id, rowVersion: 2 });
    expect(await t.db.asset.count({ where: { id: keep.id } })).toBe(1);

    await expect(deleteAsset(ctx, keep.id, {})).rejects.toBeInstanceOf(ValidationError);
    expect(await deleteAsset(ctx, keep.id, { expectedVersion: 2 })).toEqual({ id: keep.id, deleted: true });
    expect(await t.db.asset.count({ where: { id: keep.id } })).toBe(0);
    expect(await auditActions(keep.id)).toEqual(["asset.created", "asset.updated", "asset.deleted"]);
    await expect(getAsset(ctx, keep.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
