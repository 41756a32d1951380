import "server-only";
import type { KeyObject } from "node:crypto";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/policy";
import { appendAudit } from "@/lib/audit/append";
import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db/create-client";
import { lockForTransaction } from "@/lib/db/locks";
import { ConflictError } from "@/lib/errors";
import { withTransaction, type DbOrTx, type ServiceContext, type Tx } from "@/lib/service-context";
import { decryptPrivateKey, ed25519Sign, fingerprintOf, generateKeyMaterial, keyEncryptionKey, type SigningSecrets } from "./key-material";

/**
 * The instance's active signing key, as callers see it: never the private key itself, only a
 * function that signs with it.
 */
export type InstanceSigningKey = {
  /** Lower-case hex SHA-256 of the DER public key (the DSSE `keyid`). */
  keyId: string;
  /** `SHA256:abcd:ef01:…` (the key id, grouped for reading aloud). */
  fingerprint: string;
  publicKeyPem: string;
  /** Ed25519 signature (64 bytes) over `bytes`. */
  sign(bytes: Uint8Array): Buffer;
};

/** A public key as listed at /api/v1/keys and on the settings page. */
export type PublicKeyInfo = {
  keyId: string;
  fingerprint: string;
  algorithm: string;
  publicKeyPem: string;
  status: "active" | "retired";
  activatedAt: string;
  retiredAt: string | null;
};

const ACTIVE = 1;
const PUBLIC_COLUMNS = { id: true, algorithm: true, publicKeyPem: true, activatedAt: true, retiredAt: true } as const;
const SIGNING_COLUMNS = { id: true, publicKeyPem: true, encryptedPrivateKey: true, secretSource: true } as const;

/** Decrypted private keys by key id (a key id's ciphertext never changes), so signing costs no decryption. */
const decrypted = new Map<string, KeyObject>();

function secrets(): SigningSecrets {
  const cfg = getConfig();
  return { SIGNING_KEY_SECRET: cfg.SIGNING_KEY_SECRET, AUTH_SECRET: cfg.AUTH_SECRET };
}

function toSigningKey(row: { id: string; publicKeyPem: string; encryptedPrivateKey: Uint8Array; secretSource: string }, env: SigningSecrets): InstanceSigningKey {
  let privateKey = decrypted.get(row.id);
  if (!privateKey) {
    privateKey = decryptPrivateKey({ keyId: row.id, encryptedPrivateKey: row.encryptedPrivateKey, secretSource: row.secretSource }, keyEncryptionKey(env));
    decrypted.set(row.id, privateKey);
  }
  const key = privateKey;
  return { keyId: row.id, fingerprint: fingerprintOf(row.id), publicKeyPem: row.publicKeyPem, sign: (bytes) => ed25519Sign(key, bytes) };
}

function isTransaction(db: DbOrTx): db is Tx {
  return typeof (db as Partial<Db>).$transaction !== "function";
}

/** Inserts a new active key (the caller holds the signingKey lock and retired the previous one). */
async function insertKey(tx: Tx, env: SigningSecrets, createdById: string | null) {
  const material = generateKeyMaterial(keyEncryptionKey(env));
  return tx.signingKey.create({
    data: {
      id: material.keyId,
      publicKeyPem: material.publicKeyPem,
      encryptedPrivateKey: new Uint8Array(material.encryptedPrivateKey),
      secretSource: material.secretSource,
      activeSlot: ACTIVE,
      createdById,
    },
    select: SIGNING_COLUMNS,
  });
}

/**
 * The active instance signing key, created on first use (an Ed25519 pair, private half encrypted
 * at rest, audited as `signing_key.created` by the system). Safe with several app instances:
 * creation runs under an advisory lock and re-checks, and a unique index allows one active key.
 *
 * @param env the secrets to use (default: the app's configuration); tests pass their own.
 * @throws Error when no secret is configured or the stored key cannot be decrypted (changed
 *   secret: the message says how to recover, never shows key material).
 */
