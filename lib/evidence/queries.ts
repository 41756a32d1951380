import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { EvidenceKind } from "@/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append";
import { hasPermission } from "@/lib/authz/permissions";
import { assertCan } from "@/lib/authz/policy";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext, type DbOrTx } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { parseOrThrow } from "@/lib/validation";
import { canAddEvidence } from "./access";
import { evidenceState, isoDay, todayUtc, type EvidenceState } from "./rules";
import { ZListEvidenceQuery } from "./schema";
import { supportedControls, type SupportedControl } from "./supported-controls";

export const EVIDENCE_SELECT = {
  id: true,
  systemId: true,
  kind: true,
  title: true,
  description: true,
  url: true,
  noteBody: true,
  fileName: true,
  contentType: true,
  sizeBytes: true,
  sha256: true,
  effectiveDate: true,
  expiresAt: true,
  revisionOfId: true,
  revisedBy: { select: { id: true } },
  uploadedById: true,
  createdAt: true,
  deletedAt: true,
  deletedById: true,
  deletionReason: true,
  _count: { select: { links: true } },
} satisfies Prisma.EvidenceSelect;

export type EvidenceRow = Prisma.EvidenceGetPayload<{ select: typeof EVIDENCE_SELECT }>;

type Person = { id: string; name: string };

/** What pages and the API get: plain JSON, days as YYYY-MM-DD, instants as ISO strings. */
export type EvidenceDto = {
  id: string;
  systemId: string;
  kind: EvidenceKind;
  title: string;
  description: string | null;
  url: string | null;
  noteBody: string | null;
  fileName: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  effectiveDate: string;
  expiresAt: string | null;
  createdAt: string;
  uploadedBy: Person;
  revisionOfId: string | null;
  revisedById: string | null;
  state: EvidenceState;
  linkedItemCount: number;
  deletedAt: string | null;
  deletedBy: Person | null;
  deletionReason: string | null;
};

const unknownPerson = (id: string): Person => ({ id, name: "Unknown user" });

export function toEvidenceDto(row: EvidenceRow, people: ReadonlyMap<string, Person>, today = todayUtc()): EvidenceDto {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    systemId: row.systemId,
    kind: row.kind,
    title: row.title,
    description: row.description,
    // A tombstone shows what was there and why it went, not the content itself.
    url: deleted ? null : row.url,
    noteBody: deleted ? null : row.noteBody,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
    sha256: row.sha256,
    effectiveDate: isoDay(row.effectiveDate),
    expiresAt: row.expiresAt ? isoDay(row.expiresAt) : null,
    createdAt: row.createdAt.toISOString(),
    uploadedBy: people.get(row.uploadedById) ?? unknownPerson(row.uploadedById),
    revisionOfId: row.revisionOfId,
    revisedById: row.revisedBy?.id ?? null,
    state: evidenceState(
      { deletedAt: row.deletedAt, superseded: row.revisedBy !== null, effectiveDate: row.effectiveDate, expiresAt: row.expiresAt },
      today,
    ),
    linkedItemCount: row._count.links,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    deletedBy: row.deletedById ? (people.get(row.deletedById) ?? unknownPerson(row.deletedById)) : null,
    deletionReason: row.deletionReason,
  };
}

/** Evidence rows name their uploader and deleter by id (no relation): fetch those people once. */
export async function peopleOf(db: DbOrTx, rows: readonly EvidenceRow[]): Promise<Map<string, Person>> {
  const ids = [...new Set(rows.flatMap((r) => (r.deletedById ? [r.uploadedById, r.deletedById] : [r.uploadedById])))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u]));
}

/** An evidence item as lists show it: with the checklist controls it supports (by code, linking to each item). */
export type EvidenceListItem = EvidenceDto & { supports: SupportedControl[] };

