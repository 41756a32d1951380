/**
 * Pure hash-chain rules for the audit trail. Each event's hash is
 * SHA-256(previous hash + canonical JSON of its own content), so changing, removing or
 * reordering any stored event breaks every link after it.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/canonical-json";

export const GENESIS_HASH = "0".repeat(64);

export type AuditContent = {
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  /**
   * "user" | "token" | "system", and the token id or job name. Absent (null) on events written
   * before actor types existed; an absent member is left out of the hashed JSON, so those
   * events keep their hashes.
   */
  actorType?: string | null;
  actorRef?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  summary: unknown;
  requestMeta: unknown;
};


export function hashEvent(prevHash: string, content: AuditContent): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(content)).digest("hex");
}

export type StoredEvent = AuditContent & { id: bigint | number | string; prevHash: string; hash: string };

export type ChainBreak = { id: string; reason: "PREV_HASH_MISMATCH" | "HASH_MISMATCH"; expected: string; found: string };

/**
 * Checks a run of consecutive events, starting from `prevHash` (the hash before the first).
 * Returns the first broken link, or null, plus the last good hash to continue from.
 */
export function verifyRun(prevHash: string, events: readonly StoredEvent[]): { broken: ChainBreak | null; lastHash: string } {
  let expectedPrev = prevHash;
  for (const event of events) {
    const id = String(event.id);
    if (event.prevHash !== expectedPrev) {
      return { broken: { id, reason: "PREV_HASH_MISMATCH", expected: expectedPrev, found: event.prevHash }, lastHash: expectedPrev };
    }
    const recomputed = hashEvent(event.prevHash, contentOf(event));
    if (recomputed !== event.hash) {
      return { broken: { id, reason: "HASH_MISMATCH", expected: recomputed, found: event.hash }, lastHash: expectedPrev };
    }
    expectedPrev = event.hash;
  }
  return { broken: null, lastHash: expectedPrev };
}

export function contentOf(event: AuditContent): AuditContent {
  return {
    occurredAt: event.occurredAt,
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    actorType: event.actorType ?? undefined,
    actorRef: event.actorRef ?? undefined,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    summary: event.summary,
    requestMeta: event.requestMeta ?? null,
  };
}