export async function getSigningKey(db: DbOrTx, env: SigningSecrets = secrets()): Promise<InstanceSigningKey> {
  const existing = await db.signingKey.findUnique({ where: { activeSlot: ACTIVE }, select: SIGNING_COLUMNS });
  if (existing) return toSigningKey(existing, env);
  const create = async (tx: Tx) => {
    await lockForTransaction(tx, "signingKey");
    const again = await tx.signingKey.findUnique({ where: { activeSlot: ACTIVE }, select: SIGNING_COLUMNS });
    if (again) return again;
    const row = await insertKey(tx, env, null);
    await appendAudit(tx, null, { action: "signing_key.created", entityType: "SigningKey", entityId: row.id, summary: { fingerprint: fingerprintOf(row.id), algorithm: "ed25519", reason: "first use" } });
    return row;
  };
  const row = isTransaction(db) ? await create(db) : await (db as Db).$transaction(create);
  return toSigningKey(row, env);
}

/** Every signing key's public half, active first, then retired ones newest first. Never private material. */
export async function listPublicKeys(db: DbOrTx): Promise<PublicKeyInfo[]> {
  const rows = await db.signingKey.findMany({ select: { ...PUBLIC_COLUMNS, activeSlot: true }, orderBy: [{ activatedAt: "desc" }, { id: "asc" }] });
  return rows
    .map((r) => ({
      keyId: r.id,
      fingerprint: fingerprintOf(r.id),
      algorithm: r.algorithm,
      publicKeyPem: r.publicKeyPem,
      status: r.activeSlot === ACTIVE ? ("active" as const) : ("retired" as const),
      activatedAt: r.activatedAt.toISOString(),
      retiredAt: r.retiredAt?.toISOString() ?? null,
    }))
    .sort((a, b) => (a.status === b.status ? 0 : a.status === "active" ? -1 : 1));
}

/**
 * Rotates the instance signing key: the active key is retired (its public key stays listed, so
 * attestations it signed still verify) and a new one becomes active. Admins only
 * (`settings:manage`); audited as `signing_key.rotated`.
 *
 * @param expectedKeyId the key the admin saw as active; if another admin rotated meanwhile the
 *   rotation is refused rather than repeated.
 * @throws ForbiddenError; ConflictError when `expectedKeyId` is no longer the active key.
 */
export async function rotateSigningKey(ctx: ServiceContext, expectedKeyId: string | null, env: SigningSecrets = secrets()): Promise<PublicKeyInfo> {
  assertCan(ctx.actor, "settings:manage");
  const actor: Actor = ctx.actor;
  return withTransaction(ctx, async ({ db: tx }) => {
    await lockForTransaction(tx, "signingKey");
    const current = await tx.signingKey.findUnique({ where: { activeSlot: ACTIVE }, select: { id: true } });
    if ((current?.id ?? null) !== expectedKeyId) {
      throw new ConflictError("The signing key was rotated by someone else meanwhile; reload to see the current key.", { activeKeyId: current?.id ?? null });
    }
    const now = new Date();
    if (current) await tx.signingKey.update({ where: { id: current.id }, data: { activeSlot: null, retiredAt: now } });
    const row = await insertKey(tx, env, actor.kind === "system" ? null : actor.id);
    await appendAudit(
      tx,
      actor,
      {
        action: "signing_key.rotated",
        entityType: "SigningKey",
        entityId: row.id,
        summary: { fingerprint: fingerprintOf(row.id), retiredKeyId: current?.id ?? null, retiredFingerprint: current ? fingerprintOf(current.id) : null },
      },
      ctx.meta,
    );
    const created = await tx.signingKey.findUniqueOrThrow({ where: { id: row.id }, select: PUBLIC_COLUMNS });
    return { keyId: created.id, fingerprint: fingerprintOf(created.id), algorithm: created.algorithm, publicKeyPem: created.publicKeyPem, status: "active", activatedAt: created.activatedAt.toISOString(), retiredAt: null };
  });
}

/**
 * The signing keys for the admin settings page (`settings:manage`): creates the first key if
 * none exists yet, so the page always shows the fingerprint attestations are signed with.
 * @throws ForbiddenError.
 */
export async function listSigningKeysFor(ctx: ServiceContext): Promise<PublicKeyInfo[]> {
  assertCan(ctx.actor, "settings:manage");
  await getSigningKey(ctx.db);
  return listPublicKeys(ctx.db);
}
