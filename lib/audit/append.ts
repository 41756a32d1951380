import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor, RequestMeta } from "@/lib/authz/actor";
import { lockForTransaction } from "@/lib/db/locks";
import type { Tx } from "@/lib/service-context";
import { ZAuditAction, ZAuditEntityType, type AuditAction, type AuditEntityType } from "./action-names";
import { contentOf, GENESIS_HASH, hashEvent, type AuditContent } from "./chain";

export type AuditEntry = {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  /** Small before/after summary: changed fields, names, counts. Never secrets or file bodies. */
  summary: Record<string, unknown>;
};

/** Who an event is attributed to: an actor, or a bare user (sign-in, before a session exists). */
export type AuditActor = Actor | Pick<Actor, "id" | "email"> | null;

/** How the actor is written into the event: id, readable label, type and reference. */
export function auditActorFields(actor: AuditActor): Pick<AuditContent, "actorId" | "actorLabel" | "actorType" | "actorRef"> {
  if (!actor) return { actorId: null, actorLabel: "system", actorType: "system", actorRef: null };
  if (!("kind" in actor)) return { actorId: actor.id, actorLabel: actor.email, actorType: "user", actorRef: null };
  switch (actor.kind) {
    case "user":
      return { actorId: actor.id, actorLabel: actor.email, actorType: "user", actorRef: null };
    case "token":
      return { actorId: actor.id, actorLabel: `${actor.email} (API token "${actor.token.name}")`, actorType: "token", actorRef: actor.token.id };
    case "system":
      return { actorId: null, actorLabel: `job:${actor.job}`, actorType: "system", actorRef: actor.job };
  }
}

/**
 * Appends an audit event inside the caller's transaction: if the event cannot be written,
 * the change it describes is rolled back too (fail closed). The action and entity type are
 * parsed against the closed lists in ./actions.ts; an unknown one throws, failing the
 * transaction.
 *
 * Appends are serialised by an advisory lock (lib/db/locks.ts) so the chain never forks;
 * the event stores SHA-256(previous hash + canonical JSON of its content) (./chain.ts).
 *
 * @returns the new event's id and hash.
 */
export async function appendAudit(tx: Tx, actor: AuditActor, entry: AuditEntry, meta?: RequestMeta) {
  const action = ZAuditAction.parse(entry.action);
  const entityType = ZAuditEntityType.parse(entry.entityType);
  await lockForTransaction(tx, "auditChain");
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content: AuditContent = {
    occurredAt: new Date().toISOString(),
    ...auditActorFields(actor),
    action,
    entityType,
    entityId: entry.entityId,
    // Round-trip through JSON so what we hash is exactly what jsonb will give back.
    summary: JSON.parse(JSON.stringify(entry.summary)),
    requestMeta: meta ? JSON.parse(JSON.stringify(meta)) : null,
  };
  // Hash exactly what the verifier will rebuild from the stored row (absent members dropped).
  const hash = hashEvent(prevHash, contentOf(content));
  return tx.auditEvent.create({
    data: {
      occurredAt: new Date(content.occurredAt),
      actorId: content.actorId,
      actorLabel: content.actorLabel,
      actorType: content.actorType,
      actorRef: content.actorRef,
      action: content.action,
      entityType: content.entityType,
      entityId: content.entityId,
      summary: content.summary as Prisma.InputJsonValue,
      requestMeta: (content.requestMeta ?? undefined) as Prisma.InputJsonValue | undefined,
      prevHash,
      hash,
    },
    select: { id: true, hash: true },
  });
}
