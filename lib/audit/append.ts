import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor, RequestMeta } from "@/lib/authz/actor";
import { GENESIS_HASH, hashEvent, type AuditContent } from "./chain";

/** Advisory lock key that serialises appends, so two transactions never fork the chain. */
const AUDIT_CHAIN_LOCK = 724_001;

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  /** Small before/after summary: changed fields, names, counts. Never secrets or file bodies. */
  summary: Record<string, unknown>;
};

/**
 * Appends an audit event inside the caller's transaction: if the event cannot be written,
 * the change it describes is rolled back too (fail closed).
 */
export async function appendAudit(
  tx: Prisma.TransactionClient,
  actor: Pick<Actor, "id" | "email"> | null,
  entry: AuditEntry,
  meta?: RequestMeta,
) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::bigint)`;
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content: AuditContent = {
    occurredAt: new Date().toISOString(),
    actorId: actor?.id ?? null,
    actorLabel: actor?.email ?? "system",
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    // Round-trip through JSON so what we hash is exactly what jsonb will give back.
    summary: JSON.parse(JSON.stringify(entry.summary)),
    requestMeta: meta ? JSON.parse(JSON.stringify(meta)) : null,
  };
  const hash = hashEvent(prevHash, content);
  return tx.auditEvent.create({
    data: {
      occurredAt: new Date(content.occurredAt),
      actorId: content.actorId,
      actorLabel: content.actorLabel,
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
