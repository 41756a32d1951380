import "server-only";
import { assertCan } from "@/lib/authz/policy";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadEvidenceTarget } from "./access";
import type { EvidenceDto } from "./queries";
import { evidenceWriteError, recordEvidence, type EvidenceContent } from "./record-evidence";
import { ZEvidenceKindOnly, ZLinkEvidenceInput, ZNoteEvidenceInput, type EvidenceMeta } from "./schema";

/** Adds a link (e.g. to a ticket, dashboard or signed report) as evidence for a system. */
export async function addLinkEvidence(ctx: ServiceContext, systemId: string, rawInput: unknown): Promise<EvidenceDto> {
  assertCan(ctx.actor, "evidence:add");
  await loadEvidenceTarget(ctx.db, ctx.actor, systemId);
  const { url, ...meta } = parseOrThrow(ZLinkEvidenceInput, rawInput);
  return addEvidenceRow(ctx, systemId, meta, { kind: "LINK", url });
}

/** Adds a written note (e.g. a decision record) as evidence for a system. */
export async function addNoteEvidence(ctx: ServiceContext, systemId: string, rawInput: unknown): Promise<EvidenceDto> {
  assertCan(ctx.actor, "evidence:add");
  await loadEvidenceTarget(ctx.db, ctx.actor, systemId);
  const { body, ...meta } = parseOrThrow(ZNoteEvidenceInput, rawInput);
  return addEvidenceRow(ctx, systemId, meta, { kind: "NOTE", noteBody: body });
}

/** `{ kind: "LINK" | "NOTE", ... }` from the JSON endpoint. Files go through storeEvidenceFile. */
export async function addEvidence(ctx: ServiceContext, systemId: string, rawInput: unknown): Promise<EvidenceDto> {
  assertCan(ctx.actor, "evidence:add");
  const { kind } = parseOrThrow(ZEvidenceKindOnly, rawInput);
  return kind === "LINK" ? addLinkEvidence(ctx, systemId, rawInput) : addNoteEvidence(ctx, systemId, rawInput);
}

async function addEvidenceRow(ctx: ServiceContext, systemId: string, meta: EvidenceMeta, content: EvidenceContent) {
  try {
    return await withTransaction(ctx, ({ db: tx }) => recordEvidence(tx, ctx, systemId, meta, content));
  } catch (error) {
    throw evidenceWriteError(error);
  }
}
