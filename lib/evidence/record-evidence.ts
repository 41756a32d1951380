import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { EvidenceKind } from "@/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append";
import { ValidationError } from "@/lib/errors";
import type { ServiceContext, DbOrTx } from "@/lib/service-context";
import { isUniqueViolation } from "@/lib/validation";
import { EVIDENCE_SELECT, toEvidenceDto, type EvidenceDto } from "./queries";
import type { EvidenceMeta } from "./schema";

export const ALREADY_REVISED_MESSAGE = "This evidence was already corrected by a newer revision.";

/** Everything about a new evidence row except its common metadata. */
export type EvidenceContent =
  | { kind: "LINK"; url: string }
  | { kind: "NOTE"; noteBody: string }
  | { kind: "FILE"; fileName: string; contentType: string; sizeBytes: number; sha256: string };

const revisionError = (message: string) => new ValidationError(message, { revisionOfId: [message] });

type Revisable = { systemId: string; deletedAt: Date | null; revisedBy: { id: string } | null } | null;

function assertRevisable(previous: Revisable, systemId: string) {
  if (!previous || previous.systemId !== systemId) throw revisionError("The evidence to correct was not found on this system.");
  if (previous.deletedAt) throw revisionError("Deleted evidence cannot be revised: add new evidence instead.");
  if (previous.revisedBy) throw revisionError(ALREADY_REVISED_MESSAGE);
}

/** Early, lock-free check (before reading an upload) that `revisionOfId` may be revised. */
export async function precheckRevision(db: DbOrTx, systemId: string, revisionOfId: string | null) {
  if (!revisionOfId) return;
  const previous = await db.evidence.findUnique({
    where: { id: revisionOfId },
    select: { systemId: true, deletedAt: true, revisedBy: { select: { id: true } } },
  });
  assertRevisable(previous, systemId);
}

/**
 * Inserts the evidence row, carries the checklist links of the revision it corrects over to
 * it, and writes `evidence.added`, all inside the caller's transaction. The one-successor rule
 * is the unique index on revisionOfId; `evidenceWriteError` turns its violation into a message.
 */
export async function recordEvidence(
  tx: Prisma.TransactionClient,
  { actor, meta: requestMeta }: ServiceContext,
  systemId: string,
  meta: EvidenceMeta,
  content: EvidenceContent,
  id?: string,
): Promise<EvidenceDto> {
  let linkedItemIds: string[] = [];
  if (meta.revisionOfId) {
    // FOR SHARE waits for (and then sees) a concurrent admin delete of the revised row.
    await tx.$queryRaw`SELECT 1 FROM "Evidence" WHERE id = ${meta.revisionOfId} FOR SHARE`;
    const previous = await tx.evidence.findUnique({
      where: { id: meta.revisionOfId },
      select: { systemId: true, deletedAt: true, revisedBy: { select: { id: true } }, links: { select: { itemId: true } } },
    });
    assertRevisable(previous, systemId);
    linkedItemIds = previous!.links.map((l) => l.itemId);
  }

  const row = await tx.evidence.create({
    data: {
      ...(id ? { id } : {}),
      systemId,
      kind: content.kind satisfies EvidenceKind,
      title: meta.title,
      description: meta.description,
      url: content.kind === "LINK" ? content.url : null,
      noteBody: content.kind === "NOTE" ? content.noteBody : null,
      fileName: content.kind === "FILE" ? content.fileName : null,
      contentType: content.kind === "FILE" ? content.contentType : null,
      sizeBytes: content.kind === "FILE" ? BigInt(content.sizeBytes) : null,
      sha256: content.kind === "FILE" ? content.sha256 : null,
      effectiveDate: new Date(meta.effectiveDate),
      expiresAt: meta.expiresAt ? new Date(meta.expiresAt) : null,
      revisionOfId: meta.revisionOfId,
      uploadedById: actor.id,
    },
    select: { id: true },
  });

  if (linkedItemIds.length) {
    // The checklist keeps its support: the correction inherits every link of what it corrects.
    await tx.checklistItemEvidence.createMany({
      data: linkedItemIds.map((itemId) => ({ itemId, evidenceId: row.id, linkedById: actor.id })),
    });
  }

  await appendAudit(
    tx,
    actor,
    {
      action: "evidence.added",
      entityType: "Evidence",
      entityId: row.id,
      summary: {
        systemId,
        kind: content.kind,
        title: meta.title,
        fileName: content.kind === "FILE" ? content.fileName : null,
        size: content.kind === "FILE" ? content.sizeBytes : null,
        sha256: content.kind === "FILE" ? content.sha256 : null,
        contentType: content.kind === "FILE" ? content.contentType : null,
        url: content.kind === "LINK" ? content.url : null,
        revisionOfId: meta.revisionOfId,
        copiedLinks: linkedItemIds.length,
      },
    },
    requestMeta,
  );

  const created = await tx.evidence.findUniqueOrThrow({ where: { id: row.id }, select: EVIDENCE_SELECT });
  return toEvidenceDto(created, new Map([[actor.id, { id: actor.id, name: actor.name }]]));
}

/** Maps a failed evidence insert to what the person can act on. */
export function evidenceWriteError(error: unknown): unknown {
  // Two corrections of the same evidence raced: the unique index on revisionOfId kept one.
  if (isUniqueViolation(error)) return revisionError(ALREADY_REVISED_MESSAGE);
  return error;
}
