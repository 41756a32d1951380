import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { refreshApprovalStaleness } from "@/lib/approvals/staleness-hook";
import { assertCan } from "@/lib/authz/policy";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { parseOrThrow } from "@/lib/validation";
import { ZDeleteEvidenceInput } from "./schema";

const ALREADY_DELETED = "This evidence was already deleted.";

/**
 * Admin-only: turns evidence into a tombstone (who, when, why) and purges its stored file.
 * The row stays, so checklist links, revisions and the audit trail still point at something.
 */
export async function deleteEvidence(
  { actor, db, meta }: ServiceContext,
  evidenceId: string,
  rawInput: unknown,
): Promise<{ id: string; deleted: true; purgedChunks: number }> {
  assertCan(actor, "evidence:delete");
  const { reason } = parseOrThrow(ZDeleteEvidenceInput, rawInput);
  const evidence = await db.evidence.findUnique({
    where: { id: evidenceId },
    select: { id: true, systemId: true, kind: true, title: true, fileName: true, sizeBytes: true, sha256: true, deletedAt: true },
  });
  if (!evidence) throw new NotFoundError("Evidence not found.");
  await loadSystemFacts(db, actor, evidence.systemId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("Evidence not found.") : error;
  });
  if (evidence.deletedAt) throw new ValidationError(ALREADY_DELETED);

  const purgedChunks = await withTransaction({ actor, db, meta }, async ({ db: tx }) => {
    // Only the tombstone columns may change (the database trigger enforces it); the guard on
    // deletedAt makes a concurrent second delete a no-op we can report.
    const { count } = await tx.evidence.updateMany({
      where: { id: evidenceId, deletedAt: null },
      // Purge the content: file chunks below, a note's text and a link's address here.
      data: { deletedAt: new Date(), deletedById: actor.id, deletionReason: reason, noteBody: null, url: null },
    });
    if (count === 0) throw new ValidationError(ALREADY_DELETED);
    const purged = await tx.evidenceChunk.deleteMany({ where: { evidenceId } });
    await refreshApprovalStaleness(tx, actor, evidence.systemId, { change: "evidence.deleted", id: evidenceId }, { meta });
    await appendAudit(
      tx,
      actor,
      {
        action: "evidence.deleted",
        entityType: "Evidence",
        entityId: evidenceId,
        summary: {
          systemId: evidence.systemId,
          kind: evidence.kind,
          title: evidence.title,
          fileName: evidence.fileName,
          size: evidence.sizeBytes === null ? null : Number(evidence.sizeBytes),
          sha256: evidence.sha256,
          reason,
          purgedChunks: purged.count,
        },
      },
      meta,
    );
    return purged.count;
  });
  return { id: evidenceId, deleted: true, purgedChunks };
}