/** A system's evidence, newest first, each with the controls it supports; deleted items (kept as a record) only when asked for. */
export async function listEvidence({ actor, db }: ServiceContext, systemId: string, rawQuery: unknown = {}): Promise<EvidenceListItem[]> {
  assertCan(actor, "evidence:read");
  await loadSystemFacts(db, actor, systemId);
  const query = parseOrThrow(ZListEvidenceQuery, rawQuery);
  const rows = await db.evidence.findMany({
    where: { systemId, ...(query.includeDeleted ? {} : { deletedAt: null }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: EVIDENCE_SELECT,
  });
  const [people, supports] = await Promise.all([peopleOf(db, rows), supportedControls(db, rows.map((r) => r.id))]);
  const today = todayUtc();
  return rows.map((row) => ({ ...toEvidenceDto(row, people, today), supports: supports.get(row.id) ?? [] }));
}

export type EvidenceDetail = EvidenceListItem & {
  system: { id: string; slug: string; name: string; archived: boolean };
  can: { download: boolean; revise: boolean; delete: boolean };
};

/** One evidence item (or its tombstone). Evidence of systems the actor cannot see is "not found". */
export async function getEvidence({ actor, db }: ServiceContext, evidenceId: string): Promise<EvidenceDetail> {
  assertCan(actor, "evidence:read");
  const row = await db.evidence.findUnique({
    where: { id: evidenceId },
    select: { ...EVIDENCE_SELECT, system: { select: { id: true, slug: true, name: true, archivedAt: true } } },
  });
  if (!row) throw new NotFoundError("Evidence not found.");
  const facts = await loadSystemFacts(db, actor, row.systemId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("Evidence not found.") : error;
  });
  const { system, ...evidence } = row;
  const [people, supports] = await Promise.all([peopleOf(db, [evidence]), supportedControls(db, [evidence.id])]);
  const dto = { ...toEvidenceDto(evidence, people), supports: supports.get(evidence.id) ?? [] };
  const archived = system.archivedAt !== null;
  const live = dto.deletedAt === null;
  return {
    ...dto,
    system: { id: system.id, slug: system.slug, name: system.name, archived },
    can: {
      download: live && dto.kind === "FILE",
      revise: live && dto.revisedById === null && !archived && canAddEvidence(actor, facts),
      delete: live && hasPermission(actor.role, "evidence:delete"),
    },
  };
}

export type EvidenceDownload = {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  stream: ReadableStream<Uint8Array>;
};

/**
 * Opens a stored file for download. The download is audited (every export is) before the
 * first byte leaves; the content is read one chunk per pull, never whole, and re-hashed on
 * the way out so damaged content errors the stream instead of arriving silently.
 */
export async function openEvidenceDownload({ actor, db, meta }: ServiceContext, evidenceId: string): Promise<EvidenceDownload> {
  assertCan(actor, "evidence:read");
  const row = await db.evidence.findUnique({
    where: { id: evidenceId },
    select: { id: true, systemId: true, kind: true, fileName: true, contentType: true, sizeBytes: true, sha256: true, deletedAt: true },
  });
  if (!row) throw new NotFoundError("Evidence not found.");
  await loadSystemFacts(db, actor, row.systemId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("Evidence not found.") : error;
  });
  if (row.deletedAt) throw new NotFoundError("This evidence was deleted by an admin.");
  if (row.kind !== "FILE" || !row.fileName || !row.sha256 || row.sizeBytes === null) {
    throw new ValidationError("This evidence is a link or a note: it has no file to download.");
  }
  const file = { fileName: row.fileName, contentType: row.contentType ?? "application/octet-stream", size: Number(row.sizeBytes), sha256: row.sha256 };

  await withTransaction({ actor, db, meta }, ({ db: tx }) =>
    appendAudit(
      tx,
      actor,
      { action: "evidence.downloaded", entityType: "Evidence", entityId: row.id, summary: { systemId: row.systemId, ...file } },
      meta,
    ),
  );
  return { ...file, stream: chunkStream(db, row.id, file.size, file.sha256) };
}

function chunkStream(db: DbOrTx, evidenceId: string, size: number, sha256: string): ReadableStream<Uint8Array> {
  const hash = createHash("sha256");
  let lastSeq = -1;
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const chunk = await db.evidenceChunk.findFirst({
          where: { evidenceId, seq: { gt: lastSeq } },
          orderBy: { seq: "asc" },
          select: { seq: true, data: true },
        });
        if (!chunk) {
          // Content purged mid-download, or damaged: fail the transfer rather than end it "successfully".
          if (sent !== size || hash.digest("hex") !== sha256) {
            controller.error(new Error(`Stored content of evidence ${evidenceId} does not match its recorded size and SHA-256.`));
          } else {
            controller.close();
          }
          return;
        }
        lastSeq = chunk.seq;
        sent += chunk.data.byteLength;
        hash.update(chunk.data);
        controller.enqueue(chunk.data);
      },
    },
    // Pull the next chunk only once the previous one has been taken: at most one waits in memory.
    { highWaterMark: 0 },
  );
}
