import type { Tx } from "@/lib/service-context";

/**
 * Every PostgreSQL advisory lock key the product takes, in one place, so two unrelated
 * critical sections never share a key by accident. Keys are 64-bit integers; ours live in
 * the 724_000 block. Add new keys here, never inline.
 */
export const LOCK_KEYS = {
  /** Serialises audit appends so two transactions never fork the hash chain. */
  auditChain: 724_001,
  /** First-run bootstrap: the first admin is created once even with several instances. */
  bootstrap: 724_002,
  /** Publishing an admin-uploaded control library version. */
  libraryPublish: 724_003,
  /** Seeding the control library versions shipped with a release. */
  librarySeed: 724_004,
  /** Demoting or disabling an admin: "at least one active admin remains" is decided under it. */
  lastAdmin: 724_005,
  /** Allocating a system slug (keyed by the slug's base, see `lockKeyedForTransaction`). */
  systemSlug: 724_006,
  /** Creating or rotating the instance signing key: one active key even with several instances. */
  signingKey: 724_031,
  /** Folding gate checks into the audit chain: one fold at a time. */
  gateFold: 724_032,
  /**
   * Approval requests of one system and every change that can make them stale (keyed by the
   * system id, see lib/approvals/access.ts `lockSystemApprovals`).
   */
  approvalSystem: 724_007,
} as const;

export type LockName = keyof typeof LOCK_KEYS;

/**
 * Takes a transaction-scoped advisory lock (released at commit or rollback). Waits while
 * another transaction holds it.
 */
export async function lockForTransaction(tx: Tx, name: LockName): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEYS[name]}::bigint)`;
}

/**
 * Takes a transaction-scoped advisory lock on one value within a named key (e.g. one slug base):
 * callers with different values do not wait for each other. Uses PostgreSQL's two-integer
 * lock space (`hashtext(value)`), which never overlaps the single-key locks above.
 */
export async function lockKeyedForTransaction(tx: Tx, name: LockName, value: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEYS[name]}::int, hashtext(${value}))`;
}

/** Tables whose rows services lock before a read that decides a write. */
const LOCKABLE_TABLES = ["AiSystem", "Asset", "Checklist", "ChecklistItem", "User", "ApiToken", "Incident", "IncidentNotification", "ApprovalRequest", "Webhook"] as const;
export type LockableTable = (typeof LOCKABLE_TABLES)[number];

/**
 * Locks rows for the rest of the transaction (`SELECT … FOR UPDATE`), in id order so two
 * transactions locking overlapping sets cannot deadlock. Another transaction that locks or
 * writes the same rows waits until this one ends, so a check made after this call still holds
 * at commit. Ids that do not exist are ignored.
 *
 * @returns the ids that exist (and are now locked).
 */
export async function lockRows(tx: Tx, table: LockableTable, ids: readonly string[]): Promise<string[]> {
  if (!LOCKABLE_TABLES.includes(table)) throw new Error(`lockRows: ${table} is not lockable`);
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) return [];
  // The table name comes from the closed list above, never from input.
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "${table}" WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, unique);
  return rows.map((r) => r.id);
}
